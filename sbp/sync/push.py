"""Push: the outbox, oldest first, committed to the replica a page at a time.

Each outbox row names a record, the fields a write set and the version it was stamped with; the
values are read from the store as it stands (they carry that version or a newer one, so the
replica ends the same). A page is committed (the replica cuts it into transactions of at most
98 records), then dropped from the outbox; a crash between the two pushes it again, which
merges to nothing (the replica takes no field at a version it holds already).

The transaction that drops a page also folds the copies of the bank rows among its expenses
that a pull left in place while they waited to go up (`settle`, `sbp.sync.folding`): whatever
stops the sync, either the page is still queued and goes up again, to be folded then, or it is
gone and folded. What the fold writes is queued, and pushed by this same push.
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each string annotation
# of its fields when the class is made, which costs every run of sbp start-up time.

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from sbp.core.sync.local import OutboxRow
from sbp.core.sync.records import DELETED, Change, Kind, Stamped
from sbp.sync.store_records import StoreRecords, Values

if TYPE_CHECKING:
    from sbp.core.ports import Ledger, Replica

PAGE = 500
"""Outbox rows read and committed at a time."""

Progress = Callable[[str, int, "int | None"], None]
"""Told how far a long step got: (what, done, total or None)."""


Settle = Callable[[list[str]], None]
"""Folds the copies of these bank rows (import keys, sorted) that a page just pushed, inside
the transaction that drops the page."""


class Pushed(NamedTuple):
    """How many writes went up, and which fields of which records."""

    count: int  # type: ignore[assignment]  # a field on purpose: it hides tuple.count
    fields: dict[tuple[Kind, str], frozenset[str]]


def outgoing(row: OutboxRow, values: Values | None) -> Change | None:
    """The change an outbox row stands for, given its record's `values` as stored now, or None
    when there is nothing left to send (the fields of a record the store no longer holds: its
    deletion has a row of its own)."""
    if values is None:
        if row.fields is not None and DELETED in row.fields:
            return Change(row.kind, row.key, {DELETED: Stamped(True, row.version)})
        return None
    names = values.keys() if row.fields is None else row.fields & values.keys()
    return Change(row.kind, row.key, {n: Stamped(values[n], row.version) for n in names})


def push(
    ledger: "Ledger",
    replica: "Replica",
    origin: str,
    at: str,
    progress: Progress | None = None,
    settle: Settle | None = None,
) -> Pushed:
    """Push the whole outbox, each page's bank rows settled as it is dropped; what was pushed."""
    total = ledger.outbox_size()
    done = 0
    fields: dict[tuple[Kind, str], frozenset[str]] = {}
    while rows := ledger.outbox(0, PAGE):
        records = StoreRecords(ledger)  # read afresh: another sbp may have written meanwhile
        changes = []
        import_keys: set[str] = set()
        for row in rows:
            values = records.values(row.kind, row.key)
            change = outgoing(row, values)
            if change is None:
                continue
            changes.append(change)
            import_key = values.get("fingerprint") if row.kind is Kind.EXPENSE and values else None
            if isinstance(import_key, str) and import_key:
                import_keys.add(import_key)
        if changes:
            replica.commit(changes, origin, at)
        with ledger.transaction():
            ledger.drop_outbox(rows[-1].seq)
            if import_keys and settle is not None:
                settle(sorted(import_keys))
        for change in changes:
            rid = (change.kind, change.key)
            fields[rid] = fields.get(rid, frozenset()) | frozenset(change.fields)
        done += len(rows)
        if progress is not None:
            progress("pushing", done, max(total, done))
    return Pushed(done, fields)
