"""A user's replica read as sbp's own records: what the Lambdas and the web view work from.

The replica holds versioned records; this turns them into the budgets, rules, corrections,
month totals and alerts the rest of the core knows, so a Lambda checks a budget with the same
`CategoryStatus` and alert wording as `sbp add` on a device.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sbp.core.sync.codec import (
    budget_of,
    corrections_of,
    expense_of,
    month_totals,
    notification_of,
    notification_record,
    rules_of,
    settings_of,
)
from sbp.core.sync.records import Kind

if TYPE_CHECKING:
    from sbp.core.categorize import Categorizer
    from sbp.core.model import Budget, CategoryTotal, Expense, Notification, Rule
    from sbp.core.periods import Month
    from sbp.core.ports import Replica
    from sbp.core.sync.hlc import HybridClock


class ReplicaView:
    """Reads of one user's replica in the core's terms, and the few writes a Lambda makes."""

    def __init__(self, replica: Replica) -> None:
        self.replica = replica

    def expense(self, expense_id: str) -> Expense | None:
        """The live expense with this id, or None (never written, or deleted)."""
        record = self.replica.record(Kind.EXPENSE, expense_id)
        return None if record is None else expense_of(record)

    def budgets(self) -> list[Budget]:
        """Every live budget."""
        found = (budget_of(r) for r in self.replica.records(Kind.BUDGET))
        return [b for b in found if b is not None]

    def rules(self) -> list[Rule]:
        """The user's rules in the order they are tried."""
        return rules_of(self.replica.records(Kind.RULE))

    def learned(self) -> dict[str, str]:
        """The user's remembered corrections."""
        return corrections_of(self.replica.records(Kind.CORRECTION))

    def categorizer(self) -> Categorizer:
        """The same layered categorizer as on the user's devices, with their rules."""
        from sbp.core.categorize import Categorizer

        return Categorizer(self.rules(), self.learned())

    def base_currency(self) -> str | None:
        """The currency the user's stores agreed on, once one has synced."""
        return settings_of(self.replica.records(Kind.SETTING)).get("base_currency")

    def month_expenses(self, month: Month) -> list[Expense]:
        """The month's live expenses."""
        found = (expense_of(r) for r in self.replica.month_expenses(month))
        return [e for e in found if e is not None]

    def month_totals(self, month: Month) -> Sequence[CategoryTotal]:
        """The month's spending per category and currency, computed from the records."""
        return month_totals(self.replica.month_expenses(month))

    def notifications(self) -> list[Notification]:
        """Every alert, newest first."""
        found = (notification_of(r) for r in self.replica.records(Kind.NOTIFICATION))
        return sorted((n for n in found if n is not None), key=lambda n: n.id, reverse=True)

    def record_notification(
        self, notification: Notification, clock: HybridClock, now_ms: int, origin: str
    ) -> bool:
        """Commit an alert unless one with its dedupe key exists; True when it is new."""
        existing = self.replica.record(Kind.NOTIFICATION, notification.dedupe_key)
        if existing is not None:
            return False
        change = notification_record(notification, clock.stamp(now_ms))
        done = self.replica.commit([change], origin, notification.created_at.isoformat())
        return (Kind.NOTIFICATION, notification.dedupe_key) in done.created
