"""Replica contract: commits merge per field and log without gaps; reads go by key.

Runs over every `REPLICA_FACTORIES` adapter (memory, DynamoDB on moto), so "works in the
cloud" and "works in the fake the Lambda tests use" mean the same thing.
"""

from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal

import pytest

from sbp.core.model import Budget, Notification
from sbp.core.periods import Month
from sbp.core.ports import Replica
from sbp.core.sync.codec import (
    budget_record,
    budget_removal,
    expense_of,
    expense_record,
    expense_removal,
    notification_record,
)
from sbp.core.sync.hlc import HybridClock
from sbp.core.sync.records import DELETED, Change, Kind, Value, stamp_all
from sbp.core.sync.view import ReplicaView
from tests.contract.conftest import NOW, ExpenseMaker, ReplicaMaker

NOV = Month(2026, 11)
DEC = Month(2026, 12)
AT = NOW.isoformat()
T0 = 1_790_000_000_000


def version(ms: int, node: str = "laptop0000000000") -> str:
    return f"{ms:013d}-0000-{node}"


def edit(expense_id: str, values: dict[str, Value], at_version: str) -> Change:
    return stamp_all(Kind.EXPENSE, expense_id, values, at_version)


def test_a_committed_expense_is_read_back_and_logged(
    replica: Replica, make_expense: ExpenseMaker
) -> None:
    expense = make_expense()
    done = replica.commit([expense_record(expense, version(T0))], "laptop", AT)

    assert done.head == 1 and done.entries == (1,)
    assert done.created == {(Kind.EXPENSE, expense.id)}
    record = replica.record(Kind.EXPENSE, expense.id)
    assert record is not None and expense_of(record) == expense
    [entry] = replica.entries_after(0)
    assert (entry.seq, entry.origin, entry.at) == (1, "laptop", AT)
    assert [c.key for c in entry.changes] == [expense.id]


def test_committing_the_same_change_twice_changes_and_logs_nothing(
    replica: Replica, make_expense: ExpenseMaker
) -> None:
    change = expense_record(make_expense(), version(T0))
    replica.commit([change], "laptop", AT)

    again = replica.commit([change], "laptop", AT)

    assert (again.head, again.entries, again.created, again.changed) == (1, (), frozenset(), 0)
    assert replica.head() == 1


def test_the_newer_version_wins_field_by_field(
    replica: Replica, make_expense: ExpenseMaker
) -> None:
    expense = make_expense(description="Blue Bottle", note="")
    replica.commit([expense_record(expense, version(T0))], "laptop", AT)
    note = edit(expense.id, {"note": "with Sam"}, version(T0 + 20, "desktop000000000"))
    category = edit(expense.id, {"category": "treats"}, version(T0 + 10, "cloud00000000000"))
    stale = edit(expense.id, {"category": "dining"}, version(T0 + 5, "phone00000000000"))

    replica.commit([note], "desktop", AT)
    replica.commit([category], "categorizer", AT)
    replica.commit([stale], "phone", AT)

    record = replica.record(Kind.EXPENSE, expense.id)
    assert record is not None
    merged = expense_of(record)
    assert merged is not None
    assert (merged.note, merged.category) == ("with Sam", "treats")
    assert replica.head() == 3  # the stale change moved nothing and was not logged


def test_a_deletion_beats_a_concurrent_edit_until_it_is_undone(
    replica: Replica, make_expense: ExpenseMaker
) -> None:
    expense = make_expense()
    replica.commit([expense_record(expense, version(T0))], "laptop", AT)
    replica.commit([expense_removal(expense.id, version(T0 + 10))], "laptop", AT)
    later_edit = edit(expense.id, {"note": "later"}, version(T0 + 20, "phone00000000000"))
    replica.commit([later_edit], "phone", AT)

    record = replica.record(Kind.EXPENSE, expense.id)
    assert record is not None and record.deleted and expense_of(record) is None

    undo = edit(expense.id, {DELETED: False}, version(T0 + 30))
    replica.commit([undo], "laptop", AT)
    record = replica.record(Kind.EXPENSE, expense.id)
    assert record is not None
    restored = expense_of(record)
    assert restored is not None and restored.note == "later"


def test_a_month_holds_the_expenses_dated_in_it(
    replica: Replica, make_expense: ExpenseMaker
) -> None:
    november = [make_expense(on=date(2026, 11, day)) for day in (1, 15, 30)]
    december = make_expense(on=date(2026, 12, 1))
    replica.commit([expense_record(e, version(T0)) for e in [*november, december]], "laptop", AT)

    assert [r.key for r in replica.month_expenses(NOV)] == [e.id for e in november]
    moved = edit(november[0].id, {"date": "2026-12-24"}, version(T0 + 1))
    replica.commit([moved], "laptop", AT)

    assert [r.key for r in replica.month_expenses(NOV)] == [e.id for e in november[1:]]
    assert {r.key for r in replica.month_expenses(DEC)} == {december.id, november[0].id}


def test_month_totals_count_live_expenses_only(
    replica: Replica, make_expense: ExpenseMaker
) -> None:
    coffees = [make_expense(amount="4.50"), make_expense(amount="5.50")]
    gone = make_expense(amount="100.00")
    replica.commit([expense_record(e, version(T0)) for e in [*coffees, gone]], "laptop", AT)
    replica.commit([expense_removal(gone.id, version(T0 + 1))], "laptop", AT)

    [total] = ReplicaView(replica).month_totals(NOV)

    assert (total.category, total.currency, total.spent, total.count) == (
        "coffee",
        "USD",
        Decimal("10.00"),
        2,
    )


def test_records_of_a_kind_come_by_key_and_keep_tombstones(replica: Replica) -> None:
    coffee = Budget("coffee", Decimal("60.00"), "USD")
    travel = Budget("travel", Decimal("800.00"), "USD", DEC)
    both = [budget_record(coffee, version(T0)), budget_record(travel, version(T0))]
    replica.commit(both, "laptop", AT)
    replica.commit([budget_removal("travel", DEC, version(T0 + 1))], "l", AT)

    assert [r.key for r in replica.records(Kind.BUDGET)] == ["coffee#*", "travel#2026-12"]
    assert ReplicaView(replica).budgets() == [coffee]
    with pytest.raises(ValueError, match="month"):
        replica.records(Kind.EXPENSE)


def test_the_log_pages_in_order_without_gaps(replica: Replica, make_expense: ExpenseMaker) -> None:
    for step in range(7):
        replica.commit([expense_record(make_expense(), version(T0 + step))], "laptop", AT)

    first = replica.entries_after(0, limit=3)
    rest = replica.entries_after(3, limit=10)

    assert [e.seq for e in first] == [1, 2, 3]
    assert [e.seq for e in rest] == [4, 5, 6, 7]
    assert replica.entries_after(7) == []


def test_concurrent_writers_each_get_their_own_entry(
    replicas: ReplicaMaker, make_expense: ExpenseMaker
) -> None:
    user = "01KAUSER00000000000000000B"
    expenses = [make_expense() for _ in range(24)]
    errors: list[BaseException] = []

    def write(chunk: list) -> None:
        replica = replicas(user)  # each writer its own client, as separate devices have
        try:
            for expense in chunk:
                replica.commit([expense_record(expense, version(T0))], "device", AT)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(expenses[n::4],)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    entries = replicas(user).entries_after(0, limit=100)
    assert [e.seq for e in entries] == list(range(1, 25))
    logged = sorted(c.key for e in entries for c in e.changes)
    assert logged == sorted(e.id for e in expenses)


def test_one_users_commits_are_invisible_to_another(
    replicas: ReplicaMaker, make_expense: ExpenseMaker
) -> None:
    alice, bob = replicas("01KAUSERA0000000000000000A"), replicas("01KAUSERB0000000000000000B")
    expense = make_expense()
    alice.commit([expense_record(expense, version(T0))], "laptop", AT)

    assert bob.head() == 0 and bob.entries_after(0) == []
    assert bob.record(Kind.EXPENSE, expense.id) is None
    assert bob.month_expenses(NOV) == []


def test_an_alert_is_recorded_once_per_dedupe_key(replica: Replica) -> None:
    view = ReplicaView(replica)
    clock = HybridClock("cloud00000000000")
    alert = Notification(
        "01KANOTE000000000000000001",
        NOW,
        "budget",
        "Coffee passed 80%",
        "2026-11#coffee#80",
        month=NOV,
        category="coffee",
    )
    again = alert._replace(id="01KANOTE000000000000000002")

    assert view.record_notification(alert, clock, T0, "budget_alert") is True
    assert view.record_notification(again, clock, T0 + 1, "budget_alert") is False
    assert [n.id for n in view.notifications()] == [alert.id]


def test_a_device_alert_and_a_cloud_alert_for_one_threshold_merge_into_one(
    replica: Replica,
) -> None:
    alert = Notification(
        "01KANOTE000000000000000001",
        NOW,
        "budget",
        "Coffee passed 80%",
        "2026-11#coffee#80",
        month=NOV,
        category="coffee",
    )
    device = notification_record(alert, version(T0))
    cloud_alert = alert._replace(id="01KANOTE000000000000000009")
    cloud = notification_record(cloud_alert, version(T0 + 5, "cloud00000000000"))

    replica.commit([device], "laptop", AT)
    replica.commit([cloud], "categorizer", AT)

    assert len(ReplicaView(replica).notifications()) == 1


def test_a_commit_larger_than_one_transaction_logs_every_change_once(
    replica: Replica, make_expense: ExpenseMaker
) -> None:
    replica.commit([budget_record(Budget("coffee", Decimal(60), "USD"), version(T0))], "l", AT)
    expenses = [make_expense() for _ in range(230)]

    done = replica.commit([expense_record(e, version(T0 + 1)) for e in expenses], "laptop", AT)

    assert done.head == replica.head() and done.changed == 230
    assert done.entries == tuple(range(2, done.head + 1))  # consecutive, right after entry 1
    assert done.created == {(Kind.EXPENSE, e.id) for e in expenses}
    logged = [c.key for e in replica.entries_after(1, limit=1000) for c in e.changes]
    assert sorted(logged) == sorted(e.id for e in expenses)
    assert len(replica.month_expenses(NOV)) == 230
    assert replica.commit([expense_record(expenses[-1], version(T0 + 1))], "l", AT).entries == ()


def test_two_changes_to_one_record_in_one_commit_merge_into_it(
    replica: Replica, make_expense: ExpenseMaker
) -> None:
    expense = make_expense(note="")
    first = expense_record(expense, version(T0))
    note = edit(expense.id, {"note": "with Sam"}, version(T0 + 1))

    done = replica.commit([first, note], "laptop", AT)

    assert (done.entries, done.changed) == ((1,), 1)
    record = replica.record(Kind.EXPENSE, expense.id)
    assert record is not None and record.value("note") == "with Sam"
    [entry] = replica.entries_after(0)
    assert [c.key for c in entry.changes] == [expense.id, expense.id]


def test_an_empty_commit_and_odd_reads_change_nothing(replica: Replica) -> None:
    done = replica.commit([], "laptop", AT)

    assert (done.head, done.entries, done.changed) == (0, (), 0)
    assert replica.entries_after(-5) == [] and replica.entries_after(0, limit=0) == []
    assert replica.records(Kind.RULE) == [] and replica.record(Kind.SETTING, "x") is None
