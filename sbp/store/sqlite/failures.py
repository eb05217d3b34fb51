"""What SQLite's errors mean for a person: one place turns them into sbp's own errors.

SQLite reports trouble with the file under it (a full disk, a lock held too long) as
`sqlite3.Error`s with a result code; every call the store makes goes through `translated`, so
no command can end in a traceback for them, and each says what to do.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sbp.core.errors import StoreDamaged, StoreFull, StoreReadOnly, StoreUnavailable
from sbp.store.tampered import changed_tables

# SQLite's primary result codes (an extended code keeps them in its low byte)
BUSY, LOCKED, READONLY, IOERR, CORRUPT, FULL, NOTADB = 5, 6, 8, 10, 11, 13, 26
NEARLY_FULL_BYTES = 1 << 20
"""Less room than this on the store's disk turns an I/O error into "the disk is full"."""


def store_error(exc: sqlite3.Error, path: Path) -> StoreUnavailable | None:
    """The sbp error an SQLite error stands for, or None when it is not about the store's file
    (a constraint, a mistake in SQL): those are the caller's to handle."""
    code = result_code(exc)
    if code in (BUSY, LOCKED) or "locked" in str(exc):
        return StoreUnavailable("the store stayed locked by another sbp process; try again")
    if code == FULL or (code == IOERR and _nearly_full(path)):
        return StoreFull(
            f"the disk holding the store is full ({path.parent}): nothing was changed",
            hint="free some space and try again",
        )
    if code == IOERR:
        return StoreUnavailable(f"cannot read or write the store at {path}: {exc}")
    if code == READONLY:
        return StoreReadOnly(
            f"the store at {path} is read-only ({exc})",
            hint="reading works; to record changes, make the file and its folder writable",
        )
    changed = changed_tables(exc, path)
    if changed is not None:
        return changed
    if code in (CORRUPT, NOTADB):
        return StoreDamaged(
            f"cannot read the store at {path}: {exc}",
            hint="it is damaged or not an sbp store; restore it from a backup",
        )
    return None


def result_code(exc: sqlite3.Error) -> int:
    """SQLite's primary result code for an error (0 when it has none)."""
    return (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF


def is_damage(exc: sqlite3.Error) -> bool:
    """Whether SQLite says the file is damaged (or is not a database at all)."""
    return result_code(exc) in (CORRUPT, NOTADB)


@contextmanager
def translated(path: Path) -> Iterator[None]:
    """Run SQLite calls, raising sbp's error for any failure of the store's file."""
    try:
        yield
    except sqlite3.Error as exc:
        error = store_error(exc, path)
        if error is None:
            raise
        raise error from None


def _nearly_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < NEARLY_FULL_BYTES
    except OSError:
        return False
