"""The cloud's work on a replica: categorizing what arrives uncategorized, and budget alerts
raised by the same rules and words as `sbp add`, once per dedupe key."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from sbp.core.errors import NotFound
from sbp.core.model import Budget, CategorySource, Expense, Rule
from sbp.core.periods import Month
from sbp.core.sync.cloud_alerts import alerts_after_write, due_alerts, record_new
from sbp.core.sync.cloud_categorizer import categorize_in_replica
from sbp.core.sync.codec import (
    budget_record,
    expense_of,
    expense_record,
    rule_record,
    setting_record,
)
from sbp.core.sync.hlc import HybridClock
from sbp.core.sync.records import Change, Kind, stamp_all
from sbp.core.sync.steady_reads import SteadyReads
from sbp.core.sync.view import ReplicaView
from sbp.store.memory_replica import MemoryReplica

NOV = Month(2026, 11)
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
TODAY = NOW.date()
T0 = 1_795_000_000_000  # ahead of NOW: the device that wrote the expense runs a little fast
DEVICE = f"{T0:013d}-0000-laptop0000000000"


def expense(
    n: int, amount: str, description: str, category: str = "other", source: str = "default"
) -> Expense:
    return Expense(
        id=f"01KAEXP{n:019d}",
        date=date(2026, 11, n),
        amount=Decimal(amount),
        currency="USD",
        description=description,
        category=category,
        category_source=CategorySource(source),
        created_at=NOW,
        updated_at=NOW,
        note="",
    )


@pytest.fixture
def view() -> ReplicaView:
    replica = MemoryReplica("01KAUSER00000000000000000A")
    replica.commit(
        [
            setting_record("base_currency", "USD", DEVICE),
            budget_record(Budget("coffee", Decimal(60), "USD"), DEVICE),
            budget_record(Budget("groceries", Decimal(400), "USD"), DEVICE),
            rule_record("r1", Rule(1, "blue bottle", "coffee"), DEVICE),
            expense_record(expense(2, "40.00", "Coffee beans", "coffee", "user"), DEVICE),
            expense_record(expense(20, "9.50", "BLUE BOTTLE #12"), DEVICE),
        ],
        "laptop",
        NOW.isoformat(),
    )
    return ReplicaView(replica)


def clock() -> HybridClock:
    return HybridClock("cloud00000000000")


def test_an_uncategorized_expense_gets_the_users_rule_and_only_its_own_fields_change(
    view: ReplicaView,
) -> None:
    later = f"{T0 + 5:013d}-0000-phone00000000000"
    note = stamp_all(Kind.EXPENSE, expense(20, "0", "").id, {"note": "with Sam"}, later)
    view.replica.commit([note], "phone", NOW.isoformat())

    done = categorize_in_replica(view, expense(20, "0", "").id, clock(), NOW, "categorizer")

    assert done is not None and done.written
    stored = view.expense(done.expense.id)
    assert stored is not None
    assert (stored.category, stored.category_source, stored.note) == (
        "coffee",
        CategorySource.RULE,
        "with Sam",
    )
    [entry] = view.replica.entries_after(2)
    [change] = entry.changes
    assert set(change.fields) == {"category", "source", "updated"}
    assert change.newest > later  # observed the newest version before stamping its own


def test_a_category_the_user_chose_is_left_alone(view: ReplicaView) -> None:
    chosen = expense(2, "40.00", "Coffee beans", "coffee", "user")

    assert categorize_in_replica(view, chosen.id, clock(), NOW, "categorizer") is None
    assert view.replica.head() == 1


def test_categorizing_twice_writes_once(view: ReplicaView) -> None:
    target = expense(20, "9.50", "BLUE BOTTLE #12").id
    categorize_in_replica(view, target, clock(), NOW, "categorizer")

    again = categorize_in_replica(view, target, clock(), NOW, "categorizer")

    assert again is not None and not again.written and view.replica.head() == 2


def test_an_expense_the_replica_never_held_is_not_found(view: ReplicaView) -> None:
    with pytest.raises(NotFound, match="not in the user's replica"):
        categorize_in_replica(view, "01KAEXP9999999999999999999", clock(), NOW, "categorizer")


def test_a_categorized_expense_that_crosses_80_percent_raises_the_alert_of_sbp_add(
    view: ReplicaView,
) -> None:
    done = categorize_in_replica(view, expense(20, "0", "").id, clock(), NOW, "categorizer")
    assert done is not None

    alerts = alerts_after_write(view, done.expense, TODAY, NOW)

    assert [(a.dedupe_key, a.message) for a in alerts] == [
        (
            "2026-11#coffee#80",
            "Coffee passed 80% of its budget: $49.50 of $60.00 in 2026-11 (82.5%)",
        )
    ]
    assert record_new(view, alerts, clock(), NOW, "categorizer") == alerts
    assert record_new(view, alerts, clock(), NOW, "categorizer") == []


def test_the_daily_check_raises_the_highest_threshold_reached_and_a_pace_warning(
    view: ReplicaView,
) -> None:
    more = [expense(21, "30.00", "Blue Bottle", "coffee", "rule"),
            expense(13, "300.00", "Whole Foods", "groceries", "default")]  # fmt: skip
    view.replica.commit([expense_record(e, DEVICE) for e in more], "laptop", NOW.isoformat())
    today = date(2026, 11, 13)

    alerts = due_alerts(view, today, NOW)

    assert [a.dedupe_key for a in alerts] == ["2026-11#coffee#100", "2026-11#groceries#pace"]
    assert alerts[1].message.startswith("At this rate Groceries runs out on the 18th")
    assert due_alerts(view, date(2026, 12, 1), NOW) == []  # a new month, nothing spent yet


def test_alerts_count_only_the_budgets_currency(view: ReplicaView) -> None:
    euros = expense(22, "50.00", "Blue Bottle", "coffee", "rule")._replace(currency="EUR")
    view.replica.commit([expense_record(euros, DEVICE)], "laptop", NOW.isoformat())
    record = view.replica.record(Kind.EXPENSE, euros.id)
    assert record is not None

    stored = expense_of(record)
    assert stored is not None and alerts_after_write(view, stored, TODAY, NOW) == []


class CountingReplica(MemoryReplica):
    """A memory replica that counts `records` reads per kind."""

    def __init__(self, user_id: str) -> None:
        super().__init__(user_id)
        self.reads: dict[Kind, int] = {}

    def records(self, kind: Kind) -> Sequence[Change]:
        self.reads[kind] = self.reads.get(kind, 0) + 1
        return super().records(kind)


def test_steady_reads_read_rules_and_budgets_once_until_a_commit_changes_them(
    view: ReplicaView,
) -> None:
    counting = CountingReplica("01KAUSER00000000000000000A")
    counting.commit(list(_all_records(view)), "laptop", NOW.isoformat())
    steady = ReplicaView(SteadyReads(counting))

    for _ in range(3):
        steady.categorizer(), steady.budgets(), steady.base_currency(), steady.notifications()
    steady.replica.commit([budget_record(Budget("books", Decimal(9), "USD"), DEVICE)], "l", "t")

    assert [b.category for b in steady.budgets()] == ["books", "coffee", "groceries"]
    assert counting.reads == {
        Kind.RULE: 1,
        Kind.CORRECTION: 1,
        Kind.BUDGET: 2,
        Kind.SETTING: 1,
        Kind.NOTIFICATION: 3,  # alerts change as a batch goes: always read afresh
    }


def _all_records(view: ReplicaView) -> list[Change]:
    kinds = (Kind.SETTING, Kind.BUDGET, Kind.RULE)
    return [r for kind in kinds for r in view.replica.records(kind)] + list(
        view.replica.month_expenses(NOV)
    )
