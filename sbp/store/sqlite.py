"""The embedded store: one SQLite file, the default home of a person's data.

WAL mode and a busy timeout let two `sbp` processes write at once; aggregates are kept by
triggers inside the same transaction as each expense write; the schema evolves through the
numbered steps in `migrations.py`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sbp.core.errors import Conflict, NotFound, StoreUnavailable
from sbp.core.model import (
    Budget,
    CategorySource,
    CategoryTotal,
    Expense,
    ExpenseQuery,
    Notification,
    Rule,
)
from sbp.core.money import from_minor, to_minor
from sbp.core.periods import Month
from sbp.core.undo import ChangeKind, UndoEntry
from sbp.store.migrations import MIGRATIONS

BUSY_TIMEOUT_MS = 15_000
_EXPENSE_COLUMNS = (
    "id, date, amount_minor, currency, description, category, category_source, note, "
    "receipt_key, import_fingerprint, import_batch, created_at, updated_at"
)


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) the store at `path` with the pragmas sbp relies on."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
    except (OSError, sqlite3.Error) as exc:
        raise StoreUnavailable(f"cannot open the store at {path}: {exc}") from None
    return conn


def migrate(conn: sqlite3.Connection) -> int:
    """Apply every migration the store has not seen yet; the schema version after."""
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise StoreUnavailable(
            f"the store was written by a newer sbp (schema {version}); upgrade sbp to open it"
        )
    for number in range(version + 1, len(MIGRATIONS) + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(MIGRATIONS[number - 1]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return len(MIGRATIONS)


def _statements(script: str) -> Iterator[str]:
    """Split a migration script into statements (triggers keep their inner semicolons)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer
            buffer = ""
    if buffer.strip():
        yield buffer


class SqliteLedger:
    """The `Ledger` port over one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn = connect(path)
        self._depth = 0
        try:
            migrate(self._conn)
        except sqlite3.Error as exc:
            raise StoreUnavailable(f"cannot prepare the store at {path}: {exc}") from None

    def close(self) -> None:
        self._conn.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The raw connection, for bulk work inside this package (imports)."""
        return self._conn

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            self._conn.execute("ROLLBACK")
            raise
        self._depth = 0
        self._execute("COMMIT")

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        try:
            return self._conn.execute(sql, params)
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise StoreUnavailable(
                    "the store stayed locked by another sbp process; try again"
                ) from None
            raise

    # expenses ---------------------------------------------------------------------------
    def add(self, expense: Expense) -> None:
        try:
            self._execute(
                f"INSERT INTO expenses ({_EXPENSE_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                _expense_row(expense),
            )
        except sqlite3.IntegrityError:
            raise Conflict(f"an expense with id {expense.id} already exists") from None

    def replace(self, expense: Expense) -> None:
        row = _expense_row(expense)
        cursor = self._execute(
            "UPDATE expenses SET date=?, amount_minor=?, currency=?, description=?, category=?,"
            " category_source=?, note=?, receipt_key=?, import_fingerprint=?, import_batch=?,"
            " created_at=?, updated_at=? WHERE id=?",
            (*row[1:], row[0]),
        )
        if cursor.rowcount == 0:
            raise NotFound(f"no expense with id {expense.id}")

    def remove(self, expense_id: str) -> None:
        cursor = self._execute("DELETE FROM expenses WHERE id = ?", (expense_id,))
        if cursor.rowcount == 0:
            raise NotFound(f"no expense with id {expense_id}")

    def get(self, expense_id: str) -> Expense:
        row = self._execute(
            f"SELECT {_EXPENSE_COLUMNS} FROM expenses WHERE id = ?", (expense_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"no expense with id {expense_id}")
        return _expense_from_row(row)

    def ids_with_prefix(self, prefix: str, limit: int) -> Sequence[str]:
        upper = prefix + "\U0010ffff"
        rows = self._execute(
            "SELECT id FROM expenses WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
            (prefix, upper, limit),
        )
        return [row[0] for row in rows]

    def query(self, query: ExpenseQuery) -> Sequence[Expense]:
        return list(self.iter_expenses(query))

    def iter_expenses(self, query: ExpenseQuery) -> Iterator[Expense]:
        where, params = _where(query)
        order = "DESC" if query.newest_first else "ASC"
        sql = f"SELECT {_EXPENSE_COLUMNS} FROM expenses {where} ORDER BY date {order}, id {order}"
        if query.limit is not None:
            sql += " LIMIT ?"
            params.append(query.limit)
        cursor = self._conn.cursor()
        cursor.arraysize = 500
        cursor.execute(sql, params)
        while rows := cursor.fetchmany():
            yield from (_expense_from_row(row) for row in rows)

    def month_totals(self, month: Month) -> Sequence[CategoryTotal]:
        rows = self._execute(
            "SELECT category, currency, spent_minor, count FROM aggregates WHERE month = ?"
            " ORDER BY category, currency",
            (str(month),),
        )
        return [CategoryTotal(c, cur, from_minor(s, cur), n) for c, cur, s, n in rows]

    def categories_in_use(self) -> Mapping[str, int]:
        rows = self._execute(
            "SELECT category, SUM(count) FROM aggregates GROUP BY category ORDER BY category"
        )
        return {category: count for category, count in rows}

    # budgets ----------------------------------------------------------------------------
    def set_budget(self, budget: Budget) -> None:
        self._execute(
            "INSERT INTO budgets (category, month, limit_minor, currency) VALUES (?,?,?,?)"
            " ON CONFLICT (category, month) DO UPDATE SET limit_minor = excluded.limit_minor,"
            " currency = excluded.currency",
            (
                budget.category,
                str(budget.month or ""),
                to_minor(budget.limit, budget.currency),
                budget.currency,
            ),
        )

    def remove_budget(self, category: str, month: Month | None) -> None:
        cursor = self._execute(
            "DELETE FROM budgets WHERE category = ? AND month = ?", (category, str(month or ""))
        )
        if cursor.rowcount == 0:
            when = f"in {month}" if month else "for every month"
            raise NotFound(f"no budget for '{category}' {when}")

    def budgets(self) -> Sequence[Budget]:
        rows = self._execute(
            "SELECT category, month, limit_minor, currency FROM budgets ORDER BY category, month"
        )
        return [
            Budget(c, from_minor(m, cur), cur, Month.parse(mo) if mo else None)
            for c, mo, m, cur in rows
        ]

    # rules and corrections --------------------------------------------------------------
    def add_rule(self, pattern: str, category: str, is_regex: bool) -> Rule:
        cursor = self._execute(
            "INSERT INTO rules (pattern, category, is_regex) VALUES (?,?,?)",
            (pattern, category, int(is_regex)),
        )
        assert cursor.lastrowid is not None
        return Rule(cursor.lastrowid, pattern, category, is_regex)

    def rules(self) -> Sequence[Rule]:
        rows = self._execute("SELECT id, pattern, category, is_regex FROM rules ORDER BY id")
        return [Rule(i, p, c, bool(r)) for i, p, c, r in rows]

    def remove_rule(self, rule_id: int) -> Rule:
        with self.transaction():
            row = self._execute(
                "SELECT id, pattern, category, is_regex FROM rules WHERE id = ?", (rule_id,)
            ).fetchone()
            if row is None:
                raise NotFound(f"no rule #{rule_id}")
            self._execute("DELETE FROM rules WHERE id = ?", (rule_id,))
        return Rule(row[0], row[1], row[2], bool(row[3]))

    def learn(self, key: str, category: str) -> None:
        self._execute(
            "INSERT INTO learned (key, category) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET category = excluded.category",
            (key, category),
        )

    def learned(self) -> Mapping[str, str]:
        return dict(self._execute("SELECT key, category FROM learned").fetchall())

    # notifications ----------------------------------------------------------------------
    def record_notification(self, notification: Notification) -> bool:
        cursor = self._execute(
            "INSERT INTO notifications (id, created_at, kind, message, channel, dedupe_key,"
            " month, category, read) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
            (
                notification.id,
                notification.created_at.isoformat(),
                notification.kind,
                notification.message,
                notification.channel,
                notification.dedupe_key,
                None if notification.month is None else str(notification.month),
                notification.category,
                int(notification.read),
            ),
        )
        return cursor.rowcount == 1

    def notifications(self, limit: int | None = None) -> Sequence[Notification]:
        sql = (
            "SELECT id, created_at, kind, message, dedupe_key, channel, month, category, read"
            " FROM notifications ORDER BY id DESC"
        )
        params: tuple[int, ...] = ()
        if limit is not None:
            sql += " LIMIT ?"
            params = (limit,)
        return [
            Notification(
                id=i,
                created_at=datetime.fromisoformat(at),
                kind=kind,
                message=msg,
                dedupe_key=key,
                channel=channel,
                month=Month.parse(month) if month else None,
                category=category,
                read=bool(read),
            )
            for i, at, kind, msg, key, channel, month, category, read in self._execute(sql, params)
        ]

    def mark_notifications_read(self) -> int:
        return self._execute("UPDATE notifications SET read = 1 WHERE read = 0").rowcount

    # undo journal and settings ----------------------------------------------------------
    def push_undo(self, entry: UndoEntry) -> None:
        payload = {
            "kind": entry.kind.value,
            "summary": entry.summary,
            "before": entry.before,
            "after": entry.after,
        }
        self._execute("INSERT INTO undo_journal (entry) VALUES (?)", (json.dumps(payload),))

    def pop_undo(self) -> UndoEntry | None:
        with self.transaction():
            row = self._execute(
                "SELECT seq, entry FROM undo_journal ORDER BY seq DESC LIMIT 1"
            ).fetchone()
            if row is None:
                return None
            self._execute("DELETE FROM undo_journal WHERE seq = ?", (row[0],))
        data = json.loads(row[1])
        return UndoEntry(ChangeKind(data["kind"]), data["summary"], data["before"], data["after"])

    def setting(self, key: str) -> str | None:
        row = self._execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_setting(self, key: str, value: str) -> None:
        self._execute(
            "INSERT INTO settings (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


def _expense_row(expense: Expense) -> tuple[Any, ...]:
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
    )


def _expense_from_row(row: Sequence[Any]) -> Expense:
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
    )


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
        clauses.append("(instr(lower(description), ?) > 0 OR instr(lower(note), ?) > 0)")
        params.extend([query.search.lower()] * 2)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params
