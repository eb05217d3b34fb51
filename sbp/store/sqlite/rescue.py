"""Reading what can still be read from a damaged store, so `sbp export` can save it.

A damaged page loses the rows on it, not the others. Ids are found through the date index a
month at a time (a day at a time in a month that cannot be read), then through the table
itself for any the index lost; each expense is read on its own, and one that cannot be read
is counted, not fatal. Expenses come oldest first, as exports want them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta

from sbp.core.errors import StoreUnavailable
from sbp.core.model import Expense, ExpenseQuery
from sbp.core.periods import Month
from sbp.store.query import matches
from sbp.store.sqlite.expense_rows import EXPENSE_COLUMNS, expense_from_row

EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)  # when the index cannot say
_IDS_BY_DATE = (
    "SELECT date, id FROM expenses INDEXED BY expenses_by_date"
    " WHERE date >= ? AND date <= ? ORDER BY date, id"
)


class Rescue:
    """Every readable expense of a query, oldest first; `lost` counts those that were not."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.lost = 0  # expenses known to exist that could not be read
        self.unreadable_days = 0  # days whose list of expenses could not be read

    def expenses(
        self, query: ExpenseQuery, after: tuple[str, str] | None = None
    ) -> Iterator[Expense]:
        """The query's readable expenses sorted after `after` (date, id), if given."""
        seen: set[str] = set()
        for key in self._keys_by_date(query):
            if after is None or key > after:
                seen.add(key[1])
                yield from self._read(key[1], query)
        for key in self._keys_by_table():
            if key[1] not in seen and (after is None or key > after):
                yield from self._read(key[1], query)

    def _keys_by_date(self, query: ExpenseQuery) -> Iterator[tuple[str, str]]:
        first, last = self._span(query)
        month = Month.of(first)
        while month.first_day <= last:
            start, end = max(first, month.first_day), min(last, month.last_day)
            keys = self._keys_between(start, end)
            if keys is None:  # the month cannot be listed: try its days one by one
                keys = []
                for offset in range((end - start).days + 1):
                    day = start + timedelta(days=offset)
                    found = self._keys_between(day, day)
                    self.unreadable_days += found is None
                    keys += found or []
            yield from keys
            month = month.next()

    def _keys_between(self, start: date, end: date) -> list[tuple[str, str]] | None:
        try:
            rows = self.conn.execute(_IDS_BY_DATE, (start.isoformat(), end.isoformat()))
            return [(str(day), str(expense_id)) for day, expense_id in rows]
        except sqlite3.Error:
            return None

    def _keys_by_table(self) -> Iterator[tuple[str, str]]:
        """(date, id) of every row the table itself still leads to, until it cannot."""
        try:
            for day, expense_id in self.conn.execute("SELECT date, id FROM expenses NOT INDEXED"):
                yield str(day), str(expense_id)
        except sqlite3.Error:
            return

    def _span(self, query: ExpenseQuery) -> tuple[date, date]:
        try:
            low, high = self.conn.execute("SELECT min(date), max(date) FROM expenses").fetchone()
            known = (date.fromisoformat(low), date.fromisoformat(high))
        except (sqlite3.Error, TypeError, ValueError):
            known = (EARLIEST, LATEST)
        return max(query.start or known[0], known[0]), min(query.end or known[1], known[1])

    def _read(self, expense_id: str, query: ExpenseQuery) -> Iterator[Expense]:
        try:
            row = self.conn.execute(
                f"SELECT {EXPENSE_COLUMNS} FROM expenses WHERE id = ?", (expense_id,)
            ).fetchone()
            expense = expense_from_row(row)
        except (sqlite3.Error, StoreUnavailable):
            self.lost += 1
            return
        if matches(expense, query):
            yield expense
