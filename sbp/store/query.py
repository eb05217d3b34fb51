"""What every ledger adapter agrees on when filtering and ordering expenses in Python."""

from __future__ import annotations

from sbp.core.model import Expense, ExpenseQuery


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
