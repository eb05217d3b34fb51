"""Planner: budgets, month status and the alerts a write raises, each exactly once."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from fixed_clock import FixedClock

from sbp.core.budget import BudgetState
from sbp.core.errors import InvalidAmount, InvalidDate, InvalidInput, NotFound
from sbp.core.model import Budget
from sbp.core.periods import Month
from sbp.planner import Planner
from sbp.store.memory import MemoryLedger

NOV = Month(2026, 11)


def test_a_budget_without_a_month_applies_to_every_month(planner: Planner) -> None:
    budget = planner.set_budget(" Coffee ", "60").budget

    assert budget == Budget("coffee", Decimal("60.00"), "USD")
    assert planner.status("2027-03").category("coffee").limit == Decimal("60.00")


def test_a_budget_for_one_month_overrides_the_every_month_one_there_only(
    planner: Planner,
) -> None:
    planner.set_budget("coffee", "60")
    planner.set_budget("coffee", "90", month="2026-12")

    assert planner.status("2026-11").category("coffee").limit == Decimal("60.00")
    assert planner.status("2026-12").category("coffee").limit == Decimal("90.00")
    assert len(planner.budgets()) == 2


@pytest.mark.parametrize(
    ("amount", "month", "error", "says"),
    [
        ("-5", None, InvalidInput, "cannot be negative"),
        ("5EUR", None, InvalidInput, "store's currency, USD"),
        ("abc", None, InvalidAmount, "not a number"),
        ("60", "2026-13", InvalidDate, "does not exist"),
    ],
)
def test_bad_budgets_are_refused_and_nothing_is_stored(
    planner: Planner, amount: str, month: str | None, error: type[Exception], says: str
) -> None:
    with pytest.raises(error, match=says):
        planner.set_budget("coffee", amount, month=month)
    assert planner.budgets() == []


def test_a_zero_budget_is_allowed(planner: Planner) -> None:
    assert planner.set_budget("gifts", "0").budget.limit == 0


def test_removing_a_budget_that_does_not_exist_says_so(planner: Planner) -> None:
    planner.set_budget("coffee", "60", month="2026-11")

    with pytest.raises(NotFound, match="no budget for 'coffee' for every month"):
        planner.remove_budget("coffee")
    assert planner.remove_budget("COFFEE", "2026-11").limit == Decimal("60.00")
    assert planner.budgets() == []


def test_status_shows_the_month_against_its_budgets(planner: Planner) -> None:
    planner.set_budget("coffee", "60")
    planner.set_budget("groceries", "300")
    planner.add_expense("42.50", "Blue Bottle")
    planner.add_expense("320", "LIDL weekly shop")
    planner.add_expense("35.25", "Lunch")
    planner.add_expense("3000", "Salary", category="income")
    planner.add_expense("8", "Café in Paris", currency="EUR")
    planner.add_expense("99", "Blue Bottle", on="2026-10-31")

    status = planner.status()

    assert status.month == NOV
    coffee, groceries = status.categories
    assert (coffee.spent, coffee.remaining, coffee.percent) == (
        Decimal("42.50"),
        Decimal("17.50"),
        Decimal("70.8"),
    )
    assert coffee.state is BudgetState.FINE
    assert groceries.state is BudgetState.OVER
    assert status.unbudgeted == {"dining": Decimal("35.25")}
    assert status.other_currencies == {"EUR": Decimal("8.00")}
    assert status.total == Decimal("397.75")
    assert status.days_left == 8
    assert (status.remaining, status.budget_totals.over) == (Decimal("-2.50"), Decimal("20.00"))
    assert status.safe_daily == 0


def test_status_of_another_month_counts_that_month_only(planner: Planner) -> None:
    planner.set_budget("coffee", "60")
    planner.add_expense("99", "Blue Bottle", on="2026-10-31")

    october = planner.status("2026-10")

    assert october.category("coffee").spent == Decimal("99.00")
    assert october.days_left == 0
    assert planner.status().category("coffee").spent == 0


def test_crossing_80_percent_raises_one_alert_and_records_it(planner: Planner) -> None:
    planner.set_budget("coffee", "60")
    assert planner.add_expense("40", "coffee").alerts == ()

    change = planner.add_expense("8", "coffee")

    [alert] = change.alerts
    assert alert.dedupe_key == "2026-11#coffee#80"
    assert alert.message == "Coffee passed 80% of its budget: $48.00 of $60.00 in 2026-11 (80.0%)"
    assert planner.notifications() == [alert]


def test_an_alert_is_raised_once_even_if_spending_dips_and_crosses_again(
    planner: Planner, clock: FixedClock
) -> None:
    planner.set_budget("coffee", "60")
    planner.add_expense("50", "coffee")
    refund = planner.add_expense("-20", "coffee refund", category="coffee")
    clock.advance(minutes=1)

    again = planner.add_expense("25", "coffee")
    planner.remove_expense(refund.expense.id)

    assert again.alerts == ()
    assert [n.dedupe_key for n in planner.notifications()] == ["2026-11#coffee#80"]


def test_one_expense_past_both_thresholds_raises_both_alerts(planner: Planner) -> None:
    planner.set_budget("coffee", "60")
    planner.add_expense("10", "coffee")

    change = planner.add_expense("65", "coffee")

    assert [a.dedupe_key for a in change.alerts] == ["2026-11#coffee#80", "2026-11#coffee#100"]
    assert change.alerts[1].message.startswith("Coffee is over budget: $75.00 of $60.00")
    assert len(planner.notifications()) == 2


def test_alerts_follow_the_configured_thresholds(ledger: MemoryLedger, clock: FixedClock) -> None:
    planner = Planner(ledger, clock, thresholds=(50, 90, 100))
    planner.set_budget("coffee", "100")

    change = planner.add_expense("95", "coffee")

    assert [a.dedupe_key.rsplit("#")[-1] for a in change.alerts] == ["50", "90"]


def test_the_same_threshold_in_another_month_raises_a_new_alert(planner: Planner) -> None:
    planner.set_budget("coffee", "60")
    planner.add_expense("50", "coffee", on="2026-10-15")

    change = planner.add_expense("50", "coffee")

    assert [a.dedupe_key for a in change.alerts] == ["2026-11#coffee#80"]
    assert len(planner.notifications()) == 2


def test_unread_alerts_can_be_marked_read(planner: Planner) -> None:
    planner.set_budget("coffee", "10")
    planner.add_expense("20", "coffee")

    assert len(planner.notifications(unread_only=True)) == 2
    assert planner.mark_notifications_read() == 2
    assert planner.notifications(unread_only=True) == []
    assert len(planner.notifications()) == 2


def test_spending_without_a_budget_raises_no_alert(planner: Planner) -> None:
    change = planner.add_expense("5000", "coffee")

    assert (change.budget, change.alerts) == (None, ())
    assert planner.status().unbudgeted == {"coffee": Decimal("5000.00")}
    assert planner.notifications() == []
    assert planner.status().days_left == (date(2026, 11, 30) - date(2026, 11, 23)).days + 1


def test_editing_an_expense_already_past_a_threshold_does_not_cross_it_again(
    planner: Planner,
) -> None:
    expense = planner.add_expense("42", "coffee").expense
    planner.set_budget("coffee", "50")  # 84% already, set after the spending: alerts at once

    change = planner.edit_expense(expense.id, amount="43")

    assert change.alerts == ()
    assert [n.dedupe_key for n in planner.notifications()] == ["2026-11#coffee#80"]


@pytest.mark.parametrize(
    ("spent", "limit", "keys"),
    [
        ("12.50", "15", ["2026-11#coffee#80"]),
        ("1234.56", "1000", ["2026-11#coffee#80", "2026-11#coffee#100"]),
        ("15", "15", ["2026-11#coffee#80", "2026-11#coffee#100"]),
        ("11.99", "15", []),
    ],
)
def test_a_budget_set_below_what_is_already_spent_raises_the_alerts_it_crosses(
    planner: Planner, spent: str, limit: str, keys: list[str]
) -> None:
    planner.add_expense(spent, "coffee")

    change = planner.set_budget("coffee", limit)

    assert [a.dedupe_key for a in change.alerts] == keys
    assert change.status is not None and change.status.spent == Decimal(spent)
    assert sorted(n.dedupe_key for n in planner.notifications()) == sorted(keys)


def test_lowering_a_budget_alerts_only_for_thresholds_not_alerted_before(
    planner: Planner,
) -> None:
    planner.set_budget("coffee", "60")
    planner.add_expense("50", "coffee")  # 83%: the 80% alert

    lowered = planner.set_budget("coffee", "40")
    again = planner.set_budget("coffee", "30")

    assert [a.dedupe_key for a in lowered.alerts] == ["2026-11#coffee#100"]
    assert again.alerts == ()
    assert len(planner.notifications()) == 2


def test_a_budget_for_another_month_checks_that_months_spending(planner: Planner) -> None:
    planner.add_expense("90", "flight", category="travel", on="2026-12-01")
    planner.add_expense("90", "train", category="travel")

    december = planner.set_budget("travel", "100", month="2026-12")

    assert [a.dedupe_key for a in december.alerts] == ["2026-12#travel#80"]


def test_an_every_month_budget_overridden_this_month_raises_nothing(planner: Planner) -> None:
    planner.set_budget("coffee", "500", month="2026-11")
    planner.add_expense("50", "coffee")

    change = planner.set_budget("coffee", "10")

    assert change.alerts == ()
    assert planner.notifications() == []


def test_alerts_raised_together_list_newest_first_in_the_order_raised(planner: Planner) -> None:
    planner.set_budget("coffee", "60")
    planner.set_budget("dining", "10")
    planner.add_expense("75", "coffee")
    planner.add_expense("20", "Lunch")

    assert [n.dedupe_key for n in planner.notifications()] == [
        "2026-11#dining#100",
        "2026-11#dining#80",
        "2026-11#coffee#100",
        "2026-11#coffee#80",
    ]
