"""Expenses one at a time: the writes `add`, `edit` and `rm` make, and every way of reading them
back (by id, by listing, by page, as month and day totals)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from decimal import Decimal
from itertools import islice

from sbp.core.errors import Conflict, NotFound, StoreDamaged, StoreUnavailable
from sbp.core.model import CategoryTotal, Expense, ExpenseQuery
from sbp.core.money import from_minor
from sbp.core.periods import Month
from sbp.store.sqlite.connection import SqliteConnection
from sbp.store.sqlite.expense_rows import (
    EXPENSE_COLUMNS,
    INSERT_EXPENSE,
    expense_from_row,
    expense_row,
    select,
)
from sbp.store.tampered import UNREADABLE, unreadable


class ExpenseTable(SqliteConnection):
    """The `Ledger` port's expense methods over the `expenses` and `aggregates` tables."""

    def add(self, expense: Expense) -> None:
        try:
            self._write(INSERT_EXPENSE, expense_row(expense))
        except sqlite3.IntegrityError:
            raise Conflict(f"an expense with id {expense.id} already exists") from None

    def replace(self, expense: Expense) -> None:
        row = expense_row(expense)
        cursor = self._write(
            "UPDATE expenses SET date=?, amount_minor=?, currency=?, description=?, category=?,"
            " category_source=?, note=?, receipt_key=?, import_fingerprint=?, import_batch=?,"
            " created_at=?, updated_at=?, account=?, search_text=? WHERE id=?",
            (*row[1:], row[0]),
        )
        if cursor.rowcount == 0:
            raise NotFound(f"no expense with id {expense.id}")

    def remove(self, expense_id: str) -> None:
        cursor = self._write("DELETE FROM expenses WHERE id = ?", (expense_id,))
        if cursor.rowcount == 0:
            raise NotFound(f"no expense with id {expense_id}")

    def get(self, expense_id: str) -> Expense:
        row = self._execute(
            f"SELECT {EXPENSE_COLUMNS} FROM expenses WHERE id = ?", (expense_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"no expense with id {expense_id}")
        return expense_from_row(row)

    def ids_with_prefix(self, prefix: str, limit: int) -> Sequence[str]:
        upper = prefix + "\U0010ffff"
        rows = self._execute(
            "SELECT id FROM expenses WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
            (prefix, upper, limit),
        )
        return [row[0] for row in rows]

    def ids_ending_with(self, suffix: str, limit: int) -> Sequence[str]:
        # A scan (about 0.1 s a million expenses): an index by the end of the id would cost
        # every import's writes more than the handful of lookups a person makes saves.
        rows = self._execute(
            "SELECT id FROM expenses WHERE substr(id, ?) = ? ORDER BY id LIMIT ?",
            (27 - len(suffix), suffix, limit),
        )
        return [row[0] for row in rows]

    def query(self, query: ExpenseQuery) -> Sequence[Expense]:
        return list(self.iter_expenses(query))

    def iter_expenses(self, query: ExpenseQuery) -> Iterator[Expense]:
        if isinstance(self._refusal, StoreDamaged) and not query.newest_first:
            yield from self._rescued(query, None)
            return
        sql, params = select(query, "date", 0)
        cursor = self._conn.cursor()
        cursor.arraysize = 500
        last: tuple[str, str] | None = None  # (date, id) of the last expense handed out
        try:
            with self._translated():
                cursor.execute(sql, params)
                while rows := cursor.fetchmany():
                    yield from (expense_from_row(row) for row in rows)
                    last = (rows[-1][1], rows[-1][0])
        except StoreDamaged:
            if query.newest_first:
                raise
            # found damaged on the way: carry on with what can still be read
            yield from self._rescued(query, last)

    def _rescued(self, query: ExpenseQuery, after: tuple[str, str] | None) -> Iterator[Expense]:
        from sbp.store.sqlite.rescue import Rescue  # only a damaged store is rescued

        self._rescue = Rescue(self._conn)
        yield from islice(self._rescue.expenses(query, after), query.limit)

    def damage(self) -> StoreUnavailable | None:
        if not isinstance(self._refusal, StoreDamaged):
            return None
        if self._rescue is None:
            return self._refusal
        lost, days = self._rescue.lost, self._rescue.unreadable_days
        if not (lost or days):
            return StoreDamaged(
                f"the store at {self.path} is damaged, but every expense it lists could be read",
                hint="to carry on, move sbp.db aside and import this export into a new store",
            )
        missing = f"{lost} expense{'s' * (lost != 1)} could not be read"
        if days:
            missing += f", nor the list of {days} day{'s' * (days != 1)}"
        return StoreDamaged(
            f"the store at {self.path} is damaged: {missing}; everything else was read",
            hint="restore it from a backup if you have one",
        )

    def local_receipts(self, limit: int) -> Sequence[Expense]:
        rows = self._execute(
            f"SELECT {EXPENSE_COLUMNS} FROM expenses INDEXED BY expenses_with_local_receipt"
            " WHERE substr(receipt_key, 1, 6) = 'local:' ORDER BY id LIMIT ?",
            (limit,),
        )
        return [expense_from_row(row) for row in rows]

    def local_receipt_count(self) -> int:
        row = self._execute(
            "SELECT count(*) FROM expenses INDEXED BY expenses_with_local_receipt"
            " WHERE substr(receipt_key, 1, 6) = 'local:'"
        ).fetchone()
        return int(row[0])

    def month_totals(self, month: Month) -> Sequence[CategoryTotal]:
        rows = self._execute(
            "SELECT category, currency, spent_minor, count FROM aggregates WHERE month = ?"
            " ORDER BY category, currency",
            (str(month),),
        )
        try:
            return [CategoryTotal(c, cur, from_minor(s, cur), n) for c, cur, s, n in rows]
        except UNREADABLE as exc:
            raise unreadable(f"the totals of {month}", exc) from None

    def categories_in_use(self) -> Mapping[str, int]:
        rows = self._execute(
            "SELECT category, SUM(count) FROM aggregates GROUP BY category ORDER BY category"
        )
        return {category: count for category, count in rows}

    # paging and change detection ----------------------------------------------------------
    def page(self, query: ExpenseQuery, offset: int, order: str) -> Sequence[Expense]:
        sql, params = select(query, order, offset)
        return [expense_from_row(row) for row in self._execute(sql, params)]

    def daily_totals(self, month: Month) -> Sequence[tuple[date, str, str, Decimal]]:
        rows = self._execute(
            "SELECT date, category, currency, SUM(amount_minor) FROM expenses"
            " WHERE date >= ? AND date <= ? GROUP BY date, category, currency"
            " ORDER BY date, category, currency",
            (month.first_day.isoformat(), month.last_day.isoformat()),
        )
        return [(date.fromisoformat(d), c, cur, from_minor(s, cur)) for d, c, cur, s in rows]

    def outside_changes(self) -> int:
        # data_version moves only when another connection commits, which is what a screen
        # left open needs to know
        return int(self._execute("PRAGMA data_version").fetchone()[0])
