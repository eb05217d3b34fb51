"""Where a month stands: effective budgets, percent, states, the safe daily amount."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sbp.core.budget import (
    BudgetState,
    BudgetTotals,
    CategoryStatus,
    MonthStatus,
    effective_budgets,
    month_status,
)
from sbp.core.errors import NotFound
from sbp.core.model import Budget, CategoryTotal
from sbp.core.periods import Month

NOV = Month(2026, 11)
DEC = Month(2026, 12)
TODAY = date(2026, 11, 23)  # 8 days left in November, today included


def d(text: str) -> Decimal:
    return Decimal(text)


def test_a_budget_for_the_month_beats_the_every_month_budget() -> None:
    every = Budget("coffee", d("60"), "USD")
    november = Budget("coffee", d("90"), "USD", NOV)

    assert effective_budgets([november, every], NOV)["coffee"] == november
    assert effective_budgets([every, november], NOV)["coffee"] == november
    assert effective_budgets([every, november], DEC)["coffee"] == every


def test_a_budget_for_another_month_does_not_apply() -> None:
    assert effective_budgets([Budget("travel", d("500"), "USD", DEC)], NOV) == {}


@pytest.mark.parametrize(
    ("spent", "limit", "percent", "state"),
    [
        ("0", "60", "0.0", BudgetState.FINE),
        ("47.99", "60", "80.0", BudgetState.WARNING),
        ("47.99", "60.00", "80.0", BudgetState.WARNING),
        ("47.90", "60", "79.8", BudgetState.FINE),
        ("60", "60", "100.0", BudgetState.WARNING),
        ("60.01", "60", "100.0", BudgetState.OVER),
        ("90", "60", "150.0", BudgetState.OVER),
        ("5", "0", "100", BudgetState.OVER),
        ("0", "0", "0", BudgetState.FINE),
        ("-5", "60", "-8.3", BudgetState.FINE),  # refunds only
    ],
)
def test_percent_and_state_follow_spending_against_the_limit(
    spent: str, limit: str, percent: str, state: BudgetState
) -> None:
    status = CategoryStatus("coffee", d(spent), d(limit), "USD")

    assert status.percent == d(percent)
    assert status.state is state
    assert status.remaining == d(limit) - d(spent)


def totals(*rows: tuple[str, str, str]) -> list[CategoryTotal]:
    return [CategoryTotal(category, currency, d(spent), 1) for category, currency, spent in rows]


def november_status() -> MonthStatus:
    budgets = [
        Budget("coffee", d("60"), "USD"),
        Budget("groceries", d("400"), "USD"),
        Budget("groceries", d("300"), "USD", NOV),
        Budget("travel", d("1000"), "USD", DEC),
    ]
    spent = totals(
        ("coffee", "USD", "42.50"),
        ("groceries", "USD", "320.00"),
        ("dining", "USD", "35.25"),
        ("income", "USD", "-3000.00"),
        ("transfer", "USD", "500.00"),
        ("coffee", "EUR", "8.00"),
        ("dining", "EUR", "12.00"),
    )
    return month_status(NOV, "USD", budgets, spent, TODAY)


def test_status_lists_every_budgeted_category_with_its_effective_limit() -> None:
    status = month_status(NOV, "USD", [Budget("coffee", d("60"), "USD")], [], TODAY)
    full = november_status()
    assert status.category("coffee").spent == 0

    assert [(c.category, c.spent, c.limit) for c in full.categories] == [
        ("coffee", d("42.50"), d("60")),
        ("groceries", d("320.00"), d("300")),
    ]


def test_unbudgeted_spending_is_shown_apart_and_counts_in_the_total() -> None:
    status = november_status()

    assert status.unbudgeted == {"dining": d("35.25")}
    assert status.total == d("397.75")


def test_income_and_transfers_are_not_spending() -> None:
    status = november_status()

    assert "income" not in status.unbudgeted
    assert "transfer" not in status.unbudgeted


def test_other_currencies_are_kept_apart_not_added_to_the_base_currency() -> None:
    status = november_status()

    assert status.other_currencies == {"EUR": d("20.00")}
    assert status.category("coffee").spent == d("42.50")


def test_remaining_counts_overspending_and_the_overspending_is_shown_apart() -> None:
    status = november_status()

    # coffee has 17.50 left, groceries is 20.00 over: together 2.50 more than budgeted
    assert status.budgeted == d("360")
    assert status.remaining == d("-2.50")
    assert status.budget_totals.over == d("20.00")
    assert status.budget_totals.over_categories == ("groceries",)
    assert status.safe_daily == 0


@pytest.mark.parametrize(
    ("rows", "remaining", "over", "over_categories"),
    [
        ([("60", "42.50"), ("300", "320")], "-2.50", "20", ("b",)),
        ([("60", "10"), ("300", "320"), ("1500", "0")], "1530", "20", ("b",)),
        ([("60", "60"), ("300", "0")], "300", "0", ()),
        ([("60", "-5")], "65", "0", ()),
        ([("0", "5"), ("10", "40")], "-35", "35", ("a", "b")),
        ([], "0", "0", ()),
    ],
)
def test_remaining_is_budgeted_less_spent_and_over_adds_what_passed_each_limit(
    rows: list[tuple[str, str]], remaining: str, over: str, over_categories: tuple[str, ...]
) -> None:
    statuses = [
        CategoryStatus(name, d(spent), d(limit), "USD")
        for name, (limit, spent) in zip("abc", rows, strict=False)
    ]

    totals = BudgetTotals.of(statuses)

    assert totals.remaining == d(remaining)
    assert totals.remaining == totals.budgeted - totals.spent
    assert (totals.over, totals.over_categories) == (d(over), over_categories)
    assert totals.over == sum((s.over for s in statuses), d("0"))


def test_the_safe_daily_amount_spreads_what_is_left_over_the_days_left() -> None:
    budgets = [Budget("coffee", d("60"), "USD"), Budget("groceries", d("300"), "USD")]
    spent = totals(("coffee", "USD", "42.50"), ("groceries", "USD", "320"), ("x", "USD", "9"))
    over_one = month_status(NOV, "USD", budgets[:1], spent, TODAY)
    both = month_status(NOV, "USD", [budgets[0], budgets[1]._replace(limit=d("400"))], spent, TODAY)

    # 17.50 over 8 days, rounded down; 97.50 over 8 days when groceries has 80.00 left too
    assert over_one.days_left == 8
    assert over_one.safe_daily == d("2.18")
    assert both.safe_daily == d("12.18")


def test_the_safe_daily_amount_is_zero_once_the_month_is_over() -> None:
    status = month_status(NOV, "USD", [Budget("coffee", d("60"), "USD")], [], date(2026, 12, 2))

    assert status.days_left == 0
    assert status.safe_daily == 0


def test_the_safe_daily_amount_has_no_cents_in_a_currency_without_them() -> None:
    status = month_status(NOV, "JPY", [Budget("food", d("10000"), "JPY")], [], TODAY)

    assert status.safe_daily == d("1250")


def test_asking_for_an_unbudgeted_category_says_so() -> None:
    status = november_status()

    assert status.find("dining") is None
    with pytest.raises(NotFound, match="no budget for category 'dining' in 2026-11"):
        status.category("dining")
