"""Fingerprints of imported rows: identical rows stay apart, and the counting that keeps them
apart gives the same keys however little of it is kept in dictionaries."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from sbp.core.fingerprint import Fingerprinter, bank_key, day_prefix, is_bank_key
from sbp.core.resting import RestingCounts

DAY = date(2026, 11, 3)


def test_identical_rows_get_different_keys_and_a_new_file_repeats_them() -> None:
    first = Fingerprinter()
    keys = [first.key(DAY, Decimal("3.50"), "USD", "COFFEE") for _ in range(3)]
    assert len(set(keys)) == 3
    assert all(key.startswith(day_prefix(DAY)) for key in keys)
    again = Fingerprinter()
    assert [again.key(DAY, Decimal("3.50"), "USD", "COFFEE") for _ in range(3)] == keys


def test_case_and_repeated_spaces_do_not_change_a_key_but_the_account_does() -> None:
    plain = Fingerprinter().key(DAY, Decimal("3.50"), "USD", "Coffee  Shop")
    assert Fingerprinter().key(DAY, Decimal("3.50"), "USD", "COFFEE SHOP") == plain
    assert Fingerprinter("savings").key(DAY, Decimal("3.50"), "USD", "COFFEE SHOP") != plain


def test_keys_made_a_list_at_a_time_are_the_keys_made_one_by_one() -> None:
    days = [DAY, DAY, DAY + timedelta(days=1), DAY]
    amounts = [Decimal("3.50"), Decimal("3.50"), Decimal("3.50"), Decimal("-20.00")]
    texts = ["Coffee", "COFFEE", "Coffee", "Refund  Shop"]
    one_by_one = Fingerprinter("checking")
    expected = [one_by_one.key(*row) for row in zip(days, amounts, ["USD"] * 4, texts, strict=True)]

    keys = Fingerprinter("checking").keys(
        [day.isoformat() for day in days], amounts, ["USD"] * 4, [t.lower() for t in texts]
    )

    assert keys == expected
    assert len(set(keys)) == 4  # the second coffee of the day is counted, not merged


def test_keys_are_the_ones_earlier_versions_stored() -> None:
    # Stores made by earlier versions hold these keys: a new way of making them must give the
    # same, or a re-import of an old file would double every row.
    texts = ["Coffee  Shop", "x\ty", "Coffee  Shop", "Café  Müller"]
    days = ["2026-11-03", "2026-11-03", "2026-11-03", "2026-11-04"]
    amounts = [Decimal("3.50"), Decimal("3.50"), Decimal("3.50"), Decimal("-20.00")]
    currencies = ["USD", "USD", "USD", "EUR"]

    keys = Fingerprinter("checking").keys(days, amounts, currencies, [t.lower() for t in texts])

    assert keys == [
        "fp:2026-11-03:a13d99943666e5b13b0ca000",
        "fp:2026-11-03:95c9b2cd22a5f84409623bd5",  # a tab is kept: only repeated spaces fold
        "fp:2026-11-03:e0d84a016cc2eeefc1456f97",  # the same row again: counted, not merged
        "fp:2026-11-04:864618c381fc28444b1b8fd4",
    ]


def test_bank_keys_are_told_apart_from_content_keys() -> None:
    assert is_bank_key(bank_key("", "FITID-1"))
    assert not is_bank_key(Fingerprinter().key(DAY, Decimal(1), "USD", "x"))


rows = st.lists(
    st.tuples(st.integers(0, 6), st.sampled_from(["COFFEE", "BUS", "RENT"]), st.integers(1, 3)),
    max_size=120,
)


@settings(max_examples=200, deadline=None)
@given(rows=rows, limit=st.integers(1, 8), memory=st.integers(1, 20))
def test_keys_are_the_same_whatever_the_counting_keeps_in_memory(
    rows: list[tuple[int, str, int]], limit: int, memory: int
) -> None:
    # days in any order, so days come back after their counts were put to rest or written out
    spill = io.BytesIO()
    unbounded = Fingerprinter()
    bounded = Fingerprinter(active_limit=limit, rested=RestingCounts(spill, memory_limit=memory))
    for offset, description, units in rows:
        day, amount = DAY + timedelta(days=offset), Decimal(units)
        expected = unbounded.key(day, amount, "USD", description)
        assert bounded.key(day, amount, "USD", description) == expected


def test_counts_at_rest_leave_memory_for_the_spill_file_and_come_back() -> None:
    spill = io.BytesIO()
    rested = RestingCounts(spill, memory_limit=3)
    rested.add("2026-11-03", [7, 5, 7])
    rested.add("2026-11-04", [9, 9])  # past the limit: everything is written out

    assert len(spill.getvalue()) == 5 * 8
    assert "2026-11-03" in rested and "2026-11-05" not in rested
    assert [rested.count("2026-11-03", short) for short in (5, 7, 8)] == [1, 2, 0]
    assert rested.count("2026-11-04", 9) == 2
