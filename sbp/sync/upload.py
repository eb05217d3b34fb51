"""The first sync of a store that already holds data: everything it holds goes up once.

Sync is switched on first (in one transaction with the base version every record is stamped
with), so what is written during the upload waits in the outbox and is pushed after it.

- Into an empty replica: a load. The head is marked (nobody else writes meanwhile), the records
  go up with bulk writes, a compressed snapshot of them goes to S3 (what new devices start from)
  and the entry naming it ends the load. No million transactions, no million log entries.
- Into a replica that holds data: ordinary commits, merged field by field with what is there.

Either is resumable: the progress (the last record sent) is kept in the store, and sending a
record twice merges to nothing.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from itertools import islice
from typing import TYPE_CHECKING

from sbp.core.errors import ReplicaNotEmpty
from sbp.core.sync.local import HeldRecord, SyncState, field_version
from sbp.core.sync.records import Change, Kind, Stamped
from sbp.core.sync.snapshot import SnapshotHeader, record_line, write_snapshot
from sbp.sync.store_records import StoreRecords, Values

if TYPE_CHECKING:
    from sbp.core.ports import Ledger
    from sbp.core.sync.ports import Snapshots, SyncReplica
    from sbp.sync.push import Progress

ORDER = (
    Kind.SETTING, Kind.BUDGET, Kind.RULE, Kind.CORRECTION, Kind.NOTIFICATION, Kind.EXPENSE,
    Kind.LINK,
)  # fmt: skip
"""Links after expenses: a store that takes in a link holds the expense it names."""
BATCH = 1000
"""Records sent at a time, and how often the progress is kept."""


class Upload:
    """One store's first upload (`progress` in its sync state, as JSON text)."""

    def __init__(
        self,
        ledger: Ledger,
        replica: SyncReplica,
        snapshots: Snapshots,
        at: str,
        progress: Progress | None = None,
    ) -> None:
        self.ledger = ledger
        self.replica = replica
        self.snapshots = snapshots
        self.at = at
        self.progress = progress

    def run(self, state: SyncState) -> SyncState:
        """Send everything; the state after (cursor at the load's end, or 0 after a merge)."""
        plan = json.loads(state.upload or "{}")
        cursor = 0
        if plan.get("mode") == "load":
            cursor = self._load(state, plan)
        else:
            self._merge(state, plan)
        with self.ledger.transaction():
            after = self.ledger.sync_state()
            after = after._replace(upload=None, cursor=max(after.cursor, cursor))
            self.ledger.save_sync_state(after)
        return after

    def _load(self, state: SyncState, plan: dict[str, object]) -> int:
        """Load the empty replica; the number of the entry that ended the load."""
        load_id = str(plan["load"])
        meta = self.replica.meta()
        if meta.snapshot == load_id and meta.loading is None:
            return meta.snapshot_seq  # it ended before this device could say so
        try:
            self.replica.begin_load(load_id, state.node, self.at)
        except ReplicaNotEmpty:
            # another device found it empty too and loaded it first: merge into its data
            merging: dict[str, object] = {"mode": "merge"}
            self._save(merging)
            self._merge(state, merging)
            return 0
        base = str(state.base_version)

        def lines() -> Iterator[bytes]:
            for batch, sent_before in self._batches(state, plan):
                if not sent_before:
                    self.replica.load_records([change for change, _ in batch])
                    self._mark(plan, batch[-1][0])
                for change, versions in batch:
                    values = {name: stamped.value for name, stamped in change.fields.items()}
                    yield record_line(change.kind, change.key, values, versions, base)

        with tempfile.TemporaryFile() as spool:
            # the load's end is the entry after its beginning: nobody else commits meanwhile
            write_snapshot(spool, SnapshotHeader(2, base), lines())
            spool.seek(0)
            if self.progress is not None:
                self.progress("uploading the snapshot", 0, None)
            self.snapshots.upload(load_id, spool)
        return self.replica.finish_load(load_id, state.node, self.at)

    def _merge(self, state: SyncState, plan: dict[str, object]) -> None:
        for batch, sent_before in self._batches(state, plan):
            if not sent_before:
                self.replica.commit([change for change, _ in batch], state.node, self.at)
                self._mark(plan, batch[-1][0])

    def _batches(
        self, state: SyncState, plan: dict[str, object]
    ) -> Iterator[tuple[list[tuple[Change, dict[str, str]]], bool]]:
        """Every record as it will go up, with its versions, a batch at a time, and whether
        the batch was sent before this run (the upload is resuming)."""
        records = StoreRecords(self.ledger)
        total = records.count()
        kept = plan.get("after")
        after: tuple[str, ...] = tuple(map(str, kept)) if isinstance(kept, list) else ("", "")
        base = str(state.base_version)
        done = 0
        for kind in ORDER:
            found = records.every(kind)
            while chunk := list(islice(found, BATCH)):
                held = self.ledger.held_records(kind, [key for key, _ in chunk])
                batch = [
                    _versioned(kind, key, values, held.get(key), base) for key, values in chunk
                ]
                done += len(batch)
                if self.progress is not None:
                    self.progress("uploading", done, max(total, done))
                yield batch, _position(batch[-1][0]) <= after

    def _mark(self, plan: dict[str, object], last: Change) -> None:
        """Keep how far the upload got, so a crash resumes after it."""
        plan["after"] = list(_position(last))
        self._save(plan)

    def _save(self, plan: dict[str, object]) -> None:
        with self.ledger.transaction():
            state = self.ledger.sync_state()
            self.ledger.save_sync_state(state._replace(upload=json.dumps(plan)))


def _versioned(
    kind: Kind, key: str, values: Values, held: HeldRecord | None, base: str
) -> tuple[Change, dict[str, str]]:
    versions = dict(held.versions) if held is not None else {"": base}
    fields = {name: Stamped(value, field_version(versions, name)) for name, value in values.items()}
    return Change(kind, key, fields), versions


def _position(change: Change) -> tuple[str, str]:
    """Where a record comes in the upload's order (expenses by date, then id)."""
    order = f"{ORDER.index(change.kind)}"
    if change.kind is Kind.EXPENSE:
        return order, f"{change.value('date')}|{change.key}"
    return order, change.key
