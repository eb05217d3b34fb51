"""The undo journal: each change is recorded with what it replaced, so `sbp undo` can put it back.

An entry holds the state before and after the change, encoded as plain JSON-ready dicts, so any
store can keep it in one text column or attribute.
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each string annotation
# of its fields when the class is made, which costs every run of sbp start-up time.

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, NamedTuple

from sbp.core.model import Budget, CategorySource, Expense
from sbp.core.periods import Month


class ChangeKind(StrEnum):
    """What a journal entry reverses."""

    ADD = "add"
    EDIT = "edit"
    REMOVE = "rm"
    BUDGET = "budget"
    DAMAGED = "damaged"  # a stored entry that cannot be read back (`entry_from_json`)


class UndoEntry(NamedTuple):
    """One change: its kind, a sentence for the person, and the states around it."""

    kind: ChangeKind
    summary: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


class UndoOutcome(NamedTuple):
    """What `undo` did: the change it took back, and the newer ones it had to skip because
    they no longer apply (each with why), which leave the journal all the same."""

    undone: UndoEntry
    skipped: tuple[tuple[UndoEntry, str], ...] = ()

    @property
    def summary(self) -> str:
        """The sentence for the change taken back."""
        return self.undone.summary


DAMAGED_ENTRY = UndoEntry(ChangeKind.DAMAGED, "a damaged undo record", None, None)


def entry_from_json(text: str) -> UndoEntry:
    """An entry kept as a JSON object (kind, summary, before, after); `DAMAGED_ENTRY` for a text
    that is not one (a row changed by hand or by a broken disk), so that undo can drop it
    rather than fail on it forever."""
    import json

    try:
        data = json.loads(text)
        kind = ChangeKind(data["kind"])
        summary, before, after = data["summary"], data["before"], data["after"]
    except (ValueError, TypeError, KeyError, RecursionError):
        return DAMAGED_ENTRY
    states_ok = all(state is None or isinstance(state, dict) for state in (before, after))
    if kind is ChangeKind.DAMAGED or not isinstance(summary, str) or not states_ok:
        return DAMAGED_ENTRY
    return UndoEntry(kind, summary, before, after)


def expense_to_dict(expense: Expense) -> dict[str, Any]:
    """An expense as JSON-ready data (amounts as strings, dates in ISO form)."""
    return {
        "id": expense.id,
        "date": expense.date.isoformat(),
        "amount": str(expense.amount),
        "currency": expense.currency,
        "description": expense.description,
        "category": expense.category,
        "category_source": expense.category_source.value,
        "note": expense.note,
        "receipt_key": expense.receipt_key,
        "import_fingerprint": expense.import_fingerprint,
        "import_batch": expense.import_batch,
        "created_at": expense.created_at.isoformat(),
        "updated_at": expense.updated_at.isoformat(),
        "account": expense.account,
    }


def expense_from_dict(data: dict[str, Any]) -> Expense:
    """The inverse of `expense_to_dict`."""
    return Expense(
        id=data["id"],
        date=date.fromisoformat(data["date"]),
        amount=Decimal(data["amount"]),
        currency=data["currency"],
        description=data["description"],
        category=data["category"],
        category_source=CategorySource(data["category_source"]),
        note=data.get("note") or "",
        receipt_key=data.get("receipt_key"),
        import_fingerprint=data.get("import_fingerprint"),
        import_batch=data.get("import_batch"),
        created_at=datetime.fromisoformat(data["created_at"]),
        updated_at=datetime.fromisoformat(data["updated_at"]),
        account=data.get("account") or "",
    )


def budget_to_dict(budget: Budget) -> dict[str, Any]:
    """A budget as JSON-ready data."""
    return {
        "category": budget.category,
        "limit": str(budget.limit),
        "currency": budget.currency,
        "month": None if budget.month is None else str(budget.month),
    }


def budget_from_dict(data: dict[str, Any]) -> Budget:
    """The inverse of `budget_to_dict`."""
    month = data.get("month")
    return Budget(
        category=data["category"],
        limit=Decimal(data["limit"]),
        currency=data["currency"],
        month=None if month is None else Month.parse(month),
    )
