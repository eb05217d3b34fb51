"""After a device that was away longer than the log is kept loads the snapshot: the records it
still holds that were deleted meanwhile are removed too.

The purge drops a deletion's log entry and its tombstone, and a snapshot holds only live
records, so neither tells a returning device that an expense it holds is gone. Without this
sweep it would keep that expense for good (the devices would disagree from then on). So while
the snapshot loads, its keys are noted (in a temporary SQLite file: a million of them would not
fit in memory comfortably); then every record this device holds that the snapshot lacks is
looked up in the cloud. One the cloud holds (written after the snapshot) is merged as pulled;
one it no longer holds at all was deleted and purged, and goes, unless this device made it anew
(a whole record waiting in the outbox: an add, or an undo bringing it back), which is kept and
pushed. An edit waiting for a record deleted elsewhere goes with it: a deletion beats edits.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from sbp.core.sync.records import Change, Kind

if TYPE_CHECKING:
    from sbp.core.ports import Ledger
    from sbp.sync.apply import Applier

SWEPT = (Kind.EXPENSE, Kind.BUDGET, Kind.RULE, Kind.CORRECTION, Kind.LINK)
"""The kinds a deletion removes (alerts and settings are never deleted, only changed)."""
BATCH = 1000


class SnapshotKeys:
    """The keys of the records a snapshot held, kept on disk while it loads."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode = OFF")
        self._db.execute("PRAGMA synchronous = OFF")
        self._db.execute(
            "CREATE TABLE k (kind TEXT, key TEXT, PRIMARY KEY (kind, key)) WITHOUT ROWID"
        )

    def note(self, records: Iterable[Change]) -> None:
        """Note the keys of snapshot records."""
        self._db.execute("BEGIN")
        self._db.executemany(
            "INSERT OR IGNORE INTO k VALUES (?, ?)", ((r.kind.value, r.key) for r in records)
        )
        self._db.execute("COMMIT")

    def lacking(self, kind: Kind, keys: list[str]) -> list[str]:
        """The keys among `keys` that the snapshot did not hold."""
        found: set[str] = set()
        for start in range(0, len(keys), 500):
            part = keys[start : start + 500]
            marks = ",".join("?" * len(part))
            rows = self._db.execute(
                f"SELECT key FROM k WHERE kind = ? AND key IN ({marks})",
                [kind.value, *part],
            )
            found.update(row[0] for row in rows)
        return [key for key in keys if key not in found]

    def close(self) -> None:
        self._db.close()


@contextmanager
def snapshot_keys() -> Iterator[SnapshotKeys]:
    """A fresh, empty key set, removed when done."""
    with tempfile.TemporaryDirectory(prefix="sbp-resync-") as folder:
        keys = SnapshotKeys(Path(folder) / "keys.db")
        try:
            yield keys
        finally:
            keys.close()


def lacking(ledger: Ledger, keys: SnapshotKeys) -> list[tuple[Kind, str]]:
    """The records the store holds that the snapshot lacked, but for those this device made
    anew (they wait in the outbox whole)."""
    from sbp.sync.store_records import StoreRecords

    made_here = _made_here(ledger)
    records = StoreRecords(ledger)
    found: list[tuple[Kind, str]] = []
    for kind in SWEPT:
        held = (key for key, _ in records.every(kind))
        while batch := list(islice(held, BATCH)):
            found += ((kind, key) for key in keys.lacking(kind, batch))
    return [rid for rid in found if rid not in made_here]


def settle(applier: Applier, kind: Kind, key: str) -> bool:
    """Merge what the cloud now holds of a record the snapshot lacked, or, when the cloud holds
    nothing of it (deleted, then purged), remove it; inside the caller's transaction. Whether
    it was purged (an expense's kept receipt can go then)."""
    found = applier.fetch(kind, key)
    if found is not None:
        applier.apply(found, "snapshot")
        return False
    ledger = applier.records.ledger
    if applier.records.values(kind, key) is not None:
        applier.records.delete(kind, key)
        applier.changed += 1
    ledger.hold_records(kind, {key: None})
    return True


def _made_here(ledger: Ledger) -> set[tuple[Kind, str]]:
    """The records the outbox holds whole (made, or brought back, on this device)."""
    made: set[tuple[Kind, str]] = set()
    after = 0
    while page := ledger.outbox(after, 1000):
        made.update((row.kind, row.key) for row in page if row.fields is None)
        after = page[-1].seq
    return made
