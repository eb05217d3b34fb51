"""The in-memory store's sync methods: the same meaning as `sbp.store.sqlite.sync_tables`,
held to it by the ledger contract suite."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from sbp.core.sync.hlc import HybridClock
from sbp.core.sync.local import (
    EVERY_FIELD,
    HeldRecord,
    LocalEdit,
    OutboxRow,
    SyncState,
    by_version,
    stamped_versions,
)
from sbp.core.sync.records import Kind

if TYPE_CHECKING:
    from sbp.store.memory import _State


class MemorySyncTables:
    """Sync state, versions and outbox kept beside the memory ledger's other state."""

    _state: _State

    def record_changes(self, edits: Sequence[LocalEdit], now_ms: int) -> None:
        state = self._state.sync
        if not edits or not state.enabled:
            return
        clock = HybridClock(state.node, *state.clock)
        version = clock.stamp(now_ms)
        for edit in edits:
            rid = (edit.kind, edit.key)
            found = self._state.versions.get(rid)
            if edit.fields is None:
                self._state.versions[rid] = HeldRecord({EVERY_FIELD: version})
            else:
                current = None if found is None else found.versions
                row = stamped_versions(current, edit.fields, version, state.base_version)
                self._state.versions[rid] = HeldRecord(row, None if found is None else found.held)
            seq = self._state.next_outbox
            self._state.next_outbox += 1
            self._state.outbox.append(OutboxRow(seq, edit.kind, edit.key, edit.fields, version))
        self._state.sync = state._replace(clock=clock.state)

    def record_versions(self, kind: Kind, key: str, versions: Mapping[str, str]) -> None:
        state = self._state.sync
        if not versions or not state.enabled:
            return
        found = self._state.versions.get((kind, key))
        kept = None if found is None else found.versions
        for version, names in by_version(versions).items():
            kept = stamped_versions(kept, names, version, state.base_version)
            self._state.outbox.append(OutboxRow(self._state.next_outbox, kind, key, names, version))
            self._state.next_outbox += 1
        assert kept is not None
        self._state.versions[(kind, key)] = HeldRecord(kept, None if found is None else found.held)

    def sync_state(self) -> SyncState:
        return self._state.sync

    def save_sync_state(self, state: SyncState) -> None:
        self._state.sync = state

    def held_records(self, kind: Kind, keys: Sequence[str]) -> Mapping[str, HeldRecord]:
        found = ((key, self._state.versions.get((kind, key))) for key in keys)
        return {key: record for key, record in found if record is not None}

    def hold_records(self, kind: Kind, records: Mapping[str, HeldRecord | None]) -> None:
        for key, record in records.items():
            if record is None:
                self._state.versions.pop((kind, key), None)
            else:
                self._state.versions[(kind, key)] = record

    def outbox(self, after: int, limit: int) -> Sequence[OutboxRow]:
        return [row for row in self._state.outbox if row.seq > after][: max(limit, 0)]

    def drop_outbox(self, through: int) -> None:
        self._state.outbox = [row for row in self._state.outbox if row.seq > through]

    def restamp_outbox(self, versions: Mapping[int, str]) -> None:
        self._state.outbox = [
            row._replace(version=versions.get(row.seq, row.version)) for row in self._state.outbox
        ]

    def outbox_size(self) -> int:
        return len(self._state.outbox)

    def queued_keys(self, kind: Kind, keys: Sequence[str]) -> frozenset[str]:
        wanted = set(keys)
        return frozenset(r.key for r in self._state.outbox if r.kind is kind and r.key in wanted)
