"""One open store and the transactions every other part of the store writes in.

Every SQLite call goes through `_translated`, so a failure of the file under the store (a full
disk, a lock held too long, damage) becomes one of sbp's errors; damage is confirmed by
SQLite's own check and remembered (see `damage`), after which this store refuses every write.
`bound_chunks` cuts a long list of values into `IN (...)` lists SQLite accepts.
"""

from __future__ import annotations

import sqlite3
import weakref
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sbp.core.errors import StoreUnavailable
from sbp.store.sqlite import busy, opening
from sbp.store.sqlite.damage import check, record_damage
from sbp.store.sqlite.failures import READONLY, is_damage, result_code, store_error
from sbp.store.sqlite.opening import open_store

if TYPE_CHECKING:
    from sbp.core.ports import Notices
    from sbp.store.sqlite.rescue import Rescue

_CHUNK = 500  # well under SQLite's limit on bound parameters


def bound_chunks(values: Sequence[str]) -> Iterator[tuple[list[str], str]]:
    """`values` in lists short enough to bind, each with its `?,?,...` placeholders."""
    for start in range(0, len(values), _CHUNK):
        chunk = list(values[start : start + _CHUNK])
        yield chunk, ",".join("?" * len(chunk))


class SqliteConnection:
    """One open, migrated store and its transactions; the tables' code builds on it."""

    def __init__(self, path: Path, undo_scope: str = "", notices: Notices | None = None) -> None:
        self.path = path
        self.undo_scope = undo_scope  # whose changes `pop_undo` hands back (see records)
        self._notices = notices  # who hears about slow work, if anyone
        self._announcement: busy.Announcement | None = None
        opened = open_store(path, notices)
        self._conn = opened.conn
        # why writes are refused (a damaged or read-only store), or None
        self._refusal: StoreUnavailable | None = opened.refusal
        # closed as soon as the ledger is dropped (or at exit): a connection is only freed by the
        # cycle collector otherwise, which `sbp` skips at exit (see `sbp.cli.main`)
        self._closer = weakref.finalize(self, _close, self._conn)
        self._depth = 0
        self._bulk_cache = False
        self._rescue: Rescue | None = None  # the last reading of a damaged store

    def close(self) -> None:
        self._closer()  # at most once, here or when the ledger is dropped

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
        if self._refusal is not None:
            raise self._refusal
        with self._translated():
            busy.begin_immediate(self._conn, self.path, self._notices, opening.BUSY_TIMEOUT_MS)
        self._depth = 1
        try:
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
        finally:
            self._end_announcement()  # after the commit: waiting writers go next

    def _announce(self, what: str) -> busy.Announcement:
        """Tell other writers that this transaction is a long one (see `busy`)."""
        if self._announcement is None:
            self._announcement = busy.Announcement(self.path, what)
        return self._announcement

    def _end_announcement(self) -> None:
        if self._announcement is not None:
            self._announcement.release()
            self._announcement = None

    def _write(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        """One writing statement, in a transaction of its own unless one is open, so it waits
        for a long import like every write (see `busy`) and is refused by a damaged store."""
        with self.transaction():
            return self._execute(sql, params)

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        with self._translated():
            return self._conn.execute(sql, params)

    @contextmanager
    def _translated(self) -> Iterator[None]:
        """Run SQLite calls; a failure of the store's file raises sbp's error for it."""
        try:
            yield
        except sqlite3.Error as exc:
            error = self._error_for(exc)
            if error is None:
                raise
            raise error from None

    def _error_for(self, exc: sqlite3.Error) -> StoreUnavailable | None:
        if is_damage(exc):
            findings = check(self.path, self._notices)
            if not findings:
                return StoreUnavailable(
                    f"reading the store at {self.path} failed ({exc}), but a check of the"
                    " whole file found nothing wrong; try again"
                )
            self._refusal = record_damage(self.path, findings)
            return self._refusal
        if result_code(exc) == READONLY and self._refusal is not None:
            return self._refusal
        return store_error(exc, self.path)


def _close(conn: sqlite3.Connection) -> None:
    # A connection may only be closed on the thread that made it; one made on a worker thread
    # and dropped elsewhere (a collection can run on any thread) is freed, closed, with itself.
    with suppress(sqlite3.ProgrammingError):
        conn.close()
