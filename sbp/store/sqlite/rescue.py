"""Reading what can still be read from a damaged store, so `sbp export` can save it.

A damaged page loses the rows on it, not the others. Ids are found through the date index a
month at a time (a day at a time in a month that cannot be read), then through the table
itself and the other indexes for any the date index lost; each expense is read once, on its
own, and one that cannot be read is counted, not fatal. Expenses come oldest first, as
exports want them.

A damaged index can also mislead without an error (a page pointing at the wrong page lists
one part twice and another never), so what was read is checked against the monthly totals'
counts: every expense they know of and no reading found is counted as lost too.
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


_OTHER_KEYS = (
    "SELECT date, id FROM expenses NOT INDEXED",
    "SELECT date, id FROM expenses INDEXED BY expenses_by_fingerprint"
    " WHERE import_fingerprint IS NOT NULL",
    "SELECT date, id FROM expenses INDEXED BY expenses_by_hand WHERE import_fingerprint IS NULL",
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
        found = 0  # expenses of the query's span read, whether or not they matched
        for key in self._keys_by_date(query):
            if key[1] not in seen and (after is None or key > after):
                seen.add(key[1])
                found += 1
                yield from self._read(key[1], query)
        for sql in _OTHER_KEYS:
            for key in self._keys(sql):
                if key[1] not in seen and (after is None or key > after):
                    seen.add(key[1])
                    found += 1
                    yield from self._read(key[1], query)
        if after is None and query.start is None and query.end is None:
            # every expense: the monthly totals say how many there are
            self.lost = max(self.lost, self._counted() - (found - self.lost))

    def _keys_by_date(self, query: ExpenseQuery) -> Iterator[tuple[str, str]]:
        first, last = self._span(query)
        month = Month.of(first)
        while month.first_day <= last:
            start, end = max(first, month.first_day), min(last, month.last_day)
            keys = self._keys_between(start, end)
            whole = (start, end) == (month.first_day, month.last_day)
            if keys is None or (whole and len(set(keys)) < self._counted(month)):
                # the month cannot be listed, or not all of it: try its days one by one
                found = set(keys or [])
                for offset in range((end - start).days + 1):
                    day = start + timedelta(days=offset)
                    listed = self._keys_between(day, day)
                    self.unreadable_days += listed is None and keys is None
                    found.update(listed or [])
                keys = sorted(found)
            yield from keys
            month = month.next()

    def _keys_between(self, start: date, end: date) -> list[tuple[str, str]] | None:
        try:
            rows = self.conn.execute(_IDS_BY_DATE, (start.isoformat(), end.isoformat()))
            return [(str(day), str(expense_id)) for day, expense_id in rows]
        except sqlite3.Error:
            return None

    def _keys(self, sql: str) -> Iterator[tuple[str, str]]:
        """(date, id) of every row the table or an index still leads to, until it cannot."""
        try:
            for day, expense_id in self.conn.execute(sql):
                yield str(day), str(expense_id)
        except sqlite3.Error:
            return

    def _counted(self, month: Month | None = None) -> int:
        """How many expenses the monthly totals count, in `month` or in all (0 when they
        cannot be read)."""
        sql = "SELECT coalesce(sum(count), 0) FROM aggregates"
        try:
            if month is None:
                return int(self.conn.execute(sql).fetchone()[0])
            return int(self.conn.execute(f"{sql} WHERE month = ?", (str(month),)).fetchone()[0])
        except (sqlite3.Error, TypeError, ValueError):
            return 0

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
