"""Pull: the log after this device's cursor, a page at a time, each page in one transaction
with the cursor and the clock, so a crash never leaves the cursor ahead of the data.

Entries this device wrote are skipped (the store already holds what they say, or newer). An
entry whose versions are too far in the future is not applied and the cursor stops before it.
An entry that ends another device's first upload names a snapshot: the pull stops there and
the caller loads the snapshot. A log whose start was purged past the cursor means this device
was away too long: the caller resyncs it from the newest snapshot.
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each string annotation
# of its fields when the class is made, which costs every run of sbp start-up time.

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from sbp.core.errors import SbpError
from sbp.core.printable import shown
from sbp.core.sync.hlc import ClockSkew, HybridClock
from sbp.core.sync.log import LogEntry
from sbp.sync.apply import Applier

if TYPE_CHECKING:
    from sbp.core.ports import Ledger, Replica
    from sbp.sync.push import Progress

PAGE = 100
"""Log entries read and applied at a time."""


class Behind(SbpError):
    """The log no longer holds the entries after this device's cursor (they were purged)."""


class Stop(NamedTuple):
    """Why a pull stopped before the head: a snapshot to load first, or a clock to fix."""

    snapshot: LogEntry | None = None
    skew: ClockSkew | None = None


def pull(
    ledger: "Ledger",
    replica: "Replica",
    applier: Callable[[str | None, HybridClock], Applier],
    now_ms: Callable[[], int],
    progress: "Progress | None" = None,
    head: int = 0,
) -> tuple[list[Applier], Stop | None]:
    """Apply the log after the cursor; the appliers used (one a page: what they changed and
    resolved) and why it stopped early, if it did."""
    used: list[Applier] = []
    cursor = ledger.sync_state().cursor
    first = cursor
    while entries := replica.entries_after(cursor, PAGE):
        if entries[0].seq != cursor + 1:
            raise Behind(f"the log after entry {cursor} was purged")
        with ledger.transaction():
            state = ledger.sync_state()
            clock = HybridClock(state.node, *state.clock)
            page = applier(state.base_version, clock)
            used.append(page)
            stop: Stop | None = None
            for entry in entries:
                stop = _apply(entry, page, clock, state.node, now_ms())
                if stop is not None:
                    break
                cursor = entry.seq
            ledger.save_sync_state(state._replace(cursor=cursor, clock=clock.state))
            page.settle()  # stamps with the clock just saved, which saw the page
        if progress is not None:
            progress("pulling", cursor - first, max(head, cursor) - first)
        if stop is not None:
            return used, stop
    return used, None


def _apply(
    entry: LogEntry, page: Applier, clock: HybridClock, node: str, now_ms: int
) -> Stop | None:
    if entry.snapshot is not None and entry.origin != node:
        return Stop(snapshot=entry)
    readable = []
    for change in entry.changes:
        try:
            clock.observe(change.newest, now_ms)
        except ClockSkew as exc:
            return Stop(skew=exc)
        except ValueError:  # not a version sbp can read: the change is left out
            page.skipped.append(
                f"{change.kind.value} {shown(change.key)}: its version cannot be read"
            )
            continue
        readable.append(change)
    if entry.origin != node:
        page.entries += 1
        for change in readable:
            page.apply(change, entry.origin)
    return None
