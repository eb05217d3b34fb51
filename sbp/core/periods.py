"""Months, date ranges and the relative dates people type (`today`, `yesterday`, `-3d`).

Nothing here reads the clock: `today` is always an argument.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from sbp.core.errors import InvalidDate

_MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")
_RELATIVE_RE = re.compile(r"^([-+]?)(\d+)([dwm])$")


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month, the period budgets and aggregates are kept by."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12 or not 1 <= self.year <= 9999:
            raise InvalidDate(f"month {self.year:04d}-{self.month:02d} does not exist")

    @classmethod
    def parse(cls, text: str) -> Month:
        """Read `YYYY-MM`."""
        match = _MONTH_RE.match(text.strip())
        if match is None:
            raise InvalidDate(f"month '{text}' is not in the form YYYY-MM (e.g. 2026-11)")
        return cls(int(match[1]), int(match[2]))

    @classmethod
    def of(cls, day: date) -> Month:
        """The month a day falls in."""
        return cls(day.year, day.month)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def days(self) -> int:
        return self.last_day.day

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Month:
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    def days_left(self, today: date) -> int:
        """Days from `today` to the month's end, today included; 0 once the month is over."""
        if today > self.last_day:
            return 0
        start = max(today, self.first_day)
        return (self.last_day - start).days + 1

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class DateRange:
    """An inclusive range of days, the period of a listing or a report."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidDate(f"the range ends ({self.end}) before it starts ({self.start})")

    @classmethod
    def of_month(cls, month: Month) -> DateRange:
        return cls(month.first_day, month.last_day)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def parse_date(text: str, today: date) -> date:
    """Read `2026-11-23`, `today`, `yesterday`, `-3d`, `-2w` or `-1m` relative to `today`."""
    cleaned = text.strip().lower()
    if cleaned == "today":
        return today
    if cleaned == "yesterday":
        return today - timedelta(days=1)
    relative = _RELATIVE_RE.match(cleaned)
    if relative:
        try:
            return _shift(today, -1 if relative[1] == "-" else 1, int(relative[2]), relative[3])
        except (OverflowError, ValueError):
            raise InvalidDate(f"date '{text}' is too far from today") from None
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        raise InvalidDate(
            f"date '{text}' is not a date: use YYYY-MM-DD, today, yesterday or -3d"
        ) from None


def _shift(today: date, sign: int, count: int, unit: str) -> date:
    if unit == "d":
        return today + timedelta(days=sign * count)
    if unit == "w":
        return today + timedelta(weeks=sign * count)
    month_index = today.year * 12 + today.month - 1 + sign * count
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(today.day, last))
