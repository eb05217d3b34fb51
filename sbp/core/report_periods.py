"""The periods a report can cover (a month, an ISO week, a year, a range) and their names.

A report compares its period with the one just before it of the same kind, and names its file
after it (`sbp-report-2026-11.pdf`), so the period knows both. Nothing here reads the clock.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from sbp.core.errors import InvalidDate, InvalidInput
from sbp.core.periods import DateRange, Month, parse_date

_WEEK_RE = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)
_YEAR_RE = re.compile(r"^\d{4}$")
# English names whatever the process locale, so the same data always gives the same PDF bytes
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


class PeriodKind(StrEnum):
    """How the period was chosen; it decides what "the previous period" means."""

    MONTH = "month"
    WEEK = "week"
    YEAR = "year"
    RANGE = "range"


@dataclass(frozen=True)
class ReportPeriod:
    """The days a report covers, with a name for people and one for files."""

    kind: PeriodKind
    days: DateRange

    @classmethod
    def month(cls, month: Month) -> ReportPeriod:
        return cls(PeriodKind.MONTH, DateRange.of_month(month))

    @classmethod
    def week(cls, year: int, week: int) -> ReportPeriod:
        try:
            monday = date.fromisocalendar(year, week, 1)
            sunday = monday + timedelta(days=6)
        except (ValueError, OverflowError):
            raise InvalidDate(f"week {year}-W{week:02d} does not exist") from None
        return cls(PeriodKind.WEEK, DateRange(monday, sunday))

    @classmethod
    def year(cls, year: int) -> ReportPeriod:
        if not 1 <= year <= 9999:
            raise InvalidDate(f"year {year} does not exist")
        return cls(PeriodKind.YEAR, DateRange(date(year, 1, 1), date(year, 12, 31)))

    @classmethod
    def between(cls, start: date, end: date) -> ReportPeriod:
        return cls(PeriodKind.RANGE, DateRange(start, end))

    @property
    def label(self) -> str:
        """`November 2026`, `Week 47, 2026`, `2026`, or `1 Jan 2026 to 31 Mar 2026`."""
        start, end = self.days.start, self.days.end
        if self.kind is PeriodKind.MONTH:
            return f"{_MONTH_NAMES[start.month - 1]} {start.year}"
        if self.kind is PeriodKind.WEEK:
            year, week, _ = start.isocalendar()
            return f"Week {week}, {year}"
        if self.kind is PeriodKind.YEAR:
            return str(start.year)
        return f"{_day_label(start)} to {_day_label(end)}"

    @property
    def span(self) -> str:
        """The first and last day, for a subtitle: `16 Nov 2026 to 22 Nov 2026`."""
        return f"{_day_label(self.days.start)} to {_day_label(self.days.end)}"

    @property
    def slug(self) -> str:
        """A name for files: `2026-11`, `2026-W47`, `2026`, `2026-01-01_2026-03-31`."""
        start = self.days.start
        if self.kind is PeriodKind.MONTH:
            return str(Month.of(start))
        if self.kind is PeriodKind.WEEK:
            year, week, _ = start.isocalendar()
            return f"{year:04d}-W{week:02d}"
        if self.kind is PeriodKind.YEAR:
            return f"{start.year:04d}"
        return f"{start.isoformat()}_{self.days.end.isoformat()}"

    def previous(self) -> ReportPeriod:
        """The period of the same kind and length just before this one."""
        start = self.days.start
        if start <= date(1, 12, 31):
            raise InvalidDate(f"the period before {self.label} is out of range")
        if self.kind is PeriodKind.MONTH:
            return ReportPeriod.month(Month.of(start).previous())
        if self.kind is PeriodKind.YEAR:
            return ReportPeriod.year(start.year - 1)
        length = timedelta(days=self.days.days)
        if start - date.min < length:
            raise InvalidDate(f"the period before {self.label} is out of range")
        return ReportPeriod(self.kind, DateRange(start - length, self.days.end - length))

    def month_coverage(self) -> list[tuple[Month, int]]:
        """Every month the period touches, with how many of its days the period covers."""
        found = []
        month, final = Month.of(self.days.start), Month.of(self.days.end)
        while True:
            first = max(month.first_day, self.days.start)
            last = min(month.last_day, self.days.end)
            found.append((month, (last - first).days + 1))
            if month == final:  # checked before stepping: December 9999 has no next month
                return found
            month = month.next()


def choose_period(
    today: date,
    *,
    month: str | None = None,
    week: str | None = None,
    year: str | None = None,
    start: str | None = None,
    end: str | None = None,
) -> ReportPeriod:
    """The period named by `sbp report`'s options; this month when none is given."""
    given = [name for name, value in (("--month", month), ("--week", week), ("--year", year))
             if value is not None]  # fmt: skip
    if start is not None or end is not None:
        given.append("--from/--to")
    if len(given) > 1:
        raise InvalidInput(f"choose one period: {' or '.join(given)}, not both")
    if month is not None:
        return ReportPeriod.month(Month.parse(month))
    if week is not None:
        return ReportPeriod.week(*_parse_week(week))
    if year is not None:
        return ReportPeriod.year(_parse_year(year))
    if start is not None or end is not None:
        return _range(today, start, end)
    return ReportPeriod.month(Month.of(today))


def _parse_week(text: str) -> tuple[int, int]:
    match = _WEEK_RE.match(text.strip())
    if match is None:
        raise InvalidDate(f"week '{text}' is not in the form YYYY-Www (e.g. 2026-W47)")
    return int(match[1]), int(match[2])


def _parse_year(text: str) -> int:
    if not _YEAR_RE.match(text.strip()):
        raise InvalidDate(f"year '{text}' is not a four-digit year (e.g. 2026)")
    return int(text)


def _range(today: date, start: str | None, end: str | None) -> ReportPeriod:
    if start is None:
        raise InvalidInput("--to needs --from: say where the report starts")
    first = parse_date(start, today)
    last = parse_date(end, today) if end is not None else today
    return ReportPeriod.between(first, last)


def _day_label(day: date) -> str:
    return f"{day.day} {_MONTH_NAMES[day.month - 1][:3]} {day.year}"


PERIOD_FIELDS = ("month", "week", "year", "from", "to")
"""How a request names a period in JSON (the gateway's API and the report function's event)."""


def period_named(today: date, fields: Mapping[str, str]) -> ReportPeriod:
    """The period a request's `PERIOD_FIELDS` name, by `sbp report`'s rules."""
    return choose_period(
        today,
        month=fields.get("month"),
        week=fields.get("week"),
        year=fields.get("year"),
        start=fields.get("from"),
        end=fields.get("to"),
    )


def period_fields(period: ReportPeriod) -> dict[str, str]:
    """A period as the `PERIOD_FIELDS` that name it, canonically."""
    if period.kind is PeriodKind.RANGE:
        return {"from": period.days.start.isoformat(), "to": period.days.end.isoformat()}
    return {period.kind.value: period.slug}
