"""Budget alerts: which thresholds a write crossed, and the notification each one raises.

A threshold is crossed when spending moves from below it to at or above it. The dedupe key
`month#category#threshold` makes sure the same alert is recorded, and sent, only once.
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each string annotation
# of its fields when the class is made, which costs every run of sbp start-up time.

from collections.abc import Callable, Iterable
from datetime import datetime
from decimal import Decimal
from typing import NamedTuple

from sbp.core.budget import CategoryStatus
from sbp.core.ids import new_ulid
from sbp.core.model import Notification
from sbp.core.money import format_amount
from sbp.core.periods import Month

DEFAULT_THRESHOLDS: tuple[int, ...] = (80, 100)


class Crossing(NamedTuple):
    """One threshold that a category reached."""

    month: Month
    status: CategoryStatus
    threshold: int

    @property
    def dedupe_key(self) -> str:
        return f"{self.month}#{self.status.category}#{self.threshold}"


def crossings(
    month: Month, before: Decimal, after: CategoryStatus, thresholds: Iterable[int]
) -> list[Crossing]:
    """The thresholds that spending passed on its way from `before` to `after.spent`."""
    limit = after.limit
    found = []
    for threshold in sorted(thresholds):
        line = limit * threshold / 100
        if before < line <= after.spent or (limit == 0 < after.spent and before <= 0):
            found.append(Crossing(month, after, threshold))
    return found


def reached_thresholds(
    month: Month, status: CategoryStatus, thresholds: Iterable[int]
) -> list[Crossing]:
    """Every threshold the category is at or past now (for the scheduled scan)."""
    return crossings(month, Decimal("-Infinity"), status, thresholds)


def notification_for(
    crossing: Crossing, now: datetime, make_id: Callable[[datetime], str] = new_ulid
) -> Notification:
    """The alert a crossing raises, worded for a person; `make_id` names it (a ULID)."""
    status = crossing.status
    spent = format_amount(status.spent, status.currency, symbol=True)
    limit = format_amount(status.limit, status.currency, symbol=True)
    if crossing.threshold >= 100:
        headline = f"{status.category.title()} is over budget"
        if status.spent == status.limit:
            headline = f"{status.category.title()} has reached its budget"
    else:
        headline = f"{status.category.title()} passed {crossing.threshold}% of its budget"
    message = f"{headline}: {spent} of {limit} in {crossing.month} ({status.percent}%)"
    return Notification(
        id=make_id(now),
        created_at=now,
        kind="budget",
        message=message,
        dedupe_key=crossing.dedupe_key,
        month=crossing.month,
        category=status.category,
    )
