"""Budget alerts: a threshold is crossed once, on the way up, and worded for a person."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sbp.core.alerts import DEFAULT_THRESHOLDS, crossings, notification_for, reached_thresholds
from sbp.core.budget import CategoryStatus
from sbp.core.periods import Month

NOV = Month(2026, 11)
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def coffee(spent: str, limit: str = "60") -> CategoryStatus:
    return CategoryStatus("coffee", Decimal(spent), Decimal(limit), "USD")


def crossed(before: str, after: str, limit: str = "60") -> list[int]:
    found = crossings(NOV, Decimal(before), coffee(after, limit), DEFAULT_THRESHOLDS)
    return [c.threshold for c in found]


def test_the_default_thresholds_are_80_and_100_percent() -> None:
    assert DEFAULT_THRESHOLDS == (80, 100)


def test_moving_from_below_to_at_80_percent_crosses_80() -> None:
    assert crossed("40", "48") == [80]


def test_spending_that_stays_below_80_percent_crosses_nothing() -> None:
    assert crossed("10", "47.99") == []


def test_spending_already_past_a_threshold_does_not_cross_it_again() -> None:
    assert crossed("50", "55") == []
    assert crossed("61", "70") == []


def test_reaching_the_limit_exactly_crosses_100() -> None:
    assert crossed("50", "60") == [100]


def test_one_expense_that_jumps_past_both_thresholds_crosses_both_at_once() -> None:
    assert crossed("10", "75") == [80, 100]


def test_a_refund_that_lowers_spending_crosses_nothing() -> None:
    assert crossed("70", "20") == []


def test_any_spending_against_a_zero_budget_crosses_every_threshold() -> None:
    assert crossed("0", "1", limit="0") == [80, 100]
    assert crossed("1", "2", limit="0") == []


def test_the_scheduled_scan_finds_every_threshold_reached_so_far() -> None:
    reached = reached_thresholds(NOV, coffee("50"), DEFAULT_THRESHOLDS)

    assert [c.threshold for c in reached] == [80]


def test_each_crossing_has_a_month_category_threshold_dedupe_key() -> None:
    [crossing] = crossings(NOV, Decimal("40"), coffee("50"), [80])

    assert crossing.dedupe_key == "2026-11#coffee#80"


def test_a_notification_says_what_happened_in_a_sentence() -> None:
    [warning, over] = crossings(NOV, Decimal("0"), coffee("75"), DEFAULT_THRESHOLDS)

    first = notification_for(warning, NOW)
    second = notification_for(over, NOW)

    assert first.message == "Coffee passed 80% of its budget: $75.00 of $60.00 in 2026-11 (125.0%)"
    assert second.message == "Coffee is over budget: $75.00 of $60.00 in 2026-11 (125.0%)"
    assert (second.kind, second.month, second.category) == ("budget", NOV, "coffee")
    assert second.dedupe_key == "2026-11#coffee#100"
    assert first.id != second.id
    assert first.created_at == NOW


def test_reaching_the_budget_exactly_is_worded_as_reached_not_over() -> None:
    [crossing] = crossings(NOV, Decimal("50"), coffee("60"), [100])

    assert notification_for(crossing, NOW).message.startswith("Coffee has reached its budget")
