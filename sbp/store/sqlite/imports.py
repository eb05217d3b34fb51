"""Imports: bulk writes of a chunk of imported expenses, the duplicate lookups an import makes,
and the record of import batches (which `sbp import undo` removes whole)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sbp.core.errors import Conflict, NotFound
from sbp.core.model import Expense
from sbp.store.sqlite.connection import SqliteConnection, bound_chunks
from sbp.store.sqlite.expense_rows import EXPENSE_COLUMNS, INSERT_IMPORTED, expense_from_row
from sbp.store.tampered import tables_changed

if TYPE_CHECKING:
    from sbp.core.importers.rows import ImportBatch, ImportedExpense

BULK_CACHE_KIB = 64 * 1024


class ImportTables(SqliteConnection):
    """The `Ledger` port's import methods over `expenses` and `import_batches`."""

    def add_many(self, expenses: Sequence[ImportedExpense]) -> None:
        if not self._bulk_cache:
            # a bulk write touches every index; a bigger page cache keeps them in memory
            self._execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
            self._bulk_cache = True
        with self.transaction():
            announcement = self._announce("an import")  # other writers wait for it, told why
            # A per-row trigger costs more than the insert itself: for a bulk write the
            # trigger is set aside and the chunk's totals are added once per month, category
            # and currency, all inside this transaction (DDL in SQLite is transactional).
            (trigger,) = self._execute(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger'"
                " AND name = 'aggregates_on_insert'"
            ).fetchone() or ("",)
            if not trigger:
                raise tables_changed(self.path, "its aggregates trigger is missing")
            self._execute("DROP TRIGGER aggregates_on_insert")
            try:
                with self._translated():
                    self._write_chunk(expenses)
            except sqlite3.IntegrityError:
                raise Conflict("an imported expense's id already exists") from None
            finally:
                # a failure SQLite rolled the transaction back for took the DROP back too
                if self._conn.in_transaction:
                    self._execute(trigger)
            announcement.stored(len(expenses))

    def _write_chunk(self, expenses: Sequence[ImportedExpense]) -> None:
        self._conn.executemany(INSERT_IMPORTED, expenses)
        self._conn.executemany(
            "INSERT INTO aggregates (month, category, currency, spent_minor, count)"
            " VALUES (?,?,?,?,?) ON CONFLICT (month, category, currency) DO UPDATE"
            " SET spent_minor = spent_minor + excluded.spent_minor,"
            " count = count + excluded.count",
            _aggregate_deltas(expenses),
        )

    def has_import_keys_starting(self, prefix: str) -> bool:
        # every text that starts with the prefix sorts at or after it and before `above`
        above = prefix[:-1] + chr(ord(prefix[-1]) + 1) if prefix else chr(0x10FFFF)
        row = self._execute(
            "SELECT 1 FROM expenses INDEXED BY expenses_by_fingerprint"
            " WHERE import_fingerprint >= ? AND import_fingerprint < ? LIMIT 1",
            (prefix, above),
        ).fetchone()
        return row is not None

    def known_import_keys(self, keys: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk, marks in bound_chunks(keys):
            rows = self._execute(
                f"SELECT import_fingerprint FROM expenses WHERE import_fingerprint IN ({marks})",
                chunk,
            )
            found.update(row[0] for row in rows)
        return found

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk, marks in bound_chunks(ids):
            rows = self._execute(f"SELECT id FROM expenses WHERE id IN ({marks})", chunk)
            found.update(row[0] for row in rows)
        return found

    def hand_entered(self, start: date, end: date) -> Sequence[Expense]:
        rows = self._execute(
            f"SELECT {EXPENSE_COLUMNS} FROM expenses INDEXED BY expenses_by_hand"
            " WHERE import_fingerprint IS NULL AND date >= ? AND date <= ?",
            (start.isoformat(), end.isoformat()),
        )
        return [expense_from_row(row) for row in rows]

    def save_import_batch(self, batch: ImportBatch) -> None:
        self._execute(
            "INSERT INTO import_batches (id, created_at, source, kind, added, duplicates,"
            " possible, invalid) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET"
            " added = excluded.added, duplicates = excluded.duplicates,"
            " possible = excluded.possible, invalid = excluded.invalid",
            (
                batch.id,
                batch.created_at.isoformat(),
                batch.source,
                batch.kind,
                batch.added,
                batch.duplicates,
                batch.possible,
                batch.invalid,
            ),
        )

    def import_batches(self) -> Sequence[ImportBatch]:
        from sbp.core.importers.rows import ImportBatch  # only imports need it: quick start-up

        rows = self._execute(
            "SELECT id, created_at, source, kind, added, duplicates, possible, invalid"
            " FROM import_batches ORDER BY id DESC"
        )
        return [
            ImportBatch(i, datetime.fromisoformat(at), source, kind, a, d, p, n)
            for i, at, source, kind, a, d, p, n in rows
        ]

    def batch_expense_ids(self, batch_id: str) -> Sequence[str]:
        rows = self._execute("SELECT id FROM expenses WHERE import_batch = ?", (batch_id,))
        return [row[0] for row in rows]

    def remove_import_batch(self, batch_id: str) -> int:
        with self.transaction():
            self._announce("undoing an import")
            gone = self._execute("DELETE FROM import_batches WHERE id = ?", (batch_id,))
            if gone.rowcount == 0:
                raise NotFound(f"no import batch {batch_id}", hint="see `sbp import list`")
            # no index on import_batch: undo is rare, and one less index to write makes every
            # import faster; the scan reads the table once
            removed = self._execute("DELETE FROM expenses WHERE import_batch = ?", (batch_id,))
        return removed.rowcount


def _aggregate_deltas(rows: Sequence[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """What a set of new expense rows adds to each (month, category, currency) aggregate."""
    sums: dict[tuple[str, str, str], list[int]] = {}
    for row in rows:
        key = (row[1][:7], row[5], row[3])
        total = sums.get(key)
        if total is None:
            sums[key] = [row[2], 1]
        else:
            total[0] += row[2]
            total[1] += 1
    return [(*key, spent, count) for key, (spent, count) in sums.items()]
