"""Receipts of expenses: attaching one, finding an expense's receipt, listing those with one.

Where the file goes is the `ReceiptStore`'s business (the cloud or the data folder); the
Planner records where it went in the expense's `receipt_key`, as an edit that `sbp undo` takes
back. The file is stored before the expense is written, so a receipt that could not be stored
records nothing.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sbp.core.errors import NotFound
from sbp.core.ids import handle
from sbp.core.model import Expense
from sbp.core.undo import ChangeKind, UndoEntry, expense_to_dict
from sbp.planner.expenses import ExpenseUseCases

if TYPE_CHECKING:
    from sbp.core.periods import Month
    from sbp.core.receipts import Receipt, ReceiptStore


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
