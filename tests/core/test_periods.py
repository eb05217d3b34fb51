"""Months, ranges and the dates people type, always relative to a `today` passed in."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sbp.core.errors import InvalidDate
from sbp.core.periods import DateRange, Month, parse_date
from sbp.core.printable import shown

TODAY = date(2026, 11, 23)


def test_months_step_across_year_ends() -> None:
    assert Month(2026, 12).next() == Month(2027, 1)
    assert Month(2027, 1).previous() == Month(2026, 12)
    assert Month(2026, 11).next() == Month(2026, 12)
    assert Month(2026, 3).previous() == Month(2026, 2)


def test_stepping_twelve_months_forward_and_back_returns_to_the_start() -> None:
    start = month = Month(2026, 5)
    for _ in range(12):
        month = month.next()
    assert month == Month(2027, 5)
    for _ in range(12):
        month = month.previous()
    assert month == start


def test_months_know_their_days() -> None:
    assert Month(2028, 2).days == 29
    assert Month(2026, 2).days == 28
    assert Month(2026, 11).first_day == date(2026, 11, 1)
    assert Month(2026, 11).last_day == date(2026, 11, 30)
    assert Month.of(TODAY) == Month(2026, 11)


def test_months_sort_and_print_as_year_month() -> None:
    assert sorted([Month(2027, 1), Month(2026, 12)]) == [Month(2026, 12), Month(2027, 1)]
    assert str(Month(2026, 3)) == "2026-03"


@pytest.mark.parametrize(
    ("text", "month"), [("2026-11", Month(2026, 11)), ("2026-3", Month(2026, 3))]
)
def test_months_are_read_as_year_dash_month(text: str, month: Month) -> None:
    assert Month.parse(text) == month


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "nov", "2026/11", "11-2026", ""])
def test_impossible_months_are_refused(text: str) -> None:
    with pytest.raises(InvalidDate):
        Month.parse(text)


@pytest.mark.parametrize(
    ("month", "today", "left"),
    [
        (Month(2026, 11), date(2026, 11, 23), 8),  # the 23rd to the 30th, today included
        (Month(2026, 11), date(2026, 11, 30), 1),
        (Month(2026, 11), date(2026, 12, 1), 0),  # over
        (Month(2026, 12), date(2026, 11, 23), 31),  # not started: the whole month is left
    ],
)
def test_days_left_count_today_and_stop_at_zero(month: Month, today: date, left: int) -> None:
    assert month.days_left(today) == left


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("today", TODAY),
        ("TODAY", TODAY),
        ("yesterday", date(2026, 11, 22)),
        ("-3d", date(2026, 11, 20)),
        ("+2d", date(2026, 11, 25)),
        ("-2w", date(2026, 11, 9)),
        ("-1m", date(2026, 10, 23)),
        ("-12m", date(2025, 11, 23)),
        ("2026-11-01", date(2026, 11, 1)),
        (" 2026-02-28 ", date(2026, 2, 28)),
    ],
)
def test_dates_are_read_relative_to_today(text: str, day: date) -> None:
    assert parse_date(text, TODAY) == day


def test_a_month_back_from_the_31st_lands_on_the_last_day_of_a_shorter_month() -> None:
    assert parse_date("-1m", date(2026, 3, 31)) == date(2026, 2, 28)
    assert parse_date("-1m", date(2026, 1, 15)) == date(2025, 12, 15)


@pytest.mark.parametrize(
    "text",
    ["tomorrowish", "2026-02-30", "23/11/2026", "-3x", "", "-99999999d", "-99999m", "9" * 30 + "d"],
)
def test_dates_that_are_not_dates_are_refused_with_the_forms_that_work(text: str) -> None:
    with pytest.raises(InvalidDate) as refused:
        parse_date(text, TODAY)

    assert text in str(refused.value)


def test_ranges_include_both_ends() -> None:
    november = DateRange.of_month(Month(2026, 11))

    assert date(2026, 11, 1) in november
    assert date(2026, 11, 30) in november
    assert date(2026, 12, 1) not in november
    assert november.days == 30


def test_a_range_cannot_end_before_it_starts() -> None:
    with pytest.raises(InvalidDate, match="ends"):
        DateRange(date(2026, 11, 2), date(2026, 11, 1))


@given(st.text(alphabet="0123456789-+dwmTODAYtodayWyesterday", max_size=14) | st.text(max_size=14))
def test_any_text_is_either_a_date_or_a_refusal(text: str) -> None:
    try:
        parse_date(text, TODAY)
    except InvalidDate as refused:
        assert shown(text) in str(refused)  # quoted, with any control character escaped
