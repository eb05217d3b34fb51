"""What a report adds up: spending, budgets over the period, charts' buckets, top lists, alerts."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from itertools import count

from sbp.core.budget import month_status
from sbp.core.model import Budget, CategorySource, CategoryTotal, Expense, Notification
from sbp.core.periods import Month
from sbp.core.report_periods import ReportPeriod
from sbp.core.reports import Granularity, ReportBuilder, ReportData, TimelinePoint, alerts_in

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
NOVEMBER = ReportPeriod.month(Month(2026, 11))
_serial = count()


def spend(
    amount: str,
    description: str = "coffee",
    category: str = "coffee",
    on: date = date(2026, 11, 10),
    currency: str = "USD",
    receipt: str | None = None,
) -> Expense:
    return Expense(
        id=f"01KAB{next(_serial):021d}",
        date=on,
        amount=Decimal(amount),
        currency=currency,
        description=description,
        category=category,
        category_source=CategorySource.USER,
        created_at=NOW,
        updated_at=NOW,
        receipt_key=receipt,
    )


def build(
    expenses: list[Expense],
    period: ReportPeriod = NOVEMBER,
    budgets: tuple[Budget, ...] = (),
    previous: str = "0",
) -> ReportData:
    builder = ReportBuilder(period, "USD")
    for expense in sorted(expenses, key=lambda e: (e.date, e.id)):
        builder.add(expense)
    return builder.finish(budgets, (), Decimal(previous), NOW)


def test_totals_count_base_currency_spending_but_not_income_transfers_or_other_currencies() -> None:
    report = build(
        [
            spend("4.50"),
            spend("-1.50", "coffee refund"),
            spend("2500", "salary", "income"),
            spend("300", "to savings", "transfer"),
            spend("12", "croissant", "dining", currency="EUR"),
        ]
    )
    assert report.spent == Decimal("3.00")
    assert report.other_currencies == {"EUR": Decimal("12")}
    assert len(report.expenses) == 5  # the full list still shows every one


def test_budget_lines_for_a_month_equal_the_status_of_that_month() -> None:
    budgets = (
        Budget("coffee", Decimal("60"), "USD"),
        Budget("dining", Decimal("100"), "USD", Month(2026, 11)),
        Budget("dining", Decimal("999"), "USD"),
    )
    expenses = [spend("70"), spend("20", "Sushi", "dining"), spend("8", "bus", "transport")]
    report = build(expenses, budgets=budgets)
    totals = [
        CategoryTotal("coffee", "USD", Decimal("70"), 1),
        CategoryTotal("dining", "USD", Decimal("20"), 1),
        CategoryTotal("transport", "USD", Decimal("8"), 1),
    ]
    status = month_status(Month(2026, 11), "USD", budgets, totals, date(2026, 11, 23))
    assert report.budgets == status.categories
    assert (report.spent, report.budgeted, report.remaining) == (
        status.total,
        status.budgeted,
        status.remaining,
    )
    assert [b.category for b in report.over_budget] == ["coffee"]


def test_budgets_over_a_week_are_the_monthly_limit_in_proportion_to_the_days() -> None:
    week = ReportPeriod.week(2026, 47)  # seven days of a thirty-day November
    report = build(
        [spend("5", on=date(2026, 11, 17))], week, (Budget("coffee", Decimal("60"), "USD"),)
    )
    assert report.budgets[0].limit == Decimal("14.00")


def test_budgets_over_a_year_add_up_every_month() -> None:
    budgets = (
        Budget("coffee", Decimal("60"), "USD"),
        Budget("coffee", Decimal("0"), "USD", Month(2026, 8)),
    )
    report = build([spend("5")], ReportPeriod.year(2026), budgets)
    assert report.budgets[0].limit == Decimal("660")


def test_a_month_is_charted_by_day_with_empty_days_as_zero() -> None:
    report = build([spend("3", on=date(2026, 11, 2)), spend("4", on=date(2026, 11, 2))])
    assert report.granularity is Granularity.DAY
    assert len(report.timeline) == 30
    assert report.timeline[1].start == date(2026, 11, 2)
    assert report.timeline[1].spent == Decimal("7")
    assert report.timeline[0].spent == 0


def test_a_year_is_charted_by_week_starting_on_mondays() -> None:
    report = build([spend("9", on=date(2026, 1, 1))], ReportPeriod.year(2026))
    assert report.granularity is Granularity.WEEK
    assert report.timeline[0].start == date(2025, 12, 29)
    assert report.timeline[0].spent == Decimal("9")
    assert len(report.timeline) == 53


def test_merchants_are_grouped_by_normalised_description() -> None:
    report = build(
        [
            spend("5", "STARBUCKS #1234 SEATTLE"),
            spend("6", "Starbucks #998 Seattle"),
            spend("30", "Café Müller"),
        ]
    )
    assert [(m.name, m.spent, m.count) for m in report.merchants] == [
        ("Café Müller", Decimal("30"), 1),
        ("STARBUCKS #1234 SEATTLE", Decimal("11"), 2),
    ]


def test_largest_expenses_are_the_biggest_spending_first() -> None:
    amounts = [str(n) for n in range(1, 15)] + ["5000"]
    report = build([spend(a) for a in amounts] + [spend("9000", "salary", "income")])
    assert [line.amount for line in report.largest][:3] == [Decimal(5000), Decimal(14), Decimal(13)]
    assert len(report.largest) == 10


def test_categories_are_ordered_by_spending_with_their_share() -> None:
    report = build([spend("75", "rent", "housing"), spend("25")])
    assert [(c.category, c.share) for c in report.categories] == [
        ("housing", Decimal("75.0")),
        ("coffee", Decimal("25.0")),
    ]


def test_change_is_against_the_previous_period() -> None:
    report = build([spend("150")], previous="100")
    assert (report.change, report.change_percent) == (Decimal("50"), Decimal("50.0"))
    assert build([spend("1")]).change_percent is None


def test_receipts_are_marked_in_the_full_list() -> None:
    report = build([spend("5", receipt="receipts/x.jpg"), spend("6")])
    assert [line.has_receipt for line in report.expenses] == [True, False]


def test_alerts_about_the_month_or_raised_in_the_period_are_kept() -> None:
    def alert(key: str, month: Month | None, raised: datetime) -> Notification:
        return Notification(key, raised, "budget", f"alert {key}", key, month=month)

    alerts = [
        alert("late", Month(2026, 11), datetime(2026, 12, 2, tzinfo=UTC)),
        alert("oct", Month(2026, 10), datetime(2026, 10, 30, tzinfo=UTC)),
        alert("plain", None, datetime(2026, 11, 5, tzinfo=UTC)),
        alert("week", Month(2026, 11), datetime(2026, 11, 17, tzinfo=UTC)),
    ]
    in_november = alerts_in(alerts, NOVEMBER)
    assert [a.message for a in in_november] == ["alert plain", "alert week", "alert late"]
    in_week = alerts_in(alerts, ReportPeriod.week(2026, 47))
    assert [a.message for a in in_week] == ["alert week"]


def test_an_empty_period_is_empty() -> None:
    report = build([])
    assert report.is_empty
    assert report.spent == 0
    assert all(point.spent == 0 for point in report.timeline)


def test_the_last_month_of_the_calendar_is_charted_to_its_last_day() -> None:
    december = ReportPeriod.month(Month(9999, 12))
    report = build([spend("5", on=date(9999, 12, 31))], december)
    assert len(report.timeline) == 31
    assert report.timeline[-1] == TimelinePoint(date(9999, 12, 31), Decimal("5"))
    assert build([], ReportPeriod.year(9999)).timeline[-1].start == date(9999, 12, 27)
