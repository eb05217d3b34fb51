"""Months, date ranges and the relative dates people type (`today`, `yesterday`, `-3d`).

Nothing here reads the clock: `today` is always an argument.

`Month` and `DateRange` are small hand-written classes with `__slots__`, not dataclasses (each
frozen dataclass costs `sbp add` most of a millisecond to create at import) and not tuples
(the CLI's JSON writer prints them as their text, which it cannot do for a tuple).
"""

from __future__ import annotations

import functools
import re
from datetime import date, timedelta
from typing import Any, ClassVar, NoReturn

from sbp.core.errors import InvalidDate

# Patterns, not compiled regexes: `re` compiles each on first use, so a command that never
# parses a month or a relative date (`sbp add 4.20 coffee`) does not pay for it at start-up.
_MONTH_PATTERN = r"^(\d{4})-(\d{1,2})$"
_RELATIVE_PATTERN = r"^([-+]?)(\d+)([dwm])$"


class _Value:
    """A small read-only value, equal, hashed, shown and copied by its `_fields` in order."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()

    def _set(self, *values: object) -> None:
        for name, value in zip(self._fields, values, strict=True):
            object.__setattr__(self, name, value)

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"cannot assign to field '{name}': {type(self).__name__} is read-only")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"cannot delete field '{name}': {type(self).__name__} is read-only")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({shown})"

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), self._values()  # copy and pickle go through __init__


@functools.total_ordering
class Month(_Value):
    """A calendar month, the period budgets and aggregates are kept by; ordered by time."""

    __slots__ = ("month", "year")
    _fields = ("year", "month")
    year: int
    month: int

    def __init__(self, year: int, month: int) -> None:
        if not 1 <= month <= 12 or not 1 <= year <= 9999:
            raise InvalidDate(f"month {year:04d}-{month:02d} does not exist")
        self._set(year, month)

    def __lt__(self, other: Month) -> bool:
        if other.__class__ is not Month:
            return NotImplemented
        return (self.year, self.month) < (other.year, other.month)

    @classmethod
    def parse(cls, text: str) -> Month:
        """Read `YYYY-MM`."""
        match = re.match(_MONTH_PATTERN, text.strip())
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
        return date(self.year, self.month, _days_in(self.year, self.month))

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


class DateRange(_Value):
    """An inclusive range of days, the period of a listing or a report."""

    __slots__ = ("end", "start")
    _fields = ("start", "end")
    start: date
    end: date

    def __init__(self, start: date, end: date) -> None:
        if end < start:
            raise InvalidDate(f"the range ends ({end}) before it starts ({start})")
        self._set(start, end)

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
    relative = re.match(_RELATIVE_PATTERN, cleaned)
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
    last = _days_in(year, month + 1)
    return date(year, month + 1, min(today.day, last))


def _days_in(year: int, month: int) -> int:
    """The number of days in a month (the `calendar` module costs start-up time to import)."""
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days
