"""Categorizing an expense in a user's replica: the categorizer Lambda's work for one message.

It acts only on an expense whose category the user did not choose (or chose `other`), with the
user's own rules and corrections (the same `Categorizer` as every device). It first observes
the version of the record it read, so its own write is newer, and writes back only `category`,
`source` and `updated`: a note edited meanwhile on a device keeps its own, newer version.
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each string annotation
# of its fields when the class is made, which costs every run of sbp start-up time.

from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from sbp.core.errors import NotFound
from sbp.core.keywords import DEFAULT_CATEGORY
from sbp.core.model import CategorySource, Expense
from sbp.core.sync.codec import expense_of, expense_record
from sbp.core.sync.hlc import epoch_millis
from sbp.core.sync.records import Kind

if TYPE_CHECKING:
    from sbp.core.sync.hlc import HybridClock
    from sbp.core.sync.view import ReplicaView

WRITTEN_FIELDS = ("category", "source", "updated")


class Categorized(NamedTuple):
    """The expense as it stands after categorizing, and whether a change was committed."""

    expense: Expense
    written: bool


def needs_category(expense: Expense) -> bool:
    """True unless the user chose the category themselves (and chose something but `other`)."""
    return (
        expense.category_source is not CategorySource.USER or expense.category == DEFAULT_CATEGORY
    )


def categorize_in_replica(
    view: "ReplicaView", expense_id: str, clock: "HybridClock", now: datetime, origin: str
) -> Categorized | None:
    """Categorize one expense of the replica; None when there is nothing to do (deleted, or a
    category the user chose). NotFound when the replica never held the expense."""
    record = view.replica.record(Kind.EXPENSE, expense_id)
    if record is None:
        raise NotFound(f"expense {expense_id} is not in the user's replica")
    expense = expense_of(record)
    if expense is None or not needs_category(expense):
        return None
    choice = view.categorizer().categorize(expense.description)
    if choice.category == expense.category:
        return Categorized(expense, False)
    now_ms = epoch_millis(now)
    clock.observe(record.newest, now_ms)
    updated = expense._replace(
        category=choice.category, category_source=choice.source, updated_at=now
    )
    change = expense_record(updated, clock.stamp(now_ms), only=WRITTEN_FIELDS)
    view.replica.commit([change], origin, now.isoformat())
    return Categorized(updated, True)
