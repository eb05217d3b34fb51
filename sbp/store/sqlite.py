"""The embedded store: one SQLite file, the default home of a person's data.

WAL mode and a busy timeout let two `sbp` processes write at once; aggregates are kept by
triggers inside the same transaction as each expense write; the schema evolves through the
numbered steps in `migrations.py`.
"""

from __future__ import annotations

import json
import sqlite3
import time
import weakref
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
from sbp.core.search import FOLD_SEPARATOR, search_text
from sbp.core.undo import ChangeKind, UndoEntry
from sbp.store.migrations import MIGRATIONS

if TYPE_CHECKING:
    from sbp.core.importers.rows import ImportBatch, ImportedExpense

BUSY_TIMEOUT_MS = 15_000
BULK_CACHE_KIB = 64 * 1024
PAGE_BYTES = 16384
_KEY_CHUNK = 500  # well under SQLite's limit on bound parameters
_PAGE_ORDERS = {
    "date": ("date", "id"),
    "amount": ("amount_minor", "date", "id"),
    "description": ("description", "date", "id"),
    "category": ("category", "date", "id"),
}
_EXPENSE_COLUMNS = (
    "id, date, amount_minor, currency, description, category, category_source, note, "
    "receipt_key, import_fingerprint, import_batch, created_at, updated_at, account"
)
# rows are written with their folded search text (see migration 3) but read without it
_INSERT_EXPENSE = (
    f"INSERT INTO expenses ({_EXPENSE_COLUMNS}, search_text) VALUES ({','.join('?' * 15)})"
)
# an ImportedExpense's fields in order (its search text, then its account, last); its one
# time is both the creation and the last update; no key ('') is a hand-typed expense's NULL
_INSERT_IMPORTED = (
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


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) the store at `path` with the pragmas sbp relies on."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # For a new store only (an existing one keeps its size): bigger pages make big
        # imports faster, at no cost a person could notice on a single write.
        conn.execute(f"PRAGMA page_size = {PAGE_BYTES}")
        _use_wal(conn)
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        # SQLite's own lower() knows only ASCII; searches must fold "CAFÉ" as Python does
        conn.create_function("py_lower", 1, _lower, deterministic=True)
    except (OSError, sqlite3.Error) as exc:
        raise StoreUnavailable(f"cannot open the store at {path}: {exc}") from None
    return conn


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL; retried because two processes creating a store at once can be told
    "locked" at once, without SQLite's busy handler ever waiting."""
    for attempt in range(50):
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == 49:
                raise
            time.sleep(0.02 * (attempt + 1))


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
            # another sbp may have applied this step while this one waited for the lock
            if conn.execute("PRAGMA user_version").fetchone()[0] < number:
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
        # closed as soon as the ledger is dropped (or at exit): a connection is only freed by the
        # cycle collector otherwise, which `sbp` skips at exit (see `sbp.cli.main`)
        self._closer = weakref.finalize(self, _close, self._conn)
        self._depth = 0
        self._bulk_cache = False
        try:
            migrate(self._conn)
        except sqlite3.Error as exc:
            self._conn.close()
            raise StoreUnavailable(f"cannot prepare the store at {path}: {exc}") from None
        except BaseException:
            self._conn.close()
            raise

    def close(self) -> None:
        self._closer()  # at most once, here or when the ledger is dropped

    def reopened(self) -> SqliteLedger:
        return SqliteLedger(self.path)

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
            if self._conn.in_transaction:  # some errors have already rolled it back
                self._conn.execute("ROLLBACK")
            raise
        self._depth = 0
        try:
            self._execute("COMMIT")
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise

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
            self._execute(_INSERT_EXPENSE, _expense_row(expense))
        except sqlite3.IntegrityError:
            raise Conflict(f"an expense with id {expense.id} already exists") from None

    def replace(self, expense: Expense) -> None:
        row = _expense_row(expense)
        cursor = self._execute(
            "UPDATE expenses SET date=?, amount_minor=?, currency=?, description=?, category=?,"
            " category_source=?, note=?, receipt_key=?, import_fingerprint=?, import_batch=?,"
            " created_at=?, updated_at=?, account=?, search_text=? WHERE id=?",
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
        sql, params = _select(query, "date", 0)
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

    def forget(self, key: str) -> None:
        self._execute("DELETE FROM learned WHERE key = ?", (key,))

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

    # paging and change detection ----------------------------------------------------------
    def page(self, query: ExpenseQuery, offset: int, order: str) -> Sequence[Expense]:
        sql, params = _select(query, order, offset)
        return [_expense_from_row(row) for row in self._execute(sql, params)]

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

    # imports ----------------------------------------------------------------------------
    def add_many(self, expenses: Sequence[ImportedExpense]) -> None:
        if not self._bulk_cache:
            # a bulk write touches every index; a bigger page cache keeps them in memory
            self._execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
            self._bulk_cache = True
        with self.transaction():
            # A per-row trigger costs more than the insert itself: for a bulk write the
            # trigger is set aside and the chunk's totals are added once per month, category
            # and currency, all inside this transaction (DDL in SQLite is transactional).
            (trigger,) = self._execute(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger'"
                " AND name = 'aggregates_on_insert'"
            ).fetchone()
            self._execute("DROP TRIGGER aggregates_on_insert")
            try:
                self._conn.executemany(_INSERT_IMPORTED, expenses)
                self._conn.executemany(
                    "INSERT INTO aggregates (month, category, currency, spent_minor, count)"
                    " VALUES (?,?,?,?,?) ON CONFLICT (month, category, currency) DO UPDATE"
                    " SET spent_minor = spent_minor + excluded.spent_minor,"
                    " count = count + excluded.count",
                    _aggregate_deltas(expenses),
                )
            except sqlite3.IntegrityError:
                raise Conflict("an imported expense's id already exists") from None
            finally:
                self._execute(trigger)

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
        for start in range(0, len(keys), _KEY_CHUNK):
            chunk = keys[start : start + _KEY_CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._execute(
                f"SELECT import_fingerprint FROM expenses WHERE import_fingerprint IN ({marks})",
                chunk,
            )
            found.update(row[0] for row in rows)
        return found

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(ids), _KEY_CHUNK):
            chunk = ids[start : start + _KEY_CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._execute(f"SELECT id FROM expenses WHERE id IN ({marks})", chunk)
            found.update(row[0] for row in rows)
        return found

    def hand_entered(self, start: date, end: date) -> Sequence[Expense]:
        rows = self._execute(
            f"SELECT {_EXPENSE_COLUMNS} FROM expenses INDEXED BY expenses_by_hand"
            " WHERE import_fingerprint IS NULL AND date >= ? AND date <= ?",
            (start.isoformat(), end.isoformat()),
        )
        return [_expense_from_row(row) for row in rows]

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

    def remove_import_batch(self, batch_id: str) -> int:
        with self.transaction():
            gone = self._execute("DELETE FROM import_batches WHERE id = ?", (batch_id,))
            if gone.rowcount == 0:
                raise NotFound(f"no import batch {batch_id}", hint="see `sbp import list`")
            # no index on import_batch: undo is rare, and one less index to write makes every
            # import faster; the scan reads the table once
            removed = self._execute("DELETE FROM expenses WHERE import_batch = ?", (batch_id,))
        return removed.rowcount


def _close(conn: sqlite3.Connection) -> None:
    # A connection may only be closed on the thread that made it; one made on a worker thread
    # and dropped elsewhere (a collection can run on any thread) is freed, closed, with itself.
    with suppress(sqlite3.ProgrammingError):
        conn.close()


def _lower(text: str | None) -> str | None:
    return None if text is None else text.lower()


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
        expense.account,
        search_text(expense.description, expense.note),
    )


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
        account=row[13],
    )


def _select(query: ExpenseQuery, order: str, offset: int) -> tuple[str, list[Any]]:
    """The SELECT for the query's expenses in `order`, from `offset` up to its limit."""
    way = "DESC" if query.newest_first else "ASC"
    by = ", ".join(f"{column} {way}" for column in _PAGE_ORDERS[order])
    where, params = _where(query)
    params += [-1 if query.limit is None else query.limit, offset]
    select = f"SELECT {_EXPENSE_COLUMNS} FROM expenses"
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
