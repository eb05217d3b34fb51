"""How an expense is laid out in the `expenses` table, and the SELECTs that list and search it.

Kept apart from the ledger's methods so every part of the store (single writes, imports,
listings) writes and reads the same columns in the same order.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sbp.core.model import CategorySource, Expense, ExpenseQuery
from sbp.core.money import from_minor, to_minor
from sbp.core.search import FOLD_SEPARATOR, search_text
from sbp.store.tampered import UNREADABLE, unreadable

PAGE_ORDERS = {
    "date": ("date", "id"),
    "amount": ("amount_minor", "date", "id"),
    "description": ("description", "date", "id"),
    "category": ("category", "date", "id"),
}
EXPENSE_COLUMNS = (
    "id, date, amount_minor, currency, description, category, category_source, note, "
    "receipt_key, import_fingerprint, import_batch, created_at, updated_at, account"
)
# rows are written with their folded search text (see migration 3) but read without it
INSERT_EXPENSE = (
    f"INSERT INTO expenses ({EXPENSE_COLUMNS}, search_text) VALUES ({','.join('?' * 15)})"
)
# an ImportedExpense's fields in order (its search text, then its account, last); its one
# time is both the creation and the last update; no key ('') is a hand-typed expense's NULL
INSERT_IMPORTED = (
    "INSERT INTO expenses (id, date, amount_minor, currency, description, category,"
    " category_source, note, import_fingerprint, import_batch, created_at, updated_at,"
    " search_text, account)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULLIF(?9, ''), ?10, ?11, ?11, ?12, ?13)"
)
_SEARCH_EACH = "(instr(py_lower(description), ?) > 0 OR instr(py_lower(note), ?) > 0)"
# Reads only search_text and id, so a search can walk the date index without the table; rows
# another tool wrote (search_text NULL) are few and are folded as the search goes.
_SEARCH_FOLDED = (
    "(instr(search_text, ?) > 0 OR (search_text IS NULL AND id IN (SELECT id FROM expenses"
    f" INDEXED BY expenses_unfolded WHERE search_text IS NULL AND {_SEARCH_EACH})))"
)


def expense_row(expense: Expense) -> tuple[Any, ...]:
    """The values of INSERT_EXPENSE for an expense, its folded search text last."""
    return (
        expense.id,
        expense.date.isoformat(),
        to_minor(expense.amount, expense.currency),
        expense.currency,
        expense.description,
        expense.category,
        expense.category_source.value,
        expense.note,
        expense.receipt_key,
        expense.import_fingerprint,
        expense.import_batch,
        expense.created_at.isoformat(),
        expense.updated_at.isoformat(),
        expense.account,
        search_text(expense.description, expense.note),
    )


def expense_from_row(row: Sequence[Any]) -> Expense:
    """The expense in a row of EXPENSE_COLUMNS; StoreUnavailable for one that holds what sbp
    never writes."""
    try:
        return _expense(row)
    except UNREADABLE as exc:
        raise unreadable(f"expense {row[0]}", exc) from None


def _expense(row: Sequence[Any]) -> Expense:
    return Expense(
        id=row[0],
        date=date.fromisoformat(row[1]),
        amount=from_minor(row[2], row[3]),
        currency=row[3],
        description=row[4],
        category=row[5],
        category_source=CategorySource(row[6]),
        note=row[7],
        receipt_key=row[8],
        import_fingerprint=row[9],
        import_batch=row[10],
        created_at=datetime.fromisoformat(row[11]),
        updated_at=datetime.fromisoformat(row[12]),
        account=row[13],
    )


def select(query: ExpenseQuery, order: str, offset: int) -> tuple[str, list[Any]]:
    """The SELECT for the query's expenses in `order`, from `offset` up to its limit."""
    way = "DESC" if query.newest_first else "ASC"
    by = ", ".join(f"{column} {way}" for column in PAGE_ORDERS[order])
    where, params = _where(query)
    params += [-1 if query.limit is None else query.limit, offset]
    select = f"SELECT {EXPENSE_COLUMNS} FROM expenses"
    if not query.search:
        return f"{select} {where} ORDER BY {by} LIMIT ? OFFSET ?", params
    # Every term of a search is in the date index, so the matches are found in it alone (a
    # word that matches nothing reads the index once, never the table) and only the rows
    # asked for are read from the table.
    matches = f"SELECT id FROM expenses INDEXED BY expenses_by_date {where}"
    if order == "date":  # the index is in this order: it can stop at the last row asked for
        matches += f" ORDER BY {by} LIMIT ? OFFSET ?"
        return f"{select} WHERE id IN ({matches}) ORDER BY {by}", params
    return f"{select} WHERE id IN ({matches}) ORDER BY {by} LIMIT ? OFFSET ?", params


def _where(query: ExpenseQuery) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if query.start is not None:
        clauses.append("date >= ?")
        params.append(query.start.isoformat())
    if query.end is not None:
        clauses.append("date <= ?")
        params.append(query.end.isoformat())
    if query.category is not None:
        clauses.append("category = ?")
        params.append(query.category)
    if query.search:
        needle = query.search.lower()
        if FOLD_SEPARATOR in needle:  # it could match across description and note
            clauses.append(_SEARCH_EACH)
            params.extend([needle] * 2)
        else:
            clauses.append(_SEARCH_FOLDED)
            params.extend([needle] * 3)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params
