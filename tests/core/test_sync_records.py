"""Versioned records: merges commute and repeat, and the hybrid clock orders writes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from functools import reduce

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sbp.core.model import Budget, CategorySource, Expense, Notification
from sbp.core.periods import Month
from sbp.core.sync.codec import (
    budget_of,
    budget_record,
    expense_of,
    expense_record,
    notification_of,
    notification_record,
)
from sbp.core.sync.hlc import MAX_DRIFT_MS, ClockSkew, HybridClock, decode, encode
from sbp.core.sync.log import decode_changes, encode_changes
from sbp.core.sync.records import Change, Kind, Stamped, merge

T0 = 1_790_000_000_000
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)

versions = st.builds(
    encode,
    st.integers(T0, T0 + 1000),
    st.integers(0, 3),
    st.sampled_from(["laptop0000000000", "phone00000000000", "cloud00000000000"]),
)
values = st.one_of(st.none(), st.booleans(), st.integers(-(10**12), 10**12), st.text(max_size=5))
changes = st.builds(
    lambda fields: Change(Kind.EXPENSE, "E1", fields),
    st.dictionaries(
        st.sampled_from(["note", "category", "amount", "deleted"]),
        st.builds(Stamped, values, versions),
        min_size=1,
    ),
)


def fold(items: list[Change]) -> dict[str, Stamped]:
    state: Change | None = None
    for change in items:
        state = merge(state, change) or state
    return dict(state.fields) if state else {}


@given(st.lists(changes, max_size=6), st.randoms())
def test_merging_in_any_order_gives_the_same_record(items: list[Change], rng) -> None:
    shuffled = list(items)
    rng.shuffle(shuffled)
    # distinct writes never share a version; equal versions only come from the same write
    by_version = {s.version: s for c in items for s in c.fields.values()}
    consistent = [
        Change(c.kind, c.key, {n: by_version[s.version] for n, s in c.fields.items()})
        for c in items
    ]
    reordered = [
        Change(c.kind, c.key, {n: by_version[s.version] for n, s in c.fields.items()})
        for c in shuffled
    ]
    assert fold(consistent) == fold(reordered)


@given(changes, changes)
def test_merging_a_change_twice_changes_nothing_the_second_time(a: Change, b: Change) -> None:
    state = merge(a, b) or a
    assert merge(state, b) is None
    assert merge(state, state) is None


def test_an_older_field_loses_to_a_newer_one() -> None:
    old = Change(Kind.EXPENSE, "E1", {"note": Stamped("old", encode(T0, 0, "laptop0000000000"))})
    new = old._replace(fields={"note": Stamped("new", encode(T0 + 1, 0, "phone00000000000"))})

    assert merge(merge(old, new), old) is None
    assert reduce(lambda s, c: merge(s, c) or s, [new, old], None).value("note") == "new"  # type: ignore[arg-type, union-attr]


def test_records_of_different_things_do_not_merge() -> None:
    one = Change(Kind.EXPENSE, "E1", {"note": Stamped("a", encode(T0, 0, "laptop0000000000"))})
    with pytest.raises(ValueError, match="cannot merge"):
        merge(one, one._replace(key="E2"))


def test_versions_sort_as_text_in_time_order() -> None:
    clock = HybridClock("laptop0000000000")
    made = [clock.stamp(T0), clock.stamp(T0), clock.stamp(T0 - 50), clock.stamp(T0 + 1)]
    assert made == sorted(made) and len(set(made)) == 4
    assert encode(9, 0, "a" * 16) < encode(10, 0, "a" * 16)  # fixed width: 9 sorts before 10
    assert decode(made[1]) == (T0, 1, "laptop0000000000")


def test_a_received_version_moves_the_clock_past_it() -> None:
    laptop, phone = HybridClock("laptop0000000000"), HybridClock("phone00000000000")
    ahead = phone.stamp(T0 + 1000)  # the phone's clock is a second ahead

    laptop.observe(ahead, T0)
    mine = laptop.stamp(T0)

    assert mine > ahead


def test_a_version_from_too_far_in_the_future_is_refused() -> None:
    clock = HybridClock("laptop0000000000")
    future = encode(T0 + MAX_DRIFT_MS + 60_000, 0, "phone00000000000")

    with pytest.raises(ClockSkew, match="minutes ahead"):
        clock.observe(future, T0)
    assert clock.state == (0, 0)


def test_node_ids_are_checked() -> None:
    with pytest.raises(ValueError, match="16 characters"):
        HybridClock("Laptop!")


EXPENSE = Expense(
    id="01KAB3XYZ0000000000000000A",
    date=date(2026, 11, 23),
    amount=Decimal("12.50"),
    currency="USD",
    description="Blue Bottle",
    category="coffee",
    category_source=CategorySource.RULE,
    created_at=NOW,
    updated_at=NOW,
    note="with Sam",
    receipt_key="receipts/u1/01KAB3XYZ0000000000000000A.jpg",
    import_fingerprint="fp",
    import_batch="01KABATCH",
    account="checking",
)


def test_records_hold_sbps_own_records_exactly() -> None:
    version = encode(T0, 0, "laptop0000000000")
    budget = Budget("coffee", Decimal("60.00"), "USD", Month(2026, 11))
    alert = Notification(
        "01KANOTE", NOW, "budget", "over", "2026-11#coffee#100", month=Month(2026, 11)
    )

    assert expense_of(expense_record(EXPENSE, version)) == EXPENSE
    assert budget_of(budget_record(budget, version)) == budget
    assert notification_of(notification_record(alert, version)) == alert
    assert expense_record(EXPENSE, version).value("amount") == 1250


def test_log_entries_round_trip_and_refuse_what_is_not_one() -> None:
    version = encode(T0, 0, "laptop0000000000")
    changes = (expense_record(EXPENSE, version), expense_record(EXPENSE, version, only=["note"]))

    assert decode_changes(encode_changes(changes)) == changes
    bad_value = '[["exp", "E1", {"note": [{}, "v"]}]]'
    for bad in ("{}", bad_value, '[["zzz", "E1", {}]]', "nope"):
        with pytest.raises(ValueError):
            decode_changes(bad)
