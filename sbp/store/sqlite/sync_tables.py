"""What the store keeps about sync: its state row, each record's versions, and the outbox.

`record_changes` is the one place a local write is stamped: it reads the state row (a store
that never joined a replica has none, and records nothing), stamps one version with the
persisted hybrid clock for the whole write, and keeps the versions and the outbox rows, all in
the caller's transaction, so a write and its record of itself commit or roll back together.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from sbp.core.sync.hlc import HybridClock
from sbp.core.sync.local import (
    HeldRecord,
    LocalEdit,
    OutboxRow,
    SyncState,
    by_version,
    stamped_versions,
)
from sbp.core.sync.records import Kind
from sbp.store.sqlite.connection import SqliteConnection, bound_chunks

_STATE = (
    "node, hlc_millis, hlc_counter, user_id, cursor, enabled, base_version, upload,"
    " last_synced_at, last_error"
)


class SyncTables(SqliteConnection):
    """The `Ledger` port's sync methods over `sync_state`, `sync_versions` and `sync_outbox`."""

    def record_changes(self, edits: Sequence[LocalEdit], now_ms: int) -> None:
        if not edits:
            return
        with self.transaction():
            row = self._execute(
                "SELECT node, hlc_millis, hlc_counter, base_version FROM sync_state"
                " WHERE enabled = 1"
            ).fetchone()
            if row is None:
                return  # sync is off: the first sync uploads everything as it then stands
            node, millis, counter, base = row
            clock = HybridClock(node, millis, counter)
            version = clock.stamp(now_ms)
            self._stamp_versions(edits, version, base)
            self._conn.executemany(
                "INSERT INTO sync_outbox (kind, key, fields, version) VALUES (?,?,?,?)",
                [(e.kind.value, e.key, _names(e.fields), version) for e in edits],
            )
            self._execute("UPDATE sync_state SET hlc_millis = ?, hlc_counter = ?", clock.state)

    def _stamp_versions(self, edits: Sequence[LocalEdit], version: str, base: str | None) -> None:
        whole = [(e.kind.value, e.key) for e in edits if e.fields is None]
        if whole:
            self._conn.executemany(
                "INSERT INTO sync_versions (kind, key, fields, held) VALUES (?, ?, ?, NULL)"
                " ON CONFLICT (kind, key) DO UPDATE SET fields = excluded.fields, held = NULL",
                [(*rid, _encode({"": version})) for rid in whole],
            )
        for edit in edits:
            if edit.fields is None:
                continue
            found = self.held_records(edit.kind, [edit.key]).get(edit.key)
            current = None if found is None else found.versions
            row = stamped_versions(current, edit.fields, version, base)
            held = None if found is None else found.held
            self.hold_records(edit.kind, {edit.key: HeldRecord(row, held)})

    def record_versions(self, kind: Kind, key: str, versions: Mapping[str, str]) -> None:
        if not versions:
            return
        with self.transaction():
            row = self._execute("SELECT base_version FROM sync_state WHERE enabled = 1").fetchone()
            if row is None:
                return
            found = self.held_records(kind, [key]).get(key)
            held = None if found is None else found.held
            kept = None if found is None else found.versions
            for version, names in by_version(versions).items():
                kept = stamped_versions(kept, names, version, row[0])
            assert kept is not None
            self.hold_records(kind, {key: HeldRecord(kept, held)})
            self._conn.executemany(
                "INSERT INTO sync_outbox (kind, key, fields, version) VALUES (?,?,?,?)",
                [(kind.value, key, _names(n), v) for v, n in by_version(versions).items()],
            )

    def sync_state(self) -> SyncState:
        row = self._execute(f"SELECT {_STATE} FROM sync_state").fetchone()
        if row is None:
            return SyncState()
        node, millis, counter, user, cursor, enabled, base, upload, synced, error = row
        return SyncState(
            node, (millis, counter), user, cursor, bool(enabled), base, upload, synced, error
        )

    def save_sync_state(self, state: SyncState) -> None:
        self._write(
            f"INSERT INTO sync_state (id, {_STATE}) VALUES (1,?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT (id) DO UPDATE SET node = excluded.node,"
            " hlc_millis = excluded.hlc_millis, hlc_counter = excluded.hlc_counter,"
            " user_id = excluded.user_id, cursor = excluded.cursor,"
            " enabled = excluded.enabled, base_version = excluded.base_version,"
            " upload = excluded.upload, last_synced_at = excluded.last_synced_at,"
            " last_error = excluded.last_error",
            (
                state.node, *state.clock, state.user_id, state.cursor, int(state.enabled),
                state.base_version, state.upload, state.last_synced_at, state.last_error,
            ),
        )  # fmt: skip

    def held_records(self, kind: Kind, keys: Sequence[str]) -> Mapping[str, HeldRecord]:
        from sbp.core.sync.log import decode_fields  # only a sync holds records: not `sbp add`

        found: dict[str, HeldRecord] = {}
        for chunk, marks in bound_chunks(keys):
            rows = self._execute(
                f"SELECT key, fields, held FROM sync_versions WHERE kind = ? AND key IN ({marks})",
                [kind.value, *chunk],
            )
            for key, fields, held in rows:
                found[key] = HeldRecord(
                    json.loads(fields), None if held is None else decode_fields(held)
                )
        return found

    def hold_records(self, kind: Kind, records: Mapping[str, HeldRecord | None]) -> None:
        from sbp.core.sync.log import encode_fields

        kept = [
            (
                kind.value,
                key,
                _encode(r.versions),
                None if r.held is None else encode_fields(r.held),
            )
            for key, r in records.items()
            if r is not None
        ]
        gone = [(kind.value, key) for key, r in records.items() if r is None]
        with self.transaction():
            self._conn.executemany(
                "INSERT INTO sync_versions (kind, key, fields, held) VALUES (?,?,?,?)"
                " ON CONFLICT (kind, key) DO UPDATE SET fields = excluded.fields,"
                " held = excluded.held",
                kept,
            )
            self._conn.executemany("DELETE FROM sync_versions WHERE kind = ? AND key = ?", gone)

    def outbox(self, after: int, limit: int) -> Sequence[OutboxRow]:
        rows = self._execute(
            "SELECT seq, kind, key, fields, version FROM sync_outbox WHERE seq > ?"
            " ORDER BY seq LIMIT ?",
            (after, limit),
        )
        return [
            OutboxRow(seq, Kind(kind), key, _fields(fields), version)
            for seq, kind, key, fields, version in rows
        ]

    def drop_outbox(self, through: int) -> None:
        self._write("DELETE FROM sync_outbox WHERE seq <= ?", (through,))

    def restamp_outbox(self, versions: Mapping[int, str]) -> None:
        with self.transaction():
            self._conn.executemany(
                "UPDATE sync_outbox SET version = ? WHERE seq = ?",
                [(version, seq) for seq, version in versions.items()],
            )

    def outbox_size(self) -> int:
        return int(self._execute("SELECT count(*) FROM sync_outbox").fetchone()[0])

    def queued_keys(self, kind: Kind, keys: Sequence[str]) -> frozenset[str]:
        found: set[str] = set()
        for chunk, marks in bound_chunks(keys):  # each chunk a few lookups of the index
            rows = self._execute(
                f"SELECT DISTINCT key FROM sync_outbox WHERE kind = ? AND key IN ({marks})",
                [kind.value, *chunk],
            )
            found.update(key for (key,) in rows)
        return frozenset(found)


def _encode(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), sort_keys=True)


def _names(fields: frozenset[str] | None) -> str | None:
    return None if fields is None else _encode(sorted(fields))


def _fields(text: str | None) -> frozenset[str] | None:
    return None if text is None else frozenset(json.loads(text))
