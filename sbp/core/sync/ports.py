"""The ports a device's sync needs beyond the `Replica` the Lambdas share.

`SyncReplica` adds what only devices do: read the replica's head with its markers, upload a
whole store into an empty replica (a first sync), report how far each device has pulled, point
at the newest snapshot and purge the log below every active device. `Snapshots` keeps the
compressed snapshots themselves, and deletes the receipts of purged expenses. Memory and AWS
adapters pass `tests/contract`.
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each string annotation
# of its fields when the class is made, which costs every run of sbp start-up time.

from collections.abc import Callable, Collection, Sequence
from typing import BinaryIO, NamedTuple, Protocol

from sbp.core.ports import Replica
from sbp.core.sync.records import Change


class ReplicaMeta(NamedTuple):
    """The replica's head as one consistent read: the last entry's number, the first upload in
    progress (its id), the newest snapshot and the entry it stands for, how far the log was
    purged (entries up to that number may be gone), and the cloud's clock when it was read
    (milliseconds, None when the adapter cannot tell)."""

    head: int
    loading: str | None = None
    snapshot: str | None = None
    snapshot_seq: int = 0
    purged_through: int = 0
    server_ms: int | None = None


class DeviceCursor(NamedTuple):
    """How far one device has pulled, when it last synced (ISO time) and what it is called."""

    node: str
    cursor: int
    seen: str
    name: str = ""


class SyncReplica(Replica, Protocol):
    """A user's replica as a device syncs with it."""

    def meta(self) -> ReplicaMeta:
        """The head and its markers, read consistently."""
        ...

    def begin_load(self, load_id: str, origin: str, at: str) -> None:
        """Mark the empty replica as being loaded by `load_id` (log entry 1); commits are
        refused until `finish_load`. Beginning the same load again is fine; ReplicaNotEmpty
        when the replica holds data, UploadInProgress when another load holds it."""
        ...

    def load_records(self, records: Sequence[Change]) -> None:
        """Put records of the load in progress as they are (no merge, no log entry)."""
        ...

    def finish_load(self, load_id: str, origin: str, at: str) -> int:
        """End the load with the entry naming its snapshot (`load_id`); that entry's number."""
        ...

    def set_snapshot(self, snapshot_id: str, seq: int) -> None:
        """Point at a newer snapshot, which holds every record as of entry `seq`."""
        ...

    def report_device(self, device: DeviceCursor) -> None:
        """Keep how far a device has pulled."""
        ...

    def devices(self) -> Sequence[DeviceCursor]:
        """Every device that reported, by node."""
        ...

    def purge(self, through: int, dropped: Callable[[Change], None] | None = None) -> int:
        """Drop the log entries numbered up to `through`, and the tombstones they logged that
        nothing has changed since; how many entries went. The purge mark moves first, so a
        device behind it is told to resync rather than miss anything. `dropped` is called with
        each tombstone record as it stood (every field kept), once it is gone."""
        ...


class Snapshots(Protocol):
    """What the sync keeps in the user's part of the bucket: compressed snapshots of their
    records, by id; and the receipts it removes once nothing can bring their expense back."""

    def upload(self, snapshot_id: str, source: BinaryIO) -> None:
        """Keep the bytes of `source` (read from where it stands) as snapshot `snapshot_id`."""
        ...

    def download(self, snapshot_id: str, target: BinaryIO) -> None:
        """Write the snapshot's bytes to `target`; NotFound when there is no such snapshot."""
        ...

    def delete_receipt(self, key: str) -> None:
        """Delete the receipt stored under `key` (`receipts/<user id>/...`); a receipt already
        gone is fine. ValueError for a key outside the user's own receipts."""
        ...


class KeptReceipts(Protocol):
    """The receipts kept in this device's data folder, as the sync lets go of them."""

    def forget(self, expense_id: str, keep: Collection[str] = ()) -> int:
        """The expense is gone for good (its tombstone purged): drop its hold on the files it
        kept, removing each that no other expense holds and whose local key is not in `keep`;
        how many files went."""
        ...
