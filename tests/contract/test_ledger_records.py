"""Ledger contract: budgets, rules, corrections, notifications, the undo journal and settings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from sbp.core.errors import NotFound
from sbp.core.ids import new_ulid
from sbp.core.model import Budget, Notification, Rule
from sbp.core.periods import Month
from sbp.core.ports import Ledger
from sbp.core.undo import ChangeKind, UndoEntry

NOV = Month(2026, 11)
DEC = Month(2026, 12)
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def test_budgets_for_every_month_and_for_one_month_live_side_by_side(ledger: Ledger) -> None:
    every = Budget("coffee", Decimal("60.00"), "USD")
    november = Budget("coffee", Decimal("90.00"), "USD", NOV)
    groceries = Budget("groceries", Decimal("400.00"), "USD", DEC)

    for budget in (groceries, november, every):
        ledger.set_budget(budget)

    assert list(ledger.budgets()) == [every, november, groceries]


def test_setting_a_budget_again_replaces_it(ledger: Ledger) -> None:
    ledger.set_budget(Budget("coffee", Decimal("60.00"), "USD", NOV))
    ledger.set_budget(Budget("coffee", Decimal("75.50"), "USD", NOV))

    assert list(ledger.budgets()) == [Budget("coffee", Decimal("75.50"), "USD", NOV)]


def test_removing_the_every_month_budget_keeps_the_month_one(ledger: Ledger) -> None:
    ledger.set_budget(Budget("coffee", Decimal("60.00"), "USD"))
    ledger.set_budget(Budget("coffee", Decimal("90.00"), "USD", NOV))

    ledger.remove_budget("coffee", None)

    assert list(ledger.budgets()) == [Budget("coffee", Decimal("90.00"), "USD", NOV)]


def test_removing_a_budget_that_does_not_exist_is_not_found(ledger: Ledger) -> None:
    ledger.set_budget(Budget("coffee", Decimal("90.00"), "USD", NOV))

    with pytest.raises(NotFound, match="no budget for 'coffee' for every month"):
        ledger.remove_budget("coffee", None)
    with pytest.raises(NotFound, match="no budget for 'coffee' in 2026-12"):
        ledger.remove_budget("coffee", DEC)
    assert len(ledger.budgets()) == 1


def test_rules_keep_the_order_they_were_added_in(ledger: Ledger) -> None:
    first = ledger.add_rule("uber eats", "takeout", False)
    second = ledger.add_rule(r"^uber", "rides", True)

    assert first == Rule(first.id, "uber eats", "takeout", False, first.key)
    assert second.id > first.id and second.key > first.key
    assert list(ledger.rules()) == [first, second]


def test_a_removed_rule_is_returned_and_its_number_is_not_reused(ledger: Ledger) -> None:
    first = ledger.add_rule("a", "x", False)
    second = ledger.add_rule("b", "y", False)

    assert ledger.remove_rule(second.id) == second
    third = ledger.add_rule("c", "z", False)

    assert third.id > second.id
    assert list(ledger.rules()) == [first, third]


def test_removing_an_unknown_rule_is_not_found(ledger: Ledger) -> None:
    with pytest.raises(NotFound, match="no rule #42"):
        ledger.remove_rule(42)


def test_corrections_are_remembered_and_the_latest_wins(ledger: Ledger) -> None:
    ledger.learn("blue bottle", "treats")
    ledger.learn("lidl", "groceries")
    ledger.learn("blue bottle", "coffee")

    assert dict(ledger.learned()) == {"blue bottle": "coffee", "lidl": "groceries"}


def test_a_forgotten_correction_is_gone_and_forgetting_twice_is_harmless(ledger: Ledger) -> None:
    ledger.learn("blue bottle", "treats")
    ledger.learn("lidl", "groceries")

    ledger.forget("blue bottle")
    ledger.forget("blue bottle")

    assert dict(ledger.learned()) == {"lidl": "groceries"}


def alert(key: str, minutes: int = 0) -> Notification:
    at = NOW + timedelta(minutes=minutes)
    return Notification(new_ulid(at), at, "budget", f"alert {key}", key)


def test_an_alert_with_a_known_dedupe_key_is_recorded_once(ledger: Ledger) -> None:
    assert ledger.record_notification(alert("2026-11#coffee#80")) is True
    assert ledger.record_notification(alert("2026-11#coffee#80", minutes=5)) is False
    assert ledger.record_notification(alert("2026-11#coffee#100", minutes=6)) is True

    assert [n.dedupe_key for n in ledger.notifications()] == [
        "2026-11#coffee#100",
        "2026-11#coffee#80",
    ]


def test_alerts_read_back_newest_first_with_every_field(ledger: Ledger) -> None:
    old = alert("a", 0)._replace(month=NOV, category="coffee", channel="email")
    new = alert("b", 1)
    ledger.record_notification(old)
    ledger.record_notification(new)

    assert list(ledger.notifications()) == [new, old]
    assert list(ledger.notifications(limit=1)) == [new]


def test_marking_alerts_read_counts_only_the_unread_ones(ledger: Ledger) -> None:
    ledger.record_notification(alert("a", 0))
    ledger.record_notification(alert("b", 1))

    assert ledger.mark_notifications_read() == 2
    assert ledger.mark_notifications_read() == 0
    assert all(n.read for n in ledger.notifications())


def test_the_undo_journal_hands_changes_back_newest_first(ledger: Ledger) -> None:
    first = UndoEntry(ChangeKind.ADD, "added one", None, {"id": "A", "amount": "1.00"})
    second = UndoEntry(ChangeKind.BUDGET, "set coffee", {"limit": "5"}, {"limit": "6"})
    third = UndoEntry(ChangeKind.REMOVE, "removed two", {"id": "B"}, None)
    for entry in (first, second, third):
        ledger.push_undo(entry)

    assert [ledger.pop_undo() for _ in range(4)] == [third, second, first, None]


def test_settings_are_kept_and_overwritten(ledger: Ledger) -> None:
    assert ledger.setting("base_currency") is None

    ledger.set_setting("base_currency", "EUR")
    ledger.set_setting("base_currency", "USD")

    assert ledger.setting("base_currency") == "USD"


def test_a_ledgers_own_writes_are_not_outside_changes(ledger: Ledger) -> None:
    seen = ledger.outside_changes()

    ledger.set_setting("base_currency", "USD")
    ledger.add_rule("a", "b", False)

    assert ledger.outside_changes() == seen
