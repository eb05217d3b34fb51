"""A damaged store: confirmed by SQLite's own check, remembered beside the file, read but never
written until it is restored.

Damage shows up as an error on some read or write ("database disk image is malformed"); only
then does sbp run `PRAGMA quick_check` (it reads the whole file, too slow for every start).
What it finds is written to `sbp.db.damaged`, with the file's identity: while the file stays
the same, every sbp opens it for reading only; once the file changes (a backup restored), it
is checked again and the record dropped if it is sound.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sbp.core.errors import StoreDamaged
from sbp.store.sqlite.slow import told_if_slow

if TYPE_CHECKING:
    from sbp.core.ports import Notices

CHECK_LIMIT = 10  # findings asked of quick_check: the first says enough


def read_only_uri(path: Path, immutable: bool = False) -> str:
    """The URI that opens `path` for reading only (and without locks, when `immutable`)."""
    return path.resolve().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")


def damage_on_record(path: Path, notices: Notices | None = None) -> StoreDamaged | None:
    """The damage recorded for the store at `path` and still true of it, or None."""
    marker = _marker(path)
    try:
        record = json.loads(marker.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        record = {}
    if isinstance(record, dict) and record.get("file") == _identity(path):
        return damaged(path, str(record.get("finding", "found by an earlier check")))
    findings = check(path, notices)  # the file changed since it was found damaged: restored?
    if not findings:
        marker.unlink(missing_ok=True)
        return None
    return record_damage(path, findings)


def check(path: Path, notices: Notices | None = None) -> list[str]:
    """What SQLite's quick check finds wrong with the store (nothing when it is sound); it
    reads the whole file, which `notices` hears about when it takes long."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        with told_if_slow(conn, notices, "checking the whole store for damage"):
            rows = conn.execute(f"PRAGMA quick_check({CHECK_LIMIT})").fetchall()
    except sqlite3.Error as exc:
        return [str(exc)]
    finally:
        conn.close()
    findings = [str(row[0]) for row in rows]
    return [] if findings == ["ok"] else findings


def record_damage(path: Path, findings: list[str]) -> StoreDamaged:
    """Remember that the store is damaged (where the folder can be written); the error."""
    finding = _first(findings)
    record = {"file": _identity(path), "finding": finding, "findings": findings}
    with contextlib.suppress(OSError):  # a full or read-only disk: this run still refuses
        _marker(path).write_text(json.dumps(record, indent=2), encoding="utf-8")
    return damaged(path, finding)


def damaged(path: Path, finding: str) -> StoreDamaged:
    """The error every write to a damaged store gets, saying what to do."""
    return StoreDamaged(
        f"the store at {path} is damaged ({finding}); sbp only reads from it now",
        hint="restore it from a backup, or save what can still be read with"
        " `sbp export -o rescue.csv`",
    )


def _first(findings: list[str]) -> str:
    lines = [line.strip() for found in findings for line in found.splitlines()]
    useful = [line for line in lines if line and not line.startswith("***")]
    text = useful[0] if useful else "damaged"
    return text if len(text) <= 80 else text[:77] + "..."


def _marker(path: Path) -> Path:
    return path.with_name(path.name + ".damaged")


def _identity(path: Path) -> list[int]:
    try:
        status = path.stat()
    except OSError:
        return []
    return [status.st_ino, status.st_size, status.st_mtime_ns]
