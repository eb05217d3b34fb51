"""Loading a snapshot into the store: how a new device joins, how a device follows another's
first upload, and how a device that was away longer than the log is kept catches up.

The snapshot's records are merged like pulled changes (the newer version wins per field), a
few thousand to a transaction, so this device's own writes not yet pushed survive, and loading
the same snapshot twice changes nothing. Only when every record is in does the cursor move to
the entry the snapshot stands for: a crash on the way loads it again.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from itertools import islice
from typing import TYPE_CHECKING

from sbp.core.errors import SbpError
from sbp.core.sync.hlc import HybridClock
from sbp.core.sync.records import Kind
from sbp.core.sync.snapshot import SnapshotDamaged, read_snapshot
from sbp.sync import receipt_purge, resync
from sbp.sync.apply import Applier

if TYPE_CHECKING:
    from sbp.core.ports import Ledger
    from sbp.core.sync.ports import KeptReceipts, Snapshots
    from sbp.sync.push import Progress

BATCH = 2000
"""Records merged per transaction (short enough that `sbp add` never waits long)."""
SETTLE_BATCH = 100
"""Records lacking from the snapshot looked up in the cloud per transaction."""
ORIGIN = "snapshot"


def load_snapshot(
    ledger: Ledger,
    snapshots: Snapshots,
    snapshot_id: str,
    seq: int,
    applier: Callable[[str | None, HybridClock], Applier],
    progress: Progress | None = None,
    behind: bool = False,
    kept: KeptReceipts | None = None,
) -> list[Applier]:
    """Merge snapshot `snapshot_id` (which stands for entry `seq`) into the store and move the
    cursor to `seq`; the appliers used. A store `behind` the purged log also loses the records
    deleted meanwhile (`sbp.sync.resync`), before its cursor moves, and `kept` the receipts of
    the expenses among them."""
    with resync.snapshot_keys() as keys:
        used = _merge_snapshot(ledger, snapshots, snapshot_id, applier, progress, keys, behind)
        if behind:
            used += _settle_lacking(ledger, keys, applier, kept)
    with ledger.transaction():
        state = ledger.sync_state()
        ledger.save_sync_state(state._replace(cursor=max(state.cursor, seq)))
    return used


def _merge_snapshot(
    ledger: Ledger,
    snapshots: Snapshots,
    snapshot_id: str,
    applier: Callable[[str | None, HybridClock], Applier],
    progress: Progress | None,
    keys: resync.SnapshotKeys,
    behind: bool,
) -> list[Applier]:
    used: list[Applier] = []
    with tempfile.TemporaryFile() as spool:
        snapshots.download(snapshot_id, spool)
        spool.seek(0)
        try:
            header, records = read_snapshot(spool)
            _adopt_base(ledger, header.base)
            done = 0
            while batch := list(islice(records, BATCH)):
                with ledger.transaction():
                    state = ledger.sync_state()
                    clock = HybridClock(state.node, *state.clock)
                    page = applier(state.base_version, clock)
                    used.append(page)
                    for record in batch:
                        page.apply(record, ORIGIN)
                    ledger.save_sync_state(state._replace(clock=clock.state))
                    page.settle()
                if behind:
                    keys.note(batch)
                done += len(batch)
                if progress is not None:
                    progress("loading the snapshot", done, None)
        except SnapshotDamaged as exc:
            raise SbpError(
                f"the cloud's snapshot {snapshot_id} is damaged ({exc}); nothing was changed"
                " past the records already merged",
                hint="sync again; if it happens again, another device can write a new snapshot",
            ) from None
    return used


def _settle_lacking(
    ledger: Ledger,
    keys: resync.SnapshotKeys,
    applier: Callable[[str | None, HybridClock], Applier],
    kept: KeptReceipts | None,
) -> list[Applier]:
    used: list[Applier] = []
    purged: list[str] = []
    lacking = resync.lacking(ledger, keys)
    for start in range(0, len(lacking), SETTLE_BATCH):
        with ledger.transaction():
            state = ledger.sync_state()
            clock = HybridClock(state.node, *state.clock)
            page = applier(state.base_version, clock)
            used.append(page)
            for kind, key in lacking[start : start + SETTLE_BATCH]:
                if resync.settle(page, kind, key) and kind is Kind.EXPENSE:
                    purged.append(key)
            ledger.save_sync_state(state._replace(clock=clock.state))
            page.settle()
    receipt_purge.let_go(ledger, kept, purged)
    return used


def _adopt_base(ledger: Ledger, base: str) -> None:
    """A store that holds nothing yet takes the snapshot's base version as its own, so the
    records at that version need no versions row of their own."""
    with ledger.transaction():
        state = ledger.sync_state()
        if state.base_version is None and ledger.outbox_size() == 0 and _empty(ledger):
            ledger.save_sync_state(state._replace(base_version=base))


def _empty(ledger: Ledger) -> bool:
    from sbp.sync.store_records import StoreRecords

    return StoreRecords(ledger).count() == 0
