"""Long writes announce themselves, so other writers wait for them instead of giving up.

An import is stored in one transaction (all or nothing, whatever happens), which holds the
store's write lock for as long as it runs: a minute for a few million rows. SQLite's own
wait gives up after `BUSY_TIMEOUT_MS`. So a long write (an import, an upgrade) writes what it
is doing and how far it got to `sbp.db.busy`, holding an advisory lock on that file while it
runs: the lock goes with the process, so a killed import is never mistaken for a running one.
A writer kept waiting reads it and, when there is someone to tell, says so and waits as long
as the announced write runs; otherwise it gives up as before, naming what holds the store.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from pathlib import Path
from typing import IO, TYPE_CHECKING, NamedTuple

from sbp.core.errors import StoreUnavailable
from sbp.store.sqlite.failures import BUSY, LOCKED, result_code

if TYPE_CHECKING:
    from sbp.core.ports import Notices

try:
    import fcntl
except ImportError:  # Windows: long writes are not announced, writers wait as SQLite does
    fcntl = None  # type: ignore[assignment]

RETRY_MS = 1000
"""How long one attempt waits for the lock before looking at who holds it."""


class Holder(NamedTuple):
    """A long write another sbp announced, and is still running."""

    pid: int
    what: str
    rows: int

    def progress(self) -> str:
        return f"{self.rows:,} rows stored so far" if self.rows else ""


class Announcement:
    """This process's announcement of a long write; `release` ends it."""

    def __init__(self, path: Path, what: str) -> None:
        self.file = _busy_file(path)
        self.what = what
        self.rows = 0
        self.handle: IO[str] | None = None
        if fcntl is None:
            return
        with contextlib.suppress(OSError):
            fd = os.open(self.file, os.O_RDWR | os.O_CREAT, 0o600)
            handle = os.fdopen(fd, "r+", encoding="utf-8")
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                handle.close()
                return
            self.handle = handle
            self.stored(0)

    def stored(self, rows: int) -> None:
        """Say that `rows` more rows were written."""
        self.rows += rows
        if self.handle is None:
            return
        record = {"pid": os.getpid(), "what": self.what, "rows": self.rows}
        with contextlib.suppress(OSError):
            self.handle.seek(0)
            self.handle.truncate()
            self.handle.write(json.dumps(record))
            self.handle.flush()

    def release(self) -> None:
        """The write is over (committed or rolled back)."""
        if self.handle is None:
            return
        with contextlib.suppress(OSError):
            self.file.unlink()
        self.handle.close()  # which releases the lock
        self.handle = None


def holder(path: Path) -> Holder | None:
    """The long write another sbp announced for the store at `path`, if it is still running."""
    if fcntl is None:
        return None
    try:
        with _busy_file(path).open(encoding="utf-8") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError:  # locked: the process that announced it is still at it
                data = json.loads(handle.read() or "{}")
                return Holder(int(data["pid"]), str(data["what"]), int(data.get("rows", 0)))
            return None  # nobody holds it: left by a process that was killed
    except (OSError, ValueError, KeyError, TypeError):
        return None


def begin_immediate(
    conn: sqlite3.Connection, path: Path, notices: Notices | None, timeout_ms: int
) -> None:
    """Start a write transaction, waiting for an announced long write as long as it runs
    (telling `notices`), and for anything else up to `timeout_ms`."""
    deadline = time.monotonic() + timeout_ms / 1000
    told = False
    conn.execute(f"PRAGMA busy_timeout = {min(RETRY_MS, timeout_ms)}")
    try:
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if result_code(exc) not in (BUSY, LOCKED):
                    raise
            running = holder(path)
            if running is not None and notices is not None:
                waiting = f"waiting for another sbp (pid {running.pid}) to finish {running.what}"
                notices.show(waiting, running.progress())
                told = True
                deadline = time.monotonic() + timeout_ms / 1000  # counted from its end
            elif time.monotonic() >= deadline:
                raise _locked(running) from None
    finally:
        conn.execute(f"PRAGMA busy_timeout = {timeout_ms}")
        if told and notices is not None:
            notices.clear()


def _locked(running: Holder | None) -> StoreUnavailable:
    if running is None:
        return StoreUnavailable("the store stayed locked by another sbp process; try again")
    done = f" ({running.progress()})" if running.rows else ""
    return StoreUnavailable(
        f"the store is busy: another sbp (pid {running.pid}) is running {running.what}{done}",
        hint="try again when it has finished",
    )


def _busy_file(path: Path) -> Path:
    return path.with_name(path.name + ".busy")
