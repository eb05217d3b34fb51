"""Ledger contract: monthly totals stay right through every write, and transactions are atomic."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from sbp.core.model import Budget, CategoryTotal, Expense, ExpenseQuery, Notification
from sbp.core.periods import Month
from sbp.core.ports import Ledger
from sbp.core.undo import ChangeKind, UndoEntry

ExpenseMaker = Callable[..., Expense]
NOV = Month(2026, 11)
OCT = Month(2026, 10)


def totals(ledger: Ledger, month: Month) -> list[tuple[str, str, Decimal, int]]:
    return [(t.category, t.currency, t.spent, t.count) for t in ledger.month_totals(month)]


def test_adding_expenses_sums_them_per_category_and_currency(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    ledger.add(make_expense("4.20", category="coffee"))
    ledger.add(make_expense("3.80", category="coffee"))
    ledger.add(make_expense("8.00", category="coffee", currency="EUR"))
    ledger.add(make_expense("60.00", category="groceries"))
    ledger.add(make_expense("-1.00", category="groceries"))  # a refund
    ledger.add(make_expense("99.00", date(2026, 10, 31), category="coffee"))

    assert totals(ledger, NOV) == [
        ("coffee", "EUR", Decimal("8.00"), 1),
        ("coffee", "USD", Decimal("8.00"), 2),
        ("groceries", "USD", Decimal("59.00"), 2),
    ]
    assert ledger.month_totals(NOV)[0] == CategoryTotal("coffee", "EUR", Decimal("8.00"), 1)
    assert totals(ledger, OCT) == [("coffee", "USD", Decimal("99.00"), 1)]
    assert totals(ledger, Month(2026, 12)) == []


def test_changing_an_amount_moves_the_total(ledger: Ledger, make_expense: ExpenseMaker) -> None:
    expense = make_expense("4.20")
    ledger.add(expense)

    ledger.replace(expense._replace(amount=Decimal("10.00")))

    assert totals(ledger, NOV) == [("coffee", "USD", Decimal("10.00"), 1)]


def test_moving_an_expense_to_another_month_moves_its_total(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    stays, moves = make_expense("1.00"), make_expense("4.20")
    ledger.add(stays)
    ledger.add(moves)

    ledger.replace(moves._replace(date=date(2026, 10, 31)))

    assert totals(ledger, NOV) == [("coffee", "USD", Decimal("1.00"), 1)]
    assert totals(ledger, OCT) == [("coffee", "USD", Decimal("4.20"), 1)]


def test_recategorizing_an_expense_moves_its_total(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    expense = make_expense("4.20", category="coffee")
    ledger.add(expense)

    ledger.replace(expense._replace(category="treats"))

    assert totals(ledger, NOV) == [("treats", "USD", Decimal("4.20"), 1)]
    assert dict(ledger.categories_in_use()) == {"treats": 1}


def test_changing_the_currency_moves_the_total(ledger: Ledger, make_expense: ExpenseMaker) -> None:
    expense = make_expense("4.20")
    ledger.add(expense)

    ledger.replace(expense._replace(currency="EUR"))

    assert totals(ledger, NOV) == [("coffee", "EUR", Decimal("4.20"), 1)]


def test_a_replace_that_changes_nothing_counted_keeps_the_total(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    expense = make_expense("4.20")
    ledger.add(expense)

    ledger.replace(expense._replace(note="a note", description="Blue Bottle SF"))

    assert totals(ledger, NOV) == [("coffee", "USD", Decimal("4.20"), 1)]


def test_removing_the_last_expense_of_a_category_removes_its_total(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    coffee, lunch = make_expense("4.20"), make_expense("12.00", category="dining")
    ledger.add(coffee)
    ledger.add(lunch)

    ledger.remove(coffee.id)

    assert totals(ledger, NOV) == [("dining", "USD", Decimal("12.00"), 1)]


def test_expenses_that_cancel_out_keep_a_zero_total(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    ledger.add(make_expense("5.00"))
    ledger.add(make_expense("-5.00"))

    assert totals(ledger, NOV) == [("coffee", "USD", Decimal("0.00"), 2)]


def write_everything(ledger: Ledger, expense: Expense) -> None:
    ledger.add(expense)
    ledger.set_budget(Budget("coffee", Decimal("60.00"), "USD"))
    ledger.add_rule("blue bottle", "treats", False)
    ledger.learn("blue bottle", "treats")
    ledger.record_notification(
        Notification("01KAB3ZZ000000000000000000", expense.created_at, "budget", "hi", "k")
    )
    ledger.push_undo(UndoEntry(ChangeKind.ADD, "added", None, {"id": expense.id}))
    ledger.set_setting("base_currency", "USD")


def assert_empty(ledger: Ledger) -> None:
    assert ledger.query(ExpenseQuery()) == []
    assert ledger.month_totals(NOV) == []
    assert ledger.budgets() == []
    assert ledger.rules() == []
    assert dict(ledger.learned()) == {}
    assert ledger.notifications() == []
    assert ledger.pop_undo() is None
    assert ledger.setting("base_currency") is None


def test_a_failed_transaction_leaves_nothing_behind(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    with pytest.raises(RuntimeError), ledger.transaction():
        write_everything(ledger, make_expense())
        raise RuntimeError("the use case failed half way")

    assert_empty(ledger)


def test_a_failure_in_a_nested_transaction_undoes_the_outer_one_too(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    with pytest.raises(RuntimeError), ledger.transaction():
        ledger.add(make_expense())
        with ledger.transaction():
            write_everything(ledger, make_expense())
        raise RuntimeError("the outer step failed after the inner one finished")

    assert_empty(ledger)


def test_a_transaction_that_finishes_keeps_every_write(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    expense = make_expense()
    with ledger.transaction():
        write_everything(ledger, expense)

    assert ledger.get(expense.id) == expense
    assert len(ledger.month_totals(NOV)) == 1
    assert len(ledger.budgets()) == len(ledger.rules()) == len(ledger.notifications()) == 1
    assert ledger.setting("base_currency") == "USD"


def test_the_ledger_is_usable_after_a_failed_transaction(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    with pytest.raises(RuntimeError), ledger.transaction():
        ledger.add(make_expense())
        raise RuntimeError

    with ledger.transaction():
        ledger.add(make_expense("1.00"))

    assert totals(ledger, NOV) == [("coffee", "USD", Decimal("1.00"), 1)]


def test_daily_totals_sum_each_day_of_the_month_in_order(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    ledger.add(make_expense("4.00", date(2026, 11, 20)))
    ledger.add(make_expense("1.00", date(2026, 11, 2)))
    ledger.add(make_expense("2.00", date(2026, 11, 2)))
    ledger.add(make_expense("9.00", date(2026, 11, 2), category="dining"))
    ledger.add(make_expense("7.00", date(2026, 12, 1)))

    assert list(ledger.daily_totals(NOV)) == [
        (date(2026, 11, 2), "coffee", "USD", Decimal("3.00")),
        (date(2026, 11, 2), "dining", "USD", Decimal("9.00")),
        (date(2026, 11, 20), "coffee", "USD", Decimal("4.00")),
    ]
