"""Keeping the store's schema current: the numbered steps of `sbp.store.migrations`, applied in
one transaction each, so a store made by any earlier sbp is brought forward without loss.

A step that rewrites every row takes a while on a big store (about 12 s a million rows for
the search upgrade): after a second it says what it is doing and how far it got, and tells
other sbp processes kept waiting what they wait for.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from sbp.core.errors import StoreUnavailable
from sbp.store.migrations import MIGRATIONS
from sbp.store.sqlite import busy, slow

if TYPE_CHECKING:
    from sbp.core.ports import Notices

WORK = {3: "folding every description and note for search"}
"""What the slow steps do, in words; other steps are "updating its tables"."""
# How many times a step calls py_lower in all, where that measures how far it got: once per
# description, and once per note that is not empty.
CALLS = {3: "SELECT count(*) + count(nullif(note, '')) FROM expenses"}


def migrate(
    conn: sqlite3.Connection, notices: Notices | None = None, path: Path | None = None
) -> int:
    """Apply every migration the store at `path` has not seen yet; the schema version after.
    Slow steps are told to `notices` and announced to other writers (see `busy`)."""
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise StoreUnavailable(
            f"the store was written by a newer sbp (schema {version}); upgrade sbp to open it"
        )
    for number in range(version + 1, len(MIGRATIONS) + 1):
        if path is None:
            conn.execute("BEGIN IMMEDIATE")
        else:
            busy.begin_immediate(conn, path, notices, conn_timeout(conn))
        try:
            # another sbp may have applied this step while this one waited for the lock
            if conn.execute("PRAGMA user_version").fetchone()[0] < number:
                _apply(conn, number, notices, path)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return len(MIGRATIONS)


def _apply(
    conn: sqlite3.Connection, number: int, notices: Notices | None, path: Path | None
) -> None:
    what = (
        f"upgrading the store for this sbp, step {number} of {len(MIGRATIONS)}:"
        f" {WORK.get(number, 'updating its tables')}"
    )
    announced: list[busy.Announcement] = []

    def announce() -> None:
        if path is not None:
            announced.append(busy.Announcement(path, "an upgrade of the store"))

    calls = _Calls()
    expected = conn.execute(CALLS[number]).fetchone()[0] if number in CALLS else 0
    add_functions(conn, calls)
    progress = calls.percent_of(expected) if expected else _seconds
    try:
        with slow.told_if_slow(conn, notices, what, progress, announce):
            for statement in _statements(MIGRATIONS[number - 1]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
    finally:
        add_functions(conn)
        for announcement in announced:
            announcement.release()


class _Calls:
    """Counts the calls of a function a step makes, to tell how far the step got."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> None:
        self.count += 1

    def percent_of(self, expected: int) -> Callable[[float], str]:
        return lambda seconds: f"{min(100, self.count * 100 // expected)}%"


def _seconds(seconds: float) -> str:
    return f"{seconds:.0f} s"


def conn_timeout(conn: sqlite3.Connection) -> int:
    """The connection's busy timeout, in milliseconds."""
    return int(conn.execute("PRAGMA busy_timeout").fetchone()[0])


def add_functions(conn: sqlite3.Connection, counted: Callable[[], None] | None = None) -> None:
    """Register the functions the schema's steps and searches call (`counted` on each call)."""

    def lower(text: str | None) -> str | None:
        if counted is not None:
            counted()
        return None if text is None else text.lower()

    # SQLite's own lower() knows only ASCII; searches must fold "CAFÉ" as Python does
    conn.create_function("py_lower", 1, lower if counted else _lower, deterministic=True)


def _lower(text: str | None) -> str | None:
    return None if text is None else text.lower()


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
