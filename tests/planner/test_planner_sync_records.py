"""Every write a person makes is recorded for the next sync, in its own transaction, with the
fields it changed; a store that does not sync records nothing."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from fixed_clock import FixedClock

from sbp.core.ids import ulid_time
from sbp.core.sync.local import SyncState
from sbp.core.sync.records import DELETED, Kind
from sbp.planner import Planner
from sbp.store.memory import MemoryLedger

NODE = "laptop0000000000"


@pytest.fixture
def syncing(ledger: MemoryLedger) -> MemoryLedger:
    ledger.save_sync_state(SyncState(node=NODE, user_id="u1", enabled=True))
    return ledger


def queued(ledger: MemoryLedger) -> list[tuple[Kind, str, frozenset[str] | None]]:
    rows = ledger.outbox(0, 1000)
    ledger.drop_outbox(rows[-1].seq if rows else 0)
    return [(r.kind, r.key, r.fields) for r in rows]


def test_a_store_that_does_not_sync_queues_nothing(planner: Planner, ledger: MemoryLedger) -> None:
    planner.add_expense("4.50", "Blue Bottle", category="coffee")
    planner.set_budget("coffee", "60")

    assert ledger.outbox_size() == 0 and ledger.sync_state() == SyncState()


def test_adding_an_expense_queues_it_whole_with_the_store_currency(
    planner: Planner, syncing: MemoryLedger
) -> None:
    added = planner.add_expense("4.50", "Blue Bottle", category="coffee").expense

    assert queued(syncing) == [
        (Kind.SETTING, "base_currency", None),
        (Kind.EXPENSE, added.id, None),
    ]


def test_an_edit_queues_only_the_fields_it_changed_and_what_it_taught(
    planner: Planner, syncing: MemoryLedger, clock: FixedClock
) -> None:
    added = planner.add_expense("4.50", "Blue Bottle").expense
    queued(syncing)
    clock.advance(minutes=1)

    planner.edit_expense(added.id, note="with Sam")
    assert queued(syncing) == [(Kind.EXPENSE, added.id, frozenset({"note", "updated"}))]

    planner.edit_expense(added.id, category="treats")
    assert queued(syncing) == [
        (Kind.CORRECTION, "blue bottle", None),
        (Kind.EXPENSE, added.id, frozenset({"category", "source"})),
    ]


def test_removing_and_undoing_queue_a_tombstone_then_the_whole_expense(
    planner: Planner, syncing: MemoryLedger
) -> None:
    added = planner.add_expense("4.50", "Blue Bottle", category="coffee").expense
    queued(syncing)

    planner.remove_expense(added.id)
    assert queued(syncing) == [(Kind.EXPENSE, added.id, frozenset({DELETED}))]
    planner.undo()
    assert queued(syncing) == [(Kind.EXPENSE, added.id, None)]
    planner.undo()
    assert queued(syncing) == [(Kind.EXPENSE, added.id, frozenset({DELETED}))]


def test_undoing_an_edit_queues_the_fields_it_puts_back_and_the_lesson_it_forgets(
    planner: Planner, syncing: MemoryLedger
) -> None:
    added = planner.add_expense("4.50", "Blue Bottle").expense
    planner.edit_expense(added.id, category="treats", amount="5")
    queued(syncing)

    planner.undo()

    assert queued(syncing) == [
        (Kind.EXPENSE, added.id, frozenset({"amount", "category", "source"})),
        (Kind.CORRECTION, "blue bottle", frozenset({DELETED})),
    ]


def test_budgets_rules_and_read_alerts_are_queued(planner: Planner, syncing: MemoryLedger) -> None:
    planner.set_budget("coffee", "5")
    planner.add_expense("4.50", "Blue Bottle", category="coffee")  # 90%: an alert
    rule = planner.add_rule("blue bottle", "coffee")
    planner.remove_rule(rule.id)
    planner.remove_budget("coffee")
    planner.undo()  # the budget comes back
    planner.mark_notifications_read()

    kinds = [(kind, key, fields) for kind, key, fields in queued(syncing) if kind != Kind.EXPENSE]
    assert kinds == [
        (Kind.SETTING, "base_currency", None),
        (Kind.BUDGET, "coffee#*", None),
        (Kind.NOTIFICATION, "2026-11#coffee#80", None),
        (Kind.RULE, rule.key, None),
        (Kind.RULE, rule.key, frozenset({DELETED})),
        (Kind.BUDGET, "coffee#*", frozenset({DELETED})),
        (Kind.BUDGET, "coffee#*", None),
        (Kind.NOTIFICATION, "2026-11#coffee#80", frozenset({"read"})),
    ]


def test_an_import_queues_each_expense_and_its_undo_a_tombstone_each(
    planner: Planner, syncing: MemoryLedger
) -> None:
    csv = "date,amount,description\n2026-11-01,4.50,Blue Bottle\n2026-11-02,12.00,Lidl\n"
    result = planner.import_file("bank.csv", io.BytesIO(csv.encode()))
    assert result.batch_id is not None
    ids = sorted(syncing.batch_expense_ids(result.batch_id))
    assert sorted(key for kind, key, _ in queued(syncing) if kind is Kind.EXPENSE) == ids

    planner.undo_import(result.batch_id)

    assert sorted(queued(syncing)) == [(Kind.EXPENSE, i, frozenset({DELETED})) for i in ids]


def test_a_write_that_fails_queues_nothing(planner: Planner, syncing: MemoryLedger) -> None:
    with pytest.raises(Exception, match="zero"):
        planner.add_expense("0", "nothing")

    assert syncing.outbox_size() == 0


def test_a_rule_is_keyed_by_the_planners_clock(planner: Planner, clock: FixedClock) -> None:
    """Rules are tried in the order of their keys on every device, so a rule made a second later
    on another device must sort after: its key carries the instant of the clock sbp runs on."""
    made_at = clock.now()
    first = planner.add_rule("blue bottle", "coffee")
    clock.advance(seconds=1)
    second = planner.add_rule("lidl", "groceries")

    assert ulid_time(first.key) == made_at
    assert ulid_time(second.key) == made_at + timedelta(seconds=1)
