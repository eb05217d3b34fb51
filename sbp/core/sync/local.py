"""What a device keeps about sync beside its records: the state, the versions, the outbox.

A device's store records, for every synced record it holds, the version of each field (so a
change pulled from the cloud merges field by field, the newer version winning) and, while sync
is on, an outbox of the writes not yet pushed. The rules for reading and merging those versions
live here, pure, so the SQLite store and the memory store mean the same thing by them.

Versions are kept compactly: `{"": v}` says every field of the record was last written at `v`
(an add, or a record brought back whole); other names override it field by field. A record the
device held before its first sync has no row at all: its fields carry the store's base version,
the one its first upload was stamped with.
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each string annotation
# of its fields when the class is made, which costs every run of sbp start-up time.

from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

from sbp.core.sync.records import SYNCED_SETTINGS, Change, Kind, Stamped

if TYPE_CHECKING:
    from sbp.core.ports import Ledger

EVERY_FIELD = ""
"""The name under which a versions row keeps the version of every field it does not name."""

Versions = Mapping[str, str]


class LocalEdit(NamedTuple):
    """What one local write changed: a record, and which of its fields (None: all of them, a
    record new or brought back whole)."""

    kind: Kind
    key: str
    fields: frozenset[str] | None = None


class OutboxRow(NamedTuple):
    """A local write waiting to be pushed: which record, which fields (None: all), the version.

    The values are read from the store when the row is pushed: the value held then carries this
    version or a newer one, so the replica ends in the same state either way, and a big import
    keeps a small outbox."""

    seq: int
    kind: Kind
    key: str
    fields: frozenset[str] | None
    version: str


class HeldRecord(NamedTuple):
    """A record's versions as this device keeps them, and, for a record the store cannot show
    (the cloud holds only part of it), the part it has (`held`)."""

    versions: dict[str, str]
    held: dict[str, Stamped] | None = None


class SyncState(NamedTuple):
    """One store's sync state; `node` is "" until the store first joins a replica."""

    node: str = ""
    clock: tuple[int, int] = (0, 0)
    user_id: str | None = None
    cursor: int = 0
    enabled: bool = False
    base_version: str | None = None
    upload: str | None = None
    """The first upload's progress (JSON text) while it runs; None once done or never begun."""
    last_synced_at: str | None = None
    last_error: str | None = None


def field_version(versions: Versions | None, name: str, base: str = "") -> str:
    """The version of one field: named, else the row's every-field version, else `base`."""
    if versions is None:
        return base
    return versions.get(name, versions.get(EVERY_FIELD, base))


def stamped_versions(current: Versions | None, fields: frozenset[str] | None, version: str,
                     base: str | None) -> dict[str, str]:  # fmt: skip
    """The versions row after a local write at `version` of `fields` (None: all of them)."""
    if fields is None:
        return {EVERY_FIELD: version}
    row = dict(current) if current is not None else ({EVERY_FIELD: base} if base else {})
    row.update(dict.fromkeys(fields, version))
    return compact(row)


def by_version(versions: Versions) -> dict[str, frozenset[str]]:
    """Field names grouped by the version they are kept at, oldest first."""
    grouped: dict[str, set[str]] = {}
    for name, version in versions.items():
        grouped.setdefault(version, set()).add(name)
    return {version: frozenset(names) for version, names in sorted(grouped.items())}


def versions_of(record: Change) -> dict[str, str]:
    """A record's versions as a compact row: its most common version for every field, and the
    fields that differ from it by name."""
    counts: dict[str, int] = {}
    for stamped in record.fields.values():
        counts[stamped.version] = counts.get(stamped.version, 0) + 1
    if not counts:
        return {}
    common = max(counts, key=lambda version: (counts[version], version))
    return compact({EVERY_FIELD: common, **{n: s.version for n, s in record.fields.items()}})


def compact(row: Mapping[str, str]) -> dict[str, str]:
    """The same versions with the names that merely repeat the every-field version left out."""
    default = row.get(EVERY_FIELD)
    if default is None:
        return dict(row)
    return {name: v for name, v in row.items() if name == EVERY_FIELD or v != default}


class Winners(NamedTuple):
    """The fields of a pulled change that beat the local ones, and the versions row after."""

    fields: dict[str, Stamped]
    versions: dict[str, str]


def winners(local: Versions | None, base: str, change: Change) -> Winners:
    """Which fields of `change` are newer than the local versions (`local` None: the record
    has no row, so its fields are at `base`, "" when the store does not hold it)."""
    won = {
        name: stamped
        for name, stamped in change.fields.items()
        if stamped.version > field_version(local, name, base)
    }
    if not won:
        return Winners({}, dict(local) if local is not None else {})
    row = dict(local) if local is not None else ({EVERY_FIELD: base} if base else {})
    row.update((name, stamped.version) for name, stamped in won.items())
    return Winners(won, compact(row))


def records_held(ledger: "Ledger") -> int:
    """How many records a store holds, as its first upload counts them (expenses counted from
    the month totals)."""
    return (
        sum(ledger.categories_in_use().values())
        + len(ledger.budgets())
        + len(ledger.rules())
        + len(ledger.learned())
        + len(ledger.notifications())
        + len(ledger.import_links())
        + sum(ledger.setting(name) is not None for name in SYNCED_SETTINGS)
    )
