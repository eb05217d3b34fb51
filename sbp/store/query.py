"""What every ledger adapter agrees on when filtering and ordering expenses in Python."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sbp.core.model import Expense, ExpenseQuery
from sbp.core.money import to_minor


def matches(expense: Expense, query: ExpenseQuery) -> bool:
    """True when the expense passes every filter of the query."""
    if query.start is not None and expense.date < query.start:
        return False
    if query.end is not None and expense.date > query.end:
        return False
    if query.category is not None and expense.category != query.category:
        return False
    if query.search:
        needle = query.search.lower()
        return needle in expense.description.lower() or needle in expense.note.lower()
    return True


def sort_key(expense: Expense) -> tuple[str, str]:
    """Expenses sort by date, then by id (creation order within a day)."""
    return (expense.date.isoformat(), expense.id)


PAGE_ORDERS = ("date", "amount", "description", "category")
"""The columns a page of expenses can be sorted by; ties fall back to date, then id."""


def page_key(order: str) -> Callable[[Expense], tuple[Any, ...]]:
    """The sort key for `order`, matching SQLite's ordering of the stored columns."""
    if order not in PAGE_ORDERS:
        raise ValueError(f"cannot sort expenses by {order!r}")
    if order == "amount":
        return lambda e: (to_minor(e.amount, e.currency), *sort_key(e))
    if order == "description":
        return lambda e: (e.description, *sort_key(e))
    if order == "category":
        return lambda e: (e.category, *sort_key(e))
    return sort_key
