"""The use cases of sbp, one short method each: the single API every front end calls.

Front ends pass what the person typed (amount and date text) or typed values; the Planner
parses with the core's rules, so the CLI, the TUI and the web view refuse the same input with
the same words. Each write is one ledger transaction together with its undo entry and alerts.
"""

from __future__ import annotations

from sbp.planner.base import MAX_DESCRIPTION, MIN_PREFIX, ExpenseChange, PlannerBase
from sbp.planner.budgets import BudgetChange, BudgetUseCases, CategoryInfo
from sbp.planner.expenses import ExpenseUseCases
from sbp.planner.imports import ImportUseCases
from sbp.planner.receipts import ReceiptUseCases
from sbp.planner.reports import ReportUseCases
from sbp.planner.review import ReviewItem, ReviewUseCases
from sbp.planner.screens import EXPENSE_ORDERS, ExpensePage, ScreenUseCases
from sbp.planner.sync_state import SyncStateUseCases

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


class Planner(
    ReceiptUseCases,  # before ExpenseUseCases, which it builds on
    ExpenseUseCases,
    BudgetUseCases,
    ScreenUseCases,
    ReportUseCases,
    ImportUseCases,
    ReviewUseCases,
    SyncStateUseCases,
):
    """Every use case of sbp over the ports it is given; each group lives in its own module."""
