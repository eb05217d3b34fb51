"""Ledger contract: what a store keeps for sync (state, versions, outbox), and the writes the
sync makes by key (rules, alerts); every adapter means the same by them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sbp.core.model import Notification, Rule
from sbp.core.periods import Month
from sbp.core.ports import Ledger
from sbp.core.sync.hlc import decode
from sbp.core.sync.local import HeldRecord, LocalEdit, OutboxRow, SyncState
from sbp.core.sync.records import DELETED, Kind, Stamped
from tests.contract.conftest import ExpenseMaker

T0 = 1_795_000_000_000
NODE = "laptop0000000000"
BASE = f"{T0 - 1000:013d}-0000-{NODE}"


def joined(ledger: Ledger, base: str | None = BASE) -> None:
    ledger.save_sync_state(SyncState(node=NODE, user_id="u1", enabled=True, base_version=base))


def test_a_store_that_never_synced_records_nothing(ledger: Ledger) -> None:
    assert ledger.sync_state() == SyncState()

    ledger.record_changes([LocalEdit(Kind.EXPENSE, "E1")], T0)

    assert ledger.outbox(0, 10) == [] and ledger.outbox_size() == 0
    assert ledger.held_records(Kind.EXPENSE, ["E1"]) == {}
    assert ledger.sync_state() == SyncState()


def test_the_sync_state_is_kept_as_saved(ledger: Ledger) -> None:
    state = SyncState(NODE, (T0, 3), "u1", 42, True, BASE, '{"phase": 1}', "2026-11-23", "off")

    ledger.save_sync_state(state)

    assert ledger.sync_state() == state


def test_one_write_is_stamped_with_one_version_newer_than_the_last(ledger: Ledger) -> None:
    joined(ledger)
    ledger.record_changes([LocalEdit(Kind.EXPENSE, "E1")], T0)
    ledger.record_changes(
        [
            LocalEdit(Kind.EXPENSE, "E1", frozenset({"note"})),
            LocalEdit(Kind.CORRECTION, "blue bottle"),
        ],
        T0,  # the same millisecond: the counter keeps the second write newer
    )

    rows = ledger.outbox(0, 10)
    assert [(r.kind, r.key, r.fields) for r in rows] == [
        (Kind.EXPENSE, "E1", None),
        (Kind.EXPENSE, "E1", frozenset({"note"})),
        (Kind.CORRECTION, "blue bottle", None),
    ]
    first, second, third = (r.version for r in rows)
    assert second == third and second > first
    assert decode(first) == (T0, 0, NODE) and decode(second) == (T0, 1, NODE)
    assert ledger.sync_state().clock == (T0, 1)
    held = ledger.held_records(Kind.EXPENSE, ["E1", "E2"])
    assert held == {"E1": HeldRecord({"": first, "note": second})}


def test_a_partial_edit_of_a_record_held_before_the_first_sync_keeps_the_base_version(
    ledger: Ledger,
) -> None:
    joined(ledger)

    ledger.record_changes([LocalEdit(Kind.EXPENSE, "OLD", frozenset({"note"}))], T0)

    [row] = ledger.outbox(0, 10)
    assert ledger.held_records(Kind.EXPENSE, ["OLD"]) == {
        "OLD": HeldRecord({"": BASE, "note": row.version})
    }


def test_recording_rolls_back_with_the_write(ledger: Ledger) -> None:
    joined(ledger)

    with pytest.raises(RuntimeError), ledger.transaction():
        ledger.record_changes([LocalEdit(Kind.EXPENSE, "E1")], T0)
        raise RuntimeError("the write failed")

    assert ledger.outbox_size() == 0 and ledger.held_records(Kind.EXPENSE, ["E1"]) == {}
    assert ledger.sync_state().clock == (0, 0)


def test_the_outbox_is_read_in_order_dropped_when_pushed_and_restamped(ledger: Ledger) -> None:
    joined(ledger)
    for n in range(5):
        ledger.record_changes([LocalEdit(Kind.BUDGET, f"b{n}#*")], T0 + n)
    rows = ledger.outbox(0, 10)

    assert [r.key for r in ledger.outbox(rows[1].seq, 2)] == ["b2#*", "b3#*"]
    ledger.drop_outbox(rows[2].seq)
    assert [r.key for r in ledger.outbox(0, 10)] == ["b3#*", "b4#*"]
    assert ledger.outbox_size() == 2

    ledger.restamp_outbox({rows[3].seq: "later"})
    assert ledger.outbox(0, 10) == [rows[3]._replace(version="later"), rows[4]]


def test_the_records_with_writes_waiting_are_found_by_kind_and_key(ledger: Ledger) -> None:
    joined(ledger)
    ledger.record_changes([LocalEdit(Kind.EXPENSE, "E1"), LocalEdit(Kind.LINK, "E2")], T0)
    ledger.record_changes([LocalEdit(Kind.EXPENSE, "E1", frozenset({"note"}))], T0 + 1)
    ledger.record_changes([LocalEdit(Kind.EXPENSE, "E3")], T0 + 2)
    keys = [f"E{n}" for n in range(1, 1200)]  # more than one bound-parameter chunk

    assert ledger.queued_keys(Kind.EXPENSE, keys) == {"E1", "E3"}
    assert ledger.queued_keys(Kind.LINK, ["E1", "E2"]) == {"E2"}
    assert ledger.queued_keys(Kind.EXPENSE, []) == frozenset()
    ledger.drop_outbox(ledger.outbox(0, 10)[-1].seq - 1)  # E3's row waits yet
    assert ledger.queued_keys(Kind.EXPENSE, [*reversed(keys)]) == {"E3"}


def test_held_records_keep_versions_and_the_part_of_a_record_the_store_cannot_show(
    ledger: Ledger,
) -> None:
    part = {"note": Stamped("with Sam", "v2"), DELETED: Stamped(False, "v1")}
    ledger.hold_records(
        Kind.EXPENSE, {"A": HeldRecord({"": "v1"}), "B": HeldRecord({"note": "v2"}, part)}
    )

    assert ledger.held_records(Kind.EXPENSE, ["A", "B", "C"]) == {
        "A": HeldRecord({"": "v1"}),
        "B": HeldRecord({"note": "v2"}, part),
    }
    assert ledger.held_records(Kind.BUDGET, ["A"]) == {}
    ledger.hold_records(Kind.EXPENSE, {"A": None, "B": HeldRecord({"": "v3"})})
    assert ledger.held_records(Kind.EXPENSE, ["A", "B"]) == {"B": HeldRecord({"": "v3"})}


def test_rules_are_tried_in_the_order_of_their_keys_and_stored_by_key(ledger: Ledger) -> None:
    late = ledger.add_rule("uber", "rides", False, key="01KB0000000000000000000000")
    early = ledger.put_rule(Rule(0, "uber eats", "takeout", False, "01KA0000000000000000000000"))

    assert [r.key for r in ledger.rules()] == [early.key, late.key]
    changed = ledger.put_rule(Rule(0, "^uber", "rides", True, late.key))
    assert changed == Rule(late.id, "^uber", "rides", True, late.key)
    assert ledger.rules() == [early, changed]

    assert ledger.remove_rule_key(early.key) is True
    assert ledger.remove_rule_key(early.key) is False
    assert ledger.rules() == [changed]


def test_an_alert_is_stored_once_per_dedupe_key_and_replaced_by_key(ledger: Ledger) -> None:
    at = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    mine = Notification("01KA1", at, "budget", "Coffee at 80%", "2026-11#coffee#80",
                        month=Month(2026, 11), category="coffee")  # fmt: skip
    ledger.record_notification(mine)
    cloud = mine._replace(id="01KA0", channel="cloud", read=True)

    ledger.put_notification(cloud)

    assert ledger.notifications() == [cloud]


def test_the_expenses_of_an_import_batch_are_found_by_batch(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    mine = [make_expense(import_batch="B1"), make_expense(import_batch="B1")]
    for expense in [*mine, make_expense(import_batch="B2"), make_expense()]:
        ledger.add(expense)

    assert sorted(ledger.batch_expense_ids("B1")) == sorted(e.id for e in mine)
    assert ledger.batch_expense_ids("B9") == []


def test_an_outbox_row_says_which_fields_it_set(ledger: Ledger) -> None:
    joined(ledger)
    ledger.record_changes([LocalEdit(Kind.EXPENSE, "E1", frozenset({"note", "category"}))], T0)

    [row] = ledger.outbox(0, 1)
    assert row == OutboxRow(
        row.seq, Kind.EXPENSE, "E1", frozenset({"note", "category"}), row.version
    )
