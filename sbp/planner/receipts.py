"""Receipts of expenses: attaching one, finding an expense's receipt, listing those with one.

Where the file goes is the `ReceiptStore`'s business (the cloud or the data folder); the
Planner records where it went in the expense's `receipt_key`, as an edit that `sbp undo` takes
back. The file is stored before the expense is written, so a receipt that could not be stored
records nothing.

A receipt kept on this device only (attached signed out, or while the cloud could not be
reached) is uploaded by `upload_receipts` once the device is signed in; its new key is then
recorded as an ordinary synced edit, and only if the expense still has that receipt.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sbp.core.errors import AccessDenied, CloudUnavailable, InvalidInput, NotFound, SbpError
from sbp.core.ids import handle
from sbp.core.model import Expense
from sbp.core.receipts import SNIFF_BYTES, Receipt, ReceiptUploads, is_local, sniff
from sbp.core.undo import ChangeKind, UndoEntry, expense_to_dict
from sbp.planner.expenses import ExpenseUseCases

if TYPE_CHECKING:
    from sbp.core.periods import Month
    from sbp.core.receipts import ReceiptStore

UPLOAD_ROUND = 1000
"""Receipts one round of uploads tries at most (a sync makes one round)."""


class ReceiptUseCases(ExpenseUseCases):
    """Receipts of expenses."""

    def attach_receipt(self, id_prefix: str, receipt: Receipt, store: ReceiptStore) -> Expense:
        """Keep `receipt` in `store` and record its key on the expense; the expense as now."""
        old = self.show(id_prefix)
        key = store.put(old.id, receipt)
        with self.ledger.transaction():
            current = self.ledger.get(old.id)  # as it is now: the upload took a while
            new = current._replace(receipt_key=key, updated_at=self.clock.now())
            self.ledger.replace(new)
            self._record_edit(current, new)
            summary = f"attached a receipt to {self._describe(new)}"
            entry = UndoEntry(
                ChangeKind.EDIT, summary, expense_to_dict(current), expense_to_dict(new)
            )
            self.ledger.push_undo(entry)
        return new

    def receipt_of(self, id_prefix: str) -> Expense:
        """The expense, which must have a receipt (NotFound saying so otherwise)."""
        expense = self.show(id_prefix)
        if expense.receipt_key is None:
            raise NotFound(
                f"expense {handle(expense.id)} has no receipt",
                hint=f"attach one: sbp receipt attach {handle(expense.id)} FILE",
            )
        return expense

    def with_receipts(
        self,
        *,
        month: str | Month | None = None,
        start: str | date | None = None,
        end: str | date | None = None,
    ) -> list[Expense]:
        """The expenses of a period (this month by default) that have a receipt, newest first."""
        query = self.expense_query(month, start, end)
        return [e for e in self.ledger.query(query) if e.receipt_key is not None]

    def upload_receipts(
        self, local: ReceiptStore, cloud: ReceiptStore, only: str | None = None
    ) -> ReceiptUploads:
        """Upload the receipts kept on this device only (or just expense `only`'s) to `cloud`
        and record where each went. One that fails stays on this device; once the cloud cannot
        be reached, or refuses this sign-in, the rest are left for next time."""
        waiting = [self.ledger.get(only)] if only else self.ledger.local_receipts(UPLOAD_ROUND)
        todo = [e for e in waiting if is_local(e.receipt_key or "")]
        uploaded: list[str] = []
        failed: list[tuple[str, str]] = []
        for done, expense in enumerate(todo):
            key = expense.receipt_key or ""
            try:
                moved = cloud.put(expense.id, _kept_receipt(local, key, expense.id))
            except (CloudUnavailable, AccessDenied) as error:
                failed.append((expense.id, error.message))
                return ReceiptUploads(tuple(uploaded), tuple(failed), len(todo) - done - 1)
            except SbpError as error:
                failed.append((expense.id, error.message))
                continue
            if self._receipt_moved(expense.id, key, moved):
                uploaded.append(expense.id)
        return ReceiptUploads(tuple(uploaded), tuple(failed))

    def _receipt_moved(self, expense_id: str, local_key: str, cloud_key: str) -> bool:
        """Record the receipt's new home, unless the expense was removed or given another
        receipt while it was uploading. Not an undoable change: it moves, it does not edit."""
        with self.ledger.transaction():
            try:
                current = self.ledger.get(expense_id)
            except NotFound:
                return False
            if current.receipt_key != local_key:
                return False
            moved = current._replace(receipt_key=cloud_key)
            self.ledger.replace(moved)
            self._record_edit(current, moved)
        return True


def _kept_receipt(local: ReceiptStore, key: str, expense_id: str) -> Receipt:
    data = local.get(key, expense_id)
    kind = sniff(data[:SNIFF_BYTES])
    if kind is None:
        raise InvalidInput(f"the file kept for expense {handle(expense_id)} is not a receipt")
    return Receipt(data, kind)
