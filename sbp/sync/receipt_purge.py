"""A removed expense's receipt goes from the cloud once its tombstone is purged.

Until then an undo on any device can bring the expense back, with the same `receipt_key`, so
the object must stay. The purge drops a tombstone only on condition nothing wrote the record
since (an expense undone back to life is no tombstone any more, and keeps its record and its
receipt); each tombstone it dropped is handed here, and its receipt in the user's
`receipts/<user id>/` is deleted.

- What is to go is written down in this store first (a device setting, committed at once), and
  crossed off only once S3 has deleted it: a deletion that fails (the cloud out of reach, a
  refusal) or a sync killed half-way is tried again by this device's next sync, which never
  fails because of it. Deleting an object already gone is no failure, so two devices purging at
  once, or a retry, are harmless.
- Before each deletion the replica is read again: a record that is live (an expense brought
  back since) keeps its receipt. So does the expense that took the removed one's receipt when
  two copies of a bank row were folded into one (it names the same key): the only way two
  expenses share a key. It is one of the copies of the removed expense's bank row, or the
  expense its link names, found in this store (which has pulled past what was purged).
- The device lets go of its own copy (`KeptReceipts`) where it learns of the purge: in its own
  housekeeping, for each tombstone its purge dropped, and in a resync, for each expense it
  held that the cloud has purged (`sbp.sync.resync`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from sbp.core.errors import SbpError
from sbp.core.receipts import is_local
from sbp.core.sync.records import Change, Kind

if TYPE_CHECKING:
    from sbp.core.ports import Ledger
    from sbp.core.sync.ports import KeptReceipts, Snapshots, SyncReplica

LIVE_LOCAL_LIMIT = 1_000_000
"""Expenses whose receipt is kept on this device only, read to spare their files."""
PENDING = "sync:receipts_to_delete"
"""The store setting (this device's own, never synced) listing receipts still to delete."""


class Doomed(NamedTuple):
    """A purged expense's receipt in the cloud: the expense's id, the object's key, and the
    expense's import key (the bank row it was imported from, "" for one typed by hand)."""

    expense: str
    key: str
    row: str = ""


def doomed(record: Change, user_id: str) -> Doomed | None:
    """What a dropped tombstone leaves to delete: its receipt, when it is the expense's and in
    the user's own receipts (a receipt kept on a device only has nothing in the cloud)."""
    key = record.value("receipt")
    if record.kind is not Kind.EXPENSE or not isinstance(key, str) or is_local(key):
        return None
    if not key.startswith(f"receipts/{user_id}/"):
        return None
    return Doomed(record.key, key, str(record.value("fingerprint") or ""))


def note(ledger: Ledger, found: Doomed) -> None:
    """Write down a receipt to delete, before anything else happens to it."""
    with ledger.transaction():
        waiting = pending(ledger)
        if found not in waiting:
            _save(ledger, [*waiting, found])


def pending(ledger: Ledger) -> list[Doomed]:
    """The receipts this device still has to delete."""
    try:
        kept = json.loads(ledger.setting(PENDING) or "[]")
        return [Doomed(*map(str, found)) for found in kept]
    except (ValueError, TypeError):
        return []  # unreadable: nothing is deleted on its say-so


def delete_pending(ledger: Ledger, replica: SyncReplica, snapshots: Snapshots) -> tuple[int, int]:
    """Delete every receipt waiting; how many went, and how many wait for the next sync."""
    deleted = 0
    waiting = pending(ledger)
    for done, found in enumerate(waiting):
        try:
            if not _still_used(ledger, replica, found):
                snapshots.delete_receipt(found.key)
                deleted += 1
        except SbpError:
            return deleted, len(waiting) - done  # the cloud refuses now: the rest wait too
        with ledger.transaction():
            _save(ledger, [d for d in pending(ledger) if d != found])
    return deleted, 0


def let_go(ledger: Ledger, kept: KeptReceipts | None, expense_ids: Sequence[str]) -> int:
    """Let go of this device's kept receipts of expenses gone for good, but for one back in
    this store (an undo not pushed yet); a file another live expense holds stays. How many
    files went."""
    if kept is None or not expense_ids:
        return 0
    back = ledger.existing_ids(expense_ids)
    live = {e.receipt_key or "" for e in ledger.local_receipts(LIVE_LOCAL_LIMIT)}
    return sum(kept.forget(expense, live) for expense in expense_ids if expense not in back)


def _still_used(ledger: Ledger, replica: SyncReplica, found: Doomed) -> bool:
    """Whether a live expense still names the receipt: its own, brought back, or the copy of
    its bank row it was folded into (in the cloud, or in this store not yet pushed)."""
    candidates = [found.expense]
    if found.row:
        candidates += ledger.ids_by_import_key([found.row]).get(found.row, ())
        candidates += ledger.import_links([found.row]).values()
    for expense in dict.fromkeys(candidates):
        record = replica.record(Kind.EXPENSE, expense)
        if record is not None and not record.deleted and record.value("receipt") == found.key:
            return True
        here = expense != found.expense and expense in ledger.existing_ids([expense])
        if here and ledger.get(expense).receipt_key == found.key:
            return True
    return False


def _save(ledger: Ledger, waiting: list[Doomed]) -> None:
    ledger.set_setting(PENDING, json.dumps([list(d) for d in waiting]))
