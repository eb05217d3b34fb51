"""Pace alerts: at the rate a category is being spent this month, the day its budget runs out.

"At this rate Groceries runs out on the 22nd" warns while there is still time to slow down,
before any threshold is crossed. The rate is the month's spending so far over the days gone by
(today counted), projected forward; a budget that lasts to the month's last day is on pace.
One pace alert per category and month (dedupe key `month#category#pace`).
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each string annotation
# of its fields when the class is made, which costs every run of sbp start-up time.

import math
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import NamedTuple

from sbp.core.budget import CategoryStatus
from sbp.core.ids import new_ulid
from sbp.core.model import Notification
from sbp.core.money import format_amount
from sbp.core.periods import Month

PACE_MIN_DAYS = 7
"""Days of the month that must have gone by before a rate means anything."""


class Pace(NamedTuple):
    """A budgeted category whose spending rate runs out its budget before the month ends."""

    month: Month
    status: CategoryStatus
    runs_out: date
    today: date

    @property
    def dedupe_key(self) -> str:
        return f"{self.month}#{self.status.category}#pace"


def runs_out_on(
    month: Month, status: CategoryStatus, today: date, min_days: int = PACE_MIN_DAYS
) -> Pace | None:
    """The pace warning for a category, or None when it is on pace, already past its budget
    (the thresholds speak then), too early in the month to tell, or not the month in progress."""
    if Month.of(today) != month or today.day < min_days:
        return None
    if status.spent <= 0 or status.spent >= status.limit:
        return None
    daily = status.spent / today.day
    days_left = math.ceil((status.limit - status.spent) / daily)
    runs_out = today + timedelta(days=days_left)
    return Pace(month, status, runs_out, today) if runs_out < month.last_day else None


def ordinal(day: int) -> str:
    """`1st`, `2nd`, `3rd`, `4th`, `11th`, `22nd`."""
    if 11 <= day % 100 <= 13:
        return f"{day}th"
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th') }"


def pace_notification(
    pace: Pace, now: datetime, make_id: Callable[[datetime], str] = new_ulid
) -> Notification:
    """The alert a pace warning raises, worded for a person."""
    status = pace.status
    spent = format_amount(status.spent, status.currency, symbol=True)
    limit = format_amount(status.limit, status.currency, symbol=True)
    message = (
        f"At this rate {status.category.title()} runs out on the {ordinal(pace.runs_out.day)}:"
        f" {spent} of {limit} spent in the first {pace.today.day} days of {pace.month}"
    )
    return Notification(
        id=make_id(now),
        created_at=now,
        kind="pace",
        message=message,
        dedupe_key=pace.dedupe_key,
        month=pace.month,
        category=status.category,
    )
