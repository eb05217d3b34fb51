"""The use cases of sbp, one short method each: the single API every front end calls.

Front ends pass what the person typed (amount and date text) or typed values; the Planner
parses with the core's rules, so the CLI, the TUI and the web view refuse the same input with
the same words. Each write is one ledger transaction together with its undo entry and alerts.

Recording and correcting expenses (what `sbp add` does) is built in; the other groups are
imported on first use (`sbp.planner.deferred`), and so are the names this package exports
from their modules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sbp.planner.base import MAX_DESCRIPTION, MIN_PREFIX, ExpenseChange, PlannerBase
from sbp.planner.expenses import ExpenseUseCases

if TYPE_CHECKING:
    from sbp.planner.budgets import BudgetChange, BudgetUseCases, CategoryInfo
    from sbp.planner.imports import ImportUseCases
    from sbp.planner.receipts import ReceiptUseCases
    from sbp.planner.reports import ReportUseCases
    from sbp.planner.review import ReviewItem, ReviewUseCases
    from sbp.planner.screens import EXPENSE_ORDERS, ExpensePage, ScreenUseCases
    from sbp.planner.sync_state import SyncStateUseCases

    class _DeferredGroups(
        ReceiptUseCases,  # before ExpenseUseCases, which it builds on
        BudgetUseCases,
        ScreenUseCases,
        ReportUseCases,
        ImportUseCases,
        ReviewUseCases,
        SyncStateUseCases,
    ):
        """What `DeferredGroups` gives the Planner at run time, as the type checker sees it."""

else:
    from sbp.planner.deferred import DeferredGroups as _DeferredGroups

__all__ = [
    "EXPENSE_ORDERS",
    "MAX_DESCRIPTION",
    "MIN_PREFIX",
    "BudgetChange",
    "CategoryInfo",
    "ExpenseChange",
    "ExpensePage",
    "Planner",
    "PlannerBase",
    "ReviewItem",
]


class Planner(_DeferredGroups, ExpenseUseCases):
    """Every use case of sbp over the ports it is given; each group lives in its own module."""


_EXPORTED_LATER = {
    "BudgetChange": "sbp.planner.budgets",
    "CategoryInfo": "sbp.planner.budgets",
    "EXPENSE_ORDERS": "sbp.planner.screens",
    "ExpensePage": "sbp.planner.screens",
    "ReviewItem": "sbp.planner.review",
}

if not TYPE_CHECKING:  # the type checker reads the imports above instead

    def __getattr__(name: str) -> Any:
        """The names exported from deferred groups' modules, imported when first asked for."""
        if name not in _EXPORTED_LATER:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        import importlib

        return getattr(importlib.import_module(_EXPORTED_LATER[name]), name)
