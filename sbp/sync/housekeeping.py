"""Keeping the replica's log short: a fresh snapshot when the log since the last one is long,
and a purge of what every active device has pulled past.

Any device may do either, after a sync that left it level with the head and its outbox empty
(its store is then exactly the replica as of the head). The purge goes only below the slowest
active device's cursor, never past the newest snapshot, and only through entries older than
`MIN_AGE`; a device that reported nothing for `ACTIVE` is left out of the minimum, and when it
comes back behind the purge it is resynced from the snapshot, keeping its own writes. The
receipts of the expenses whose tombstones the purge dropped are deleted from the cloud then
(`sbp.sync.receipt_purge`).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sbp.core.ids import new_ulid
from sbp.core.sync.local import EVERY_FIELD
from sbp.core.sync.records import Change, Kind
from sbp.core.sync.snapshot import SnapshotHeader, record_line, write_snapshot
from sbp.sync import receipt_purge
from sbp.sync.store_records import StoreRecords
from sbp.sync.upload import ORDER

if TYPE_CHECKING:
    from sbp.core.ports import Ledger
    from sbp.core.sync.ports import KeptReceipts, ReplicaMeta, Snapshots, SyncReplica

SNAPSHOT_AFTER = 5000
"""Log entries after the newest snapshot that make a new one worth writing."""
PURGE_AFTER = 1000
"""Log entries below the newest snapshot that make a purge worth its reads."""
MIN_AGE = timedelta(days=30)
ACTIVE = timedelta(days=90)


def tidy(
    ledger: Ledger,
    replica: SyncReplica,
    snapshots: Snapshots,
    meta: ReplicaMeta,
    now: datetime,
    kept: KeptReceipts | None = None,
) -> list[str]:
    """Write a snapshot or purge, when due; what was done, in words. The receipts of the
    expenses purged go from the cloud, and from `kept` (this device's data folder)."""
    done = []
    state = ledger.sync_state()
    level = state.cursor == meta.head and ledger.outbox_size() == 0
    if level and meta.head - meta.snapshot_seq > SNAPSHOT_AFTER:
        snapshot_id = new_ulid(now)
        count = write_local_snapshot(ledger, snapshots, snapshot_id, meta.head)
        replica.set_snapshot(snapshot_id, meta.head)
        meta = meta._replace(snapshot=snapshot_id, snapshot_seq=meta.head)
        done.append(f"wrote a fresh snapshot of {count:,} records")
    if meta.snapshot_seq - meta.purged_through > PURGE_AFTER:
        through = purge_horizon(replica, meta, now)
        if through > meta.purged_through:
            expenses: list[str] = []
            gone = replica.purge(through, lambda record: _doomed(ledger, replica, expenses, record))
            done.append(f"purged {gone:,} old log entries")
            receipt_purge.let_go(ledger, kept, expenses)
    deleted, left = receipt_purge.delete_pending(ledger, replica, snapshots)
    if deleted:
        done.append(f"deleted {_receipts(deleted)} of expenses removed for good from the cloud")
    if left:
        done.append(f"{_receipts(left)} of expenses removed for good wait to be deleted")
    return done


def _doomed(ledger: Ledger, replica: SyncReplica, expenses: list[str], record: Change) -> None:
    """Write down the receipt of a tombstone the purge dropped, to delete it next, and the
    expense, whose copy this device lets go of."""
    found = receipt_purge.doomed(record, replica.user_id)
    if found is not None:
        receipt_purge.note(ledger, found)
    if record.kind is Kind.EXPENSE:
        expenses.append(record.key)


def _receipts(count: int) -> str:
    return f"{count:,} receipt{'s' * (count != 1)}"


def write_local_snapshot(ledger: Ledger, snapshots: Snapshots, snapshot_id: str, seq: int) -> int:
    """Upload a snapshot of the store as it stands (level with entry `seq`); how many records."""
    base = ledger.sync_state().base_version or ""
    with tempfile.TemporaryFile() as spool:
        count = write_snapshot(spool, SnapshotHeader(seq, base), _lines(ledger, base))
        spool.seek(0)
        snapshots.upload(snapshot_id, spool)
    return count


def _lines(ledger: Ledger, base: str) -> Iterator[bytes]:
    records = StoreRecords(ledger)
    for kind in ORDER:
        batch: list[tuple[str, dict[str, object]]] = []
        for item in records.every(kind):
            batch.append(item)  # type: ignore[arg-type]
            if len(batch) == 1000:
                yield from _batch_lines(ledger, kind, batch, base)
                batch = []
        yield from _batch_lines(ledger, kind, batch, base)


def _batch_lines(
    ledger: Ledger, kind: Kind, batch: list[tuple[str, dict[str, object]]], base: str
) -> Iterator[bytes]:
    held = ledger.held_records(kind, [key for key, _ in batch])
    for key, values in batch:
        found = held.get(key)
        versions = found.versions if found is not None else {EVERY_FIELD: base}
        yield record_line(kind, key, values, versions, base)  # type: ignore[arg-type]


def purge_horizon(replica: SyncReplica, meta: ReplicaMeta, now: datetime) -> int:
    """The last entry that may go: below every active device's cursor and the newest
    snapshot, and older than MIN_AGE."""
    active = [d.cursor for d in replica.devices() if _seen_since(d.seen, now - ACTIVE)]
    limit = min([meta.snapshot_seq, *active])
    oldest = (now - MIN_AGE).isoformat()
    through = meta.purged_through
    while through < limit:
        entries = replica.entries_after(through, min(100, limit - through))
        if not entries:
            break
        for entry in entries:
            if entry.at >= oldest:
                return through
            through = entry.seq
    return through


def _seen_since(seen: str, since: datetime) -> bool:
    try:
        return datetime.fromisoformat(seen) >= since
    except ValueError:
        return False
