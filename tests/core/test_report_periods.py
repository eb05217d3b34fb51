"""The periods `sbp report` understands, their names, and the period before each."""

from __future__ import annotations

from datetime import date

import pytest

from sbp.core.errors import InvalidDate, InvalidInput
from sbp.core.periods import Month
from sbp.core.report_periods import PeriodKind, ReportPeriod, choose_period

TODAY = date(2026, 11, 23)


def test_no_option_means_this_month() -> None:
    period = choose_period(TODAY)
    assert period == ReportPeriod.month(Month(2026, 11))
    assert (period.label, period.slug) == ("November 2026", "2026-11")


def test_an_iso_week_runs_monday_to_sunday() -> None:
    period = choose_period(TODAY, week="2026-W47")
    assert (period.days.start, period.days.end) == (date(2026, 11, 16), date(2026, 11, 22))
    assert (period.label, period.slug) == ("Week 47, 2026", "2026-W47")


def test_a_year_and_a_range_name_their_files() -> None:
    assert choose_period(TODAY, year="2026").slug == "2026"
    quarter = choose_period(TODAY, start="2026-01-01", end="2026-03-31")
    assert quarter.slug == "2026-01-01_2026-03-31"
    assert quarter.label == "1 Jan 2026 to 31 Mar 2026"


def test_a_range_without_an_end_runs_to_today() -> None:
    period = choose_period(TODAY, start="-6d")
    assert (period.days.start, period.days.end) == (date(2026, 11, 17), TODAY)


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"month": "2026-13"}, "does not exist"),
        ({"month": "nov"}, "YYYY-MM"),
        ({"week": "2026-W54"}, "does not exist"),
        ({"week": "47"}, "YYYY-Www"),
        ({"year": "26"}, "four-digit"),
        ({"start": "2026-03-01", "end": "2026-01-01"}, "before it starts"),
        ({"end": "2026-01-01"}, "--to needs --from"),
        ({"month": "2026-11", "year": "2026"}, "choose one period"),
    ],
)
def test_bad_periods_are_refused_with_the_reason(options: dict[str, str], words: str) -> None:
    with pytest.raises(InvalidInput, match=words):
        choose_period(TODAY, **options)


def test_the_previous_period_has_the_same_kind_and_length() -> None:
    assert ReportPeriod.month(Month(2026, 1)).previous() == ReportPeriod.month(Month(2025, 12))
    assert ReportPeriod.week(2026, 1).previous() == ReportPeriod.week(2025, 52)
    assert ReportPeriod.year(2026).previous() == ReportPeriod.year(2025)
    quarter = ReportPeriod.between(date(2026, 1, 1), date(2026, 3, 31))
    before = quarter.previous()
    assert before.kind is PeriodKind.RANGE
    assert (before.days.start, before.days.end) == (date(2025, 10, 3), date(2025, 12, 31))
    assert before.days.days == quarter.days.days


def test_month_coverage_counts_the_days_of_each_month_touched() -> None:
    period = ReportPeriod.between(date(2026, 1, 30), date(2026, 3, 2))
    assert period.month_coverage() == [
        (Month(2026, 1), 2),
        (Month(2026, 2), 28),
        (Month(2026, 3), 2),
    ]


def test_week_53_exists_only_in_long_years() -> None:
    assert ReportPeriod.week(2026, 53).days.start == date(2026, 12, 28)
    with pytest.raises(InvalidDate):
        ReportPeriod.week(2025, 53)


def test_the_ends_of_the_calendar_give_a_reason_not_a_crash() -> None:
    with pytest.raises(InvalidDate, match=r"the period before .* is out of range"):
        choose_period(TODAY, start="0002-01-01", end="2026-12-31").previous()
    with pytest.raises(InvalidDate, match="week 9999-W52 does not exist"):
        choose_period(TODAY, week="9999-W52")
    last = choose_period(TODAY, year="9999")
    assert last.month_coverage()[-1] == (Month(9999, 12), 31)
    assert last.previous() == ReportPeriod.year(9998)
