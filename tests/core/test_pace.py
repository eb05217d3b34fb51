"""Pace alerts: the day a category's budget runs out at this month's rate, worded once."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from sbp.core.budget import CategoryStatus
from sbp.core.pace import ordinal, pace_notification, runs_out_on
from sbp.core.periods import Month

NOV = Month(2026, 11)


def groceries(spent: str, limit: str = "400") -> CategoryStatus:
    return CategoryStatus("groceries", Decimal(spent), Decimal(limit), "USD")


def test_spending_fast_runs_out_before_the_month_ends() -> None:
    # 260 in 13 days is 20 a day: the last 140 go in 7 days, on the 20th
    pace = runs_out_on(NOV, groceries("260"), date(2026, 11, 13))

    assert pace is not None and pace.runs_out == date(2026, 11, 20)
    assert pace.dedupe_key == "2026-11#groceries#pace"


def test_a_budget_that_lasts_to_the_last_day_is_on_pace() -> None:
    # 200 in 15 days of 30: exactly 400 on the 30th
    assert runs_out_on(NOV, groceries("200"), date(2026, 11, 15)) is None
    faster = runs_out_on(NOV, groceries("215"), date(2026, 11, 15))
    assert faster is not None and faster.runs_out == date(2026, 11, 28)


@pytest.mark.parametrize(
    ("spent", "today"),
    [
        ("350", date(2026, 11, 6)),  # too early in the month to call a rate
        ("400", date(2026, 11, 13)),  # already at the budget: the 100% alert says so
        ("450", date(2026, 11, 13)),
        ("0", date(2026, 11, 13)),
        ("-20", date(2026, 11, 13)),  # refunds only
        ("390", date(2026, 12, 2)),  # November is over
    ],
)
def test_no_pace_warning_when_it_would_say_nothing_useful(spent: str, today: date) -> None:
    assert runs_out_on(NOV, groceries(spent), today) is None


def test_a_zero_budget_never_has_a_pace() -> None:
    assert runs_out_on(NOV, groceries("5", limit="0"), date(2026, 11, 20)) is None


@pytest.mark.parametrize(
    ("day", "text"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"),
     (21, "21st"), (22, "22nd"), (23, "23rd"), (30, "30th"), (31, "31st")],
)  # fmt: skip
def test_days_are_written_as_ordinals(day: int, text: str) -> None:
    assert ordinal(day) == text


def test_the_pace_alert_names_the_day_and_the_figures() -> None:
    now = datetime(2026, 11, 13, 8, 0, tzinfo=UTC)
    pace = runs_out_on(NOV, groceries("260"), date(2026, 11, 13))
    assert pace is not None

    alert = pace_notification(pace, now, make_id=lambda _: "01KANOTE000000000000000001")

    assert alert.message == (
        "At this rate Groceries runs out on the 20th: $260.00 of $400.00 spent in the first"
        " 13 days of 2026-11"
    )
    assert (alert.kind, alert.dedupe_key, alert.month, alert.category) == (
        "pace",
        "2026-11#groceries#pace",
        NOV,
        "groceries",
    )
