"""The Planner loads its rarer groups of use cases on first use (sbp.planner.deferred); to
every caller it must still be the Planner that inherits them all."""

from __future__ import annotations

import inspect

import pytest

from sbp.planner import Planner
from sbp.planner.budgets import BudgetUseCases
from sbp.planner.deferred import DEFERRED_GROUPS
from sbp.planner.expenses import ExpenseUseCases
from sbp.planner.imports import ImportUseCases
from sbp.planner.receipts import ReceiptUseCases
from sbp.planner.reports import ReportUseCases
from sbp.planner.review import ReviewUseCases
from sbp.planner.screens import ScreenUseCases
from sbp.planner.sync_state import SyncStateUseCases

GROUPS = (ReceiptUseCases, BudgetUseCases, ScreenUseCases, ReportUseCases, ImportUseCases)
GROUPS += (ReviewUseCases, SyncStateUseCases)


class EveryGroupInherited(
    ReceiptUseCases,
    ExpenseUseCases,
    BudgetUseCases,
    ScreenUseCases,
    ReportUseCases,
    ImportUseCases,
    ReviewUseCases,
    SyncStateUseCases,
):
    """The Planner as it was composed before any group was deferred."""


def methods_of(cls: type) -> set[str]:
    return {
        name
        for name, value in vars(cls).items()
        if not name.startswith("__") and (inspect.isfunction(value) or isinstance(value, property))
    }


def test_the_list_names_every_method_of_every_deferred_group() -> None:
    listed = {group: set(names.split()) for group, names in DEFERRED_GROUPS.items()}

    assert listed == {f"{g.__module__}:{g.__name__}": methods_of(g) for g in GROUPS}


EVERY_METHOD = sorted({name for cls in EveryGroupInherited.__mro__ for name in methods_of(cls)})


@pytest.mark.parametrize("name", EVERY_METHOD)
def test_each_name_means_what_it_meant_with_every_group_inherited(
    planner: Planner, name: str
) -> None:
    """Every method, deferred or not, resolves to the function the full inheritance chose."""
    expected = inspect.getattr_static(EveryGroupInherited, name)
    found = getattr(planner, name)

    if isinstance(expected, property):
        assert inspect.getattr_static(Planner, name) is expected
    else:
        assert found.__func__ is expected and found.__self__ is planner


def test_a_deferred_method_works_on_the_planner_it_was_asked_of(planner: Planner) -> None:
    planner.add_expense("12.50", "coffee")

    page = planner.expense_page()

    assert [e.description for e in page.rows] == ["coffee"]
    assert planner.unsynced() == 0


def test_a_name_no_group_defines_is_still_missing(planner: Planner) -> None:
    assert not hasattr(planner, "no_such_use_case")
    with pytest.raises(AttributeError, match="'Planner' object has no attribute 'imports'"):
        planner.imports  # noqa: B018
