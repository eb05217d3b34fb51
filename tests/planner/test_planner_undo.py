"""Planner: `undo` reverses the last change and says what it undid; bad input changes nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from sbp.core.errors import InvalidAmount, InvalidDate, InvalidInput, NothingToUndo, SbpError
from sbp.core.model import ExpenseQuery
from sbp.core.periods import Month
from sbp.planner import Planner
from sbp.store.memory import MemoryLedger

NOV = Month(2026, 11)


def spent(planner: Planner, category: str = "coffee") -> Decimal:
    return planner.status().category(category).spent


def test_undoing_an_add_removes_the_expense(planner: Planner) -> None:
    planner.set_budget("coffee", "60")
    expense = planner.add_expense("12.50", "Blue Bottle").expense

    entry = planner.undo()

    assert entry.summary == f"added $12.50 'Blue Bottle' (coffee, {expense.id[-6:]})"
    assert planner.list_expenses() == []
    assert spent(planner) == 0


def test_undoing_an_edit_puts_the_old_expense_back(planner: Planner) -> None:
    planner.set_budget("coffee", "60")
    old = planner.add_expense("12.50", "Blue Bottle").expense
    planner.edit_expense(old.id, amount="20", on="2026-10-01", category="treats")

    entry = planner.undo()

    assert entry.summary == f"edited $20.00 'Blue Bottle' (treats, {old.id[-6:]})"
    assert planner.show(old.id) == old
    assert spent(planner) == Decimal("12.50")
    assert planner.status("2026-10").unbudgeted == {}


def test_undoing_a_category_edit_forgets_the_correction_it_taught(planner: Planner) -> None:
    expense = planner.add_expense("4.20", "Blue Bottle").expense
    planner.edit_expense(expense.id, category="treats")

    planner.undo()

    assert planner.ledger.learned() == {}
    assert planner.add_expense("5", "Blue Bottle").expense.category == "coffee"


def test_undoing_a_category_edit_restores_the_correction_it_replaced(planner: Planner) -> None:
    first = planner.add_expense("4.20", "Blue Bottle").expense
    planner.edit_expense(first.id, category="treats")
    second = planner.add_expense("4.20", "Blue Bottle").expense
    planner.edit_expense(second.id, category="work")

    planner.undo()

    assert planner.ledger.learned() == {"blue bottle": "treats"}
    assert planner.show(second.id).category == "treats"


def test_undoing_a_removal_brings_the_expense_back(planner: Planner) -> None:
    planner.set_budget("coffee", "60")
    expense = planner.add_expense("12.50", "Blue Bottle").expense
    planner.remove_expense(expense.id)

    entry = planner.undo()

    assert entry.summary == f"removed $12.50 'Blue Bottle' (coffee, {expense.id[-6:]})"
    assert planner.show(expense.id) == expense
    assert spent(planner) == Decimal("12.50")


def test_undoing_a_new_budget_removes_it(planner: Planner) -> None:
    planner.set_budget("coffee", "60")

    assert planner.undo().summary == "set the coffee every-month budget to $60.00"
    assert planner.budgets() == []


def test_undoing_a_changed_budget_restores_the_old_limit(planner: Planner) -> None:
    planner.set_budget("coffee", "60", month="2026-11")
    planner.set_budget("coffee", "75", month="2026-11")

    assert planner.undo().summary == "set the coffee 2026-11 budget to $75.00"
    assert [b.limit for b in planner.budgets()] == [Decimal("60.00")]


def test_undoing_a_budget_removal_restores_it(planner: Planner) -> None:
    budget = planner.set_budget("coffee", "60").budget
    planner.remove_budget("coffee")

    assert planner.undo().summary == "removed the coffee every-month budget"
    assert planner.budgets() == [budget]


def test_undo_walks_back_one_change_at_a_time_then_says_nothing_is_left(
    planner: Planner,
) -> None:
    first = planner.add_expense("1", "coffee").expense
    second = planner.add_expense("2", "coffee").expense
    planner.set_budget("coffee", "60")

    planner.undo()
    assert planner.budgets() == []
    planner.undo()
    assert planner.list_expenses() == [first]
    assert second.id not in [e.id for e in planner.list_expenses()]
    planner.undo()
    assert planner.list_expenses() == []
    with pytest.raises(NothingToUndo, match="nothing to undo"):
        planner.undo()


def snapshot(ledger: MemoryLedger) -> dict[str, Any]:
    """Everything a person could see in the store, read through the port."""
    return {
        "expenses": list(ledger.query(ExpenseQuery())),
        "totals": list(ledger.month_totals(NOV)),
        "budgets": list(ledger.budgets()),
        "rules": list(ledger.rules()),
        "learned": dict(ledger.learned()),
        "notifications": list(ledger.notifications()),
        "base_currency": ledger.setting("base_currency"),
    }


BAD_ADDS: list[tuple[dict[str, Any], type[Exception]]] = [
    ({"amount": "abc"}, InvalidAmount),
    ({"amount": "NaN"}, InvalidAmount),
    ({"amount": "1e999"}, InvalidAmount),
    ({"amount": "12.345"}, InvalidAmount),
    ({"amount": ""}, InvalidAmount),
    ({"amount": "0"}, InvalidInput),
    ({"amount": "5", "currency": "EURO"}, InvalidAmount),
    ({"amount": "5", "on": "someday"}, InvalidDate),
    ({"amount": "5", "description": "   "}, InvalidInput),
    ({"amount": "5", "description": "x" * 201}, InvalidInput),
    ({"amount": "5", "category": " "}, InvalidInput),
    ({"amount": "5", "category": "c" * 41}, InvalidInput),
]


@pytest.mark.parametrize(("options", "error"), BAD_ADDS)
def test_a_refused_add_leaves_the_store_as_it_was(
    planner: Planner, ledger: MemoryLedger, options: dict[str, Any], error: type[Exception]
) -> None:
    planner.set_budget("coffee", "10")
    planner.add_expense("9", "coffee")
    before = snapshot(ledger)
    arguments = {"description": "coffee", **options}

    with pytest.raises(error):
        planner.add_expense(arguments.pop("amount"), arguments.pop("description"), **arguments)

    assert snapshot(ledger) == before
    assert planner.undo().summary.startswith("added $9.00 'coffee'")  # no entry was pushed


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"amount": "abc"}, InvalidAmount),
        ({"amount": "0"}, InvalidInput),
        ({"on": "2026-02-30"}, InvalidDate),
        ({"description": ""}, InvalidInput),
        ({"category": "c" * 41}, InvalidInput),
        ({"amount": "5", "category": ""}, InvalidInput),
    ],
)
def test_a_refused_edit_leaves_the_store_as_it_was(
    planner: Planner, ledger: MemoryLedger, options: dict[str, Any], error: type[Exception]
) -> None:
    expense = planner.add_expense("9", "coffee").expense
    before = snapshot(ledger)

    with pytest.raises(error):
        planner.edit_expense(expense.id, **options)

    assert snapshot(ledger) == before
    assert planner.undo().summary.startswith("added")


def test_a_refused_remove_or_budget_change_leaves_the_store_as_it_was(
    planner: Planner, ledger: MemoryLedger
) -> None:
    planner.add_expense("9", "coffee")
    before = snapshot(ledger)

    for attempt in (
        lambda: planner.remove_expense("7ZZZZ"),
        lambda: planner.remove_budget("coffee"),
        lambda: planner.set_budget("coffee", "-1"),
        lambda: planner.set_budget("", "10"),
        lambda: planner.add_rule("(", "x", regex=True),
    ):
        with pytest.raises(SbpError):
            attempt()

    assert snapshot(ledger) == before
    assert planner.undo().summary.startswith("added")


# changes that can no longer be taken back are skipped, never a jam ---------------------------
def test_an_undo_whose_expense_is_gone_is_skipped_and_the_change_before_undone(
    planner: Planner, ledger: MemoryLedger
) -> None:
    planner.set_budget("coffee", "60")
    expense = planner.add_expense("12.50", "Blue Bottle").expense
    planner.edit_expense(expense.id, amount="5")
    ledger.remove(expense.id)  # as `sbp import undo` removes a batch's expenses

    outcome = planner.undo()

    assert [(entry.kind.value, why) for entry, why in outcome.skipped] == [
        ("edit", "that expense no longer exists"),
        ("add", "that expense no longer exists"),
    ]
    assert outcome.summary == "set the coffee every-month budget to $60.00"
    assert planner.budgets() == []
    with pytest.raises(NothingToUndo):
        planner.undo()


def test_a_change_made_since_by_someone_else_is_never_overwritten(
    planner: Planner, ledger: MemoryLedger
) -> None:
    expense = planner.add_expense("12.50", "Blue Bottle").expense
    planner.edit_expense(expense.id, amount="5")
    changed = ledger.get(expense.id)._replace(note="paid by Sam")
    ledger.replace(changed)  # another terminal's edit, which this one's undo must not undo

    with pytest.raises(NothingToUndo, match="that expense was changed since"):
        planner.undo()

    assert ledger.get(expense.id) == changed
    with pytest.raises(NothingToUndo, match=r"^nothing to undo$"):
        planner.undo()  # the skipped entries are gone: no jam


def test_a_budget_changed_since_is_skipped_not_overwritten(
    planner: Planner, ledger: MemoryLedger
) -> None:
    planner.set_budget("coffee", "60")
    ledger.set_budget(ledger.budgets()[0]._replace(limit=Decimal("90")))

    with pytest.raises(NothingToUndo) as nothing:
        planner.undo()

    assert nothing.value.message == (
        "nothing to undo: skipped 'set the coffee every-month budget to $60.00'"
        " (that budget was changed since)"
    )
    assert [b.limit for b in planner.budgets()] == [Decimal("90")]


def test_a_removal_whose_expense_is_back_is_skipped(planner: Planner, ledger: MemoryLedger) -> None:
    expense = planner.add_expense("12.50", "Blue Bottle").expense
    planner.remove_expense(expense.id)
    ledger.add(expense)

    outcome = planner.undo()

    assert [why for _, why in outcome.skipped] == ["that expense is back already"]
    assert outcome.undone.kind.value == "add"
    assert planner.list_expenses() == []
