"""The `Replica` and `SyncReplica` ports in memory: a real adapter, the fake the cloud tests use.

It keeps records and the log in dictionaries and commits under a lock, exactly as the DynamoDB
adapter does with its conditional transaction, so the contract suite holds both to one meaning.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from sbp.core.errors import Conflict, ReplicaNotEmpty, UploadInProgress
from sbp.core.periods import Month
from sbp.core.sync.codec import expense_month
from sbp.core.sync.log import Commit, LogEntry, plan_merge
from sbp.core.sync.ports import DeviceCursor, ReplicaMeta
from sbp.core.sync.records import Change, Kind


class MemoryReplica:
    """One user's replica held in this process; `server_clock` stands for the cloud's clock
    (milliseconds) where a test needs one."""

    def __init__(self, user_id: str, server_clock: Callable[[], int] | None = None) -> None:
        self._user_id = user_id
        self._records: dict[tuple[Kind, str], Change] = {}
        self._log: dict[int, LogEntry] = {}
        self._head = 0
        self._meta = ReplicaMeta(0)
        self._devices: dict[str, DeviceCursor] = {}
        self._lock = threading.Lock()
        self.server_clock = server_clock

    @property
    def user_id(self) -> str:
        return self._user_id

    def commit(self, changes: Sequence[Change], origin: str, at: str) -> Commit:
        with self._lock:
            if self._meta.loading is not None:
                raise UploadInProgress()
            wanted = {(c.kind, c.key) for c in changes}
            current = {rid: self._records[rid] for rid in wanted if rid in self._records}
            plan = plan_merge(current, changes)
            if not plan.effective:
                return Commit(self._head, (), frozenset(), 0)
            for record in plan.records:
                self._records[(record.kind, record.key)] = record
            seq = self._append(LogEntry(self._head + 1, origin, at, plan.effective))
            return Commit(seq, (seq,), plan.created, len(plan.records))

    def _append(self, entry: LogEntry) -> int:
        self._log[entry.seq] = entry
        self._head = entry.seq
        self._meta = self._meta._replace(head=entry.seq)
        return entry.seq

    def head(self) -> int:
        return self._head

    def entries_after(self, seq: int, limit: int = 100) -> Sequence[LogEntry]:
        found = []
        for number in range(max(seq, 0) + 1, self._head + 1):
            if len(found) >= limit:
                break
            if number in self._log:
                found.append(self._log[number])
        return found

    def record(self, kind: Kind, key: str) -> Change | None:
        return self._records.get((kind, key))

    def records(self, kind: Kind) -> Sequence[Change]:
        if kind is Kind.EXPENSE:
            raise ValueError("expenses are read a month at a time: use month_expenses")
        return sorted((r for (k, _), r in self._records.items() if k is kind), key=lambda r: r.key)

    def month_expenses(self, month: Month) -> Sequence[Change]:
        found = (
            r
            for (kind, _), r in self._records.items()
            if kind is Kind.EXPENSE and expense_month(r) == month
        )
        return sorted(found, key=lambda r: r.key)

    # what only devices do -----------------------------------------------------------------
    def meta(self) -> ReplicaMeta:
        with self._lock:
            now = None if self.server_clock is None else self.server_clock()
            return self._meta._replace(server_ms=now)

    def begin_load(self, load_id: str, origin: str, at: str) -> None:
        with self._lock:
            if self._meta.loading == load_id:
                return
            if self._meta.loading is not None:
                raise UploadInProgress()
            if self._head:
                raise ReplicaNotEmpty()
            self._meta = self._meta._replace(loading=load_id)
            self._append(LogEntry(1, origin, at, ()))

    def load_records(self, records: Sequence[Change]) -> None:
        with self._lock:
            for record in records:
                self._records[(record.kind, record.key)] = record

    def finish_load(self, load_id: str, origin: str, at: str) -> int:
        with self._lock:
            if self._meta.loading is None and self._meta.snapshot == load_id:
                return self._meta.snapshot_seq  # finished before: resumed after the last step
            if self._meta.loading != load_id:
                raise Conflict(f"no upload {load_id} is in progress")
            seq = self._append(LogEntry(self._head + 1, origin, at, (), load_id))
            self._meta = self._meta._replace(loading=None, snapshot=load_id, snapshot_seq=seq)
            return seq

    def set_snapshot(self, snapshot_id: str, seq: int) -> None:
        with self._lock:
            if seq > self._meta.snapshot_seq:
                self._meta = self._meta._replace(snapshot=snapshot_id, snapshot_seq=seq)

    def report_device(self, device: DeviceCursor) -> None:
        with self._lock:
            self._devices[device.node] = device

    def devices(self) -> Sequence[DeviceCursor]:
        with self._lock:
            return [self._devices[node] for node in sorted(self._devices)]

    def purge(self, through: int, dropped: Callable[[Change], None] | None = None) -> int:
        tombstones: list[Change] = []
        with self._lock:
            if through <= self._meta.purged_through:
                return 0
            self._meta = self._meta._replace(purged_through=through)
            gone = [seq for seq in self._log if seq <= through]
            for seq in gone:
                for change in self._log.pop(seq).changes:
                    tombstones += self._drop_tombstone(change)
        for tombstone in tombstones:  # outside the lock: the caller may read the replica
            if dropped is not None:
                dropped(tombstone)
        return len(gone)

    def _drop_tombstone(self, change: Change) -> list[Change]:
        """Forget a record deleted by `change` if nothing wrote it since; what was forgotten."""
        rid = (change.kind, change.key)
        held = self._records.get(rid)
        if held is not None and held.deleted and change.deleted and held.newest == change.newest:
            del self._records[rid]
            return [held]
        return []
