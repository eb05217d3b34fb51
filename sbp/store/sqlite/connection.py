"""Opening the SQLite file and keeping its schema current: the pragmas sbp relies on, the
numbered migrations, and the transactions every other part of the store writes in.

WAL mode and a busy timeout let two `sbp` processes write at once; the schema evolves through
the numbered steps in `sbp.store.migrations`.
"""

from __future__ import annotations

import sqlite3
import time
import weakref
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sbp.core.errors import StoreUnavailable
from sbp.store.migrations import MIGRATIONS
from sbp.store.sqlite.failures import store_error, translated

BUSY_TIMEOUT_MS = 15_000
PAGE_BYTES = 16384


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
    except sqlite3.Error as exc:
        raise store_error(exc, path) or StoreUnavailable(
            f"cannot open the store at {path}: {exc}"
        ) from None
    except OSError as exc:
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


def _lower(text: str | None) -> str | None:
    return None if text is None else text.lower()


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


class SqliteConnection:
    """One open, migrated store and its transactions; the tables' code builds on it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn = connect(path)
        # closed as soon as the ledger is dropped (or at exit): a connection is only freed by the
        # cycle collector otherwise, which `sbp` skips at exit (see `sbp.cli.main`)
        weakref.finalize(self, self._conn.close)
        self._depth = 0
        self._bulk_cache = False
        try:
            migrate(self._conn)
        except sqlite3.Error as exc:
            self._conn.close()
            raise store_error(exc, path) or StoreUnavailable(
                f"cannot prepare the store at {path}: {exc}"
            ) from None
        except BaseException:
            self._conn.close()
            raise

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
        with translated(self.path):
            return self._conn.execute(sql, params)
