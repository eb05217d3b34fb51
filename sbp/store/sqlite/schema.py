"""Keeping the store's schema current: the numbered steps of `sbp.store.migrations`, applied in
one transaction each, so a store made by any earlier sbp is brought forward without loss."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from sbp.core.errors import StoreUnavailable
from sbp.store.migrations import MIGRATIONS


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
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return len(MIGRATIONS)


def is_current(conn: sqlite3.Connection) -> bool:
    """Whether the store already has every migration (so a read-only one can be read)."""
    return bool(conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS))


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
