"""`Planner.report`: one streamed pass over the period, figures that agree with `status`."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from fixed_clock import FixedClock

from sbp.core.model import Expense, ExpenseQuery
from sbp.core.periods import Month
from sbp.core.report_periods import ReportPeriod
from sbp.planner import Planner
from sbp.store.memory import MemoryLedger
from sbp.store.sqlite import SqliteLedger


def seed(planner: Planner) -> None:
    planner.set_budget("coffee", "20")
    planner.set_budget("groceries", "300")
    planner.set_budget("groceries", "250", "2026-11")
    for amount, text, on, currency in [
        ("4.50", "Café Müller", "2026-11-02", None),
        ("18.00", "Starbucks #12", "2026-11-12", None),
        ("120.40", "Rewe Straße", "2026-11-05", None),
        ("-10.00", "Rewe refund", "2026-11-06", None),
        ("9.99", "croissant", "2026-11-07", "EUR"),
        ("30.00", "Whole Foods", "2026-10-31", None),
        ("15.00", "Whole Foods", "2026-10-30", None),
    ]:
        category = "coffee" if "Caf" in text or "Star" in text else "groceries"
        planner.add_expense(amount, text, on=on, category=category, currency=currency)


def test_a_months_report_equals_its_status_on_sqlite(tmp_path: Path, clock: FixedClock) -> None:
    ledger = SqliteLedger(tmp_path / "sbp.db")
    planner = Planner(ledger, clock, base_currency="USD")
    seed(planner)
    report = planner.report(ReportPeriod.month(Month(2026, 11)))
    status = planner.status("2026-11")
    assert report.budgets == status.categories
    assert report.spent == status.total == Decimal("132.90")
    assert (report.budgeted, report.remaining) == (status.budgeted, status.remaining)
    assert dict(report.other_currencies) == dict(status.other_currencies)
    assert report.previous_spent == Decimal("45.00")
    ledger.close()


def test_the_default_period_is_this_month_by_the_planners_clock(planner: Planner) -> None:
    seed(planner)
    report = planner.report()
    assert report.period == ReportPeriod.month(Month(2026, 11))
    assert report.generated_at == planner.clock.now()


def test_previous_spending_of_a_range_counts_partial_months_day_by_day(planner: Planner) -> None:
    seed(planner)
    # 1-9 Nov before 10-18 Nov: Nov 2 coffee 4.50, Nov 5-6 groceries 110.40, Nov 7 in EUR
    report = planner.report(planner.report_period(start="2026-11-10", end="2026-11-18"))
    assert report.previous_spent == Decimal("114.90")
    assert report.spent == Decimal("18.00")
    # a week is 7/30 of November's limits
    assert [(b.category, b.limit) for b in report.budgets] == [
        ("coffee", Decimal("6.00")),
        ("groceries", Decimal("75.00")),
    ]


def test_alerts_raised_in_the_month_are_in_its_report(planner: Planner) -> None:
    seed(planner)  # 22.50 of a 20.00 coffee budget: 80% and 100% alerts
    messages = [a.message for a in planner.report().alerts]
    assert any("Coffee is over budget" in m for m in messages)
    assert planner.report(ReportPeriod.month(Month(2026, 10))).alerts == ()


class CountingLedger(MemoryLedger):
    """Remembers how the report asked for expenses."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[ExpenseQuery] = []

    def iter_expenses(self, query: ExpenseQuery) -> Iterator[Expense]:
        self.asked.append(query)
        return super().iter_expenses(query)


def test_the_period_is_streamed_once_oldest_first(clock: FixedClock) -> None:
    ledger = CountingLedger()
    planner = Planner(ledger, clock, base_currency="USD")
    seed(planner)
    report = planner.report(ReportPeriod.month(Month(2026, 11)))
    assert len(ledger.asked) == 1  # October is a whole month: its aggregates are enough
    assert ledger.asked[0].newest_first is False
    dates = [line.date for line in report.expenses]
    assert dates == sorted(dates)
