"""A snapshot: every record of a user's replica as of one log entry, as gzip'd JSON lines.

A new device loads the newest snapshot and pulls only the log after it, instead of replaying a
million entries; the first upload of a big store is one. The first line says what the file is,
which entry it stands for and the base version; each other line is one record,
`[kind, key, {field: value}, versions]`, where `versions` is the record's compact versions row
(`sbp.core.sync.local`) or null when every field is at the base version, which a store
uploaded whole mostly is. Streamed both ways: a million records never sit in memory at once.
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each string annotation
# of its fields when the class is made, which costs every run of sbp start-up time.

import gzip
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import BinaryIO, NamedTuple

from sbp.core.sync.local import EVERY_FIELD, compact, field_version
from sbp.core.sync.records import Change, Kind, Stamped, Value

FORMAT = "sbp-snapshot"
VERSION = 1


class SnapshotHeader(NamedTuple):
    """What a snapshot stands for: the log entry it is as of, and its base version."""

    seq: int
    base: str


class SnapshotDamaged(ValueError):
    """The bytes are not a snapshot sbp can read."""


def record_line(kind: Kind, key: str, values: Mapping[str, Value], versions: Mapping[str, str],
                base: str) -> bytes:  # fmt: skip
    """One record's line: its values, and its versions unless all of them are `base`."""
    row = compact(versions)
    plain = row == {EVERY_FIELD: base}
    return _line([kind.value, key, dict(values), None if plain else row])


def write_snapshot(target: BinaryIO, header: SnapshotHeader, lines: Iterable[bytes]) -> int:
    """Write a snapshot of the record lines to `target`, compressed; how many records."""
    count = 0
    with gzip.GzipFile(fileobj=target, mode="wb", compresslevel=6, mtime=0) as packed:
        packed.write(_line({"format": FORMAT, "version": VERSION, **header._asdict()}))
        for line in lines:
            packed.write(line)
            count += 1
    return count


def read_snapshot(source: BinaryIO) -> tuple[SnapshotHeader, Iterator[Change]]:
    """The header of the snapshot in `source` and its records, read as they are iterated;
    SnapshotDamaged when the bytes are not one."""
    text = io.TextIOWrapper(gzip.GzipFile(fileobj=source, mode="rb"), encoding="utf-8")
    try:
        first = json.loads(text.readline() or "null")
        if not isinstance(first, dict) or first.get("format") != FORMAT:
            raise SnapshotDamaged("not an sbp snapshot")
        header = SnapshotHeader(int(first["seq"]), str(first["base"]))
    except (OSError, EOFError, ValueError, KeyError, TypeError) as exc:
        raise SnapshotDamaged(f"the snapshot cannot be read: {exc}") from None
    return header, _records(text, header.base)


def _records(text: Iterable[str], base: str) -> Iterator[Change]:
    try:
        for number, line in enumerate(text, start=2):
            yield _record(json.loads(line), base, number)
    except (OSError, EOFError, ValueError) as exc:
        raise SnapshotDamaged(f"the snapshot cannot be read: {exc}") from None


def _record(row: object, base: str, number: int) -> Change:
    if not (isinstance(row, list) and len(row) == 4 and isinstance(row[2], dict)):
        raise SnapshotDamaged(f"line {number} of the snapshot is not a record")
    kind, key, values, versions = row
    try:
        row_versions = {EVERY_FIELD: base} if versions is None else dict(versions)
        fields = {
            str(name): Stamped(value, field_version(row_versions, name, base))
            for name, value in values.items()
        }
        return Change(Kind(kind), str(key), fields)
    except (ValueError, TypeError) as exc:
        raise SnapshotDamaged(f"line {number} of the snapshot is not a record: {exc}") from None


def _line(value: object) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode() + b"\n"
