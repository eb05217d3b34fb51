"""The change log: what a commit to a replica merged, as numbered entries every device pulls.

A commit merges changes into the replica's records and appends one entry holding the changes
that moved something; entries are numbered 1, 2, 3, ... without gaps, so a device that has read
up to entry N asks for what follows N and cannot miss anything. Entries travel and rest as
compact JSON (`encode_changes`), the same bytes in DynamoDB, in a snapshot and on the wire.
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each string annotation
# of its fields when the class is made, which costs every run of sbp start-up time.

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from sbp.core.sync.records import Change, Kind, Stamped, merge


class LogEntry(NamedTuple):
    """One committed group of changes: its number, who made it, when, and the changes; an
    entry that ends a first upload names the snapshot holding what was uploaded."""

    seq: int
    origin: str
    at: str
    changes: tuple[Change, ...]
    snapshot: str | None = None


class Commit(NamedTuple):
    """What a commit did: the log's head after it, the entries it appended, the records it
    created (kind, key) and how many records it changed."""

    head: int
    entries: tuple[int, ...]
    created: frozenset[tuple[Kind, str]]
    changed: int


class MergePlan(NamedTuple):
    """The records to write for a group of changes, the changes that moved something (for the
    log), and which records are new."""

    records: tuple[Change, ...]
    effective: tuple[Change, ...]
    created: frozenset[tuple[Kind, str]]


def plan_merge(current: Mapping[tuple[Kind, str], Change], changes: Iterable[Change]) -> MergePlan:
    """Merge `changes` into the `current` records (those that exist, by (kind, key))."""
    merged: dict[tuple[Kind, str], Change] = {}
    effective: list[Change] = []
    created: set[tuple[Kind, str]] = set()
    for change in changes:
        rid = (change.kind, change.key)
        held = merged.get(rid, current.get(rid))
        result = merge(held, change)
        if result is None:
            continue
        if held is None:
            created.add(rid)
        merged[rid] = result
        effective.append(change)
    return MergePlan(tuple(merged.values()), tuple(effective), frozenset(created))


def encode_changes(changes: Sequence[Change]) -> str:
    """Compact JSON text: `[[kind, key, {field: [value, version]}], ...]`."""
    rows = [[c.kind.value, c.key, _pairs(c.fields)] for c in changes]
    return _compact(rows)


def encode_fields(fields: Mapping[str, Stamped]) -> str:
    """One record's fields as compact JSON text, `{field: [value, version]}` (how a cloud
    record item keeps them)."""
    return _compact(_pairs(fields))


def decode_fields(text: str) -> dict[str, Stamped]:
    """The fields `encode_fields` wrote; ValueError when the text is not such an object."""
    try:
        pairs = json.loads(text)
        if not isinstance(pairs, dict):
            raise ValueError("the text is not an object")
        return {_key(n): _stamped(v) for n, v in pairs.items()}
    except (TypeError, ValueError) as exc:
        raise ValueError(f"not encoded fields: {exc}") from None


def _pairs(fields: Mapping[str, Stamped]) -> dict[str, list[object]]:
    return {name: [s.value, s.version] for name, s in fields.items()}


def _compact(value: object) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, sort_keys=True)


def decode_changes(text: str) -> tuple[Change, ...]:
    """The changes `encode_changes` wrote; ValueError when the text is not such a list."""
    try:
        rows = json.loads(text)
        if not isinstance(rows, list):
            raise ValueError("the text is not a list")
        return tuple(
            Change(Kind(kind), _key(key), {_key(n): _stamped(v) for n, v in fields.items()})
            for kind, key, fields in rows
        )
    except (TypeError, ValueError, KeyError, IndexError, AttributeError) as exc:
        raise ValueError(f"not an encoded list of changes: {exc}") from None


def _key(value: object) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError(f"a key is non-empty text, not {value!r}")
    return value


def _stamped(pair: object) -> Stamped:
    if not isinstance(pair, list) or len(pair) != 2 or not isinstance(pair[1], str):
        raise ValueError(f"a field is [value, version], not {pair!r}")
    value = pair[0]
    if value is not None and not isinstance(value, str | int | bool):
        raise ValueError(f"a field's value is a JSON scalar, not {value!r}")
    return Stamped(value, pair[1])
