"""Telling the person about SQLite work that takes long: after `SLOW_SECONDS`, a statement in
progress says what it does and how far it got (through `Notices`), until it ends."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sbp.core.ports import Notices

SLOW_SECONDS = 1.0
"""Work quicker than this says nothing."""
TICK_STEPS = 100_000
"""SQLite's virtual machine steps between two looks at the clock (well under 10 ms)."""


@contextmanager
def told_if_slow(
    conn: sqlite3.Connection,
    notices: Notices | None,
    what: str,
    progress: Callable[[float], str] = lambda seconds: f"{seconds:.0f} s",
    once_slow: Callable[[], None] | None = None,
) -> Iterator[None]:
    """Run statements on `conn`; once they have taken SLOW_SECONDS, call `once_slow` and tell
    `notices` `what` is being done and its `progress(seconds so far)`."""
    started = time.monotonic()
    slow = False

    def tick() -> int:
        nonlocal slow
        seconds = time.monotonic() - started
        if seconds >= SLOW_SECONDS:
            if not slow and once_slow is not None:
                once_slow()
            slow = True
            if notices is not None:
                notices.show(what, progress(seconds))
        return 0  # carry on

    conn.set_progress_handler(tick, TICK_STEPS)
    try:
        yield
    finally:
        conn.set_progress_handler(None, 0)
        if slow and notices is not None:
            notices.clear()
