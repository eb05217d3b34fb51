"""ULIDs: client-made ids that sort by time and accept short, forgiving prefixes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sbp.core.ids import (
    HANDLE_LENGTH,
    UlidSequence,
    handles,
    is_ulid,
    keyed_ulids,
    new_ulid,
    normalise_prefix,
    ulid_time,
)

NOV_23 = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def test_a_ulid_is_26_crockford_characters() -> None:
    ulid = new_ulid(NOV_23)

    assert len(ulid) == 26
    assert is_ulid(ulid)


def test_ulids_sort_by_the_time_they_were_made() -> None:
    times = [NOV_23 + timedelta(milliseconds=step * 7) for step in range(50)]
    ulids = [new_ulid(moment) for moment in times]

    assert sorted(ulids) == ulids


@given(
    st.datetimes(
        min_value=datetime(1970, 1, 1),
        max_value=datetime(9999, 12, 31),
        timezones=st.just(UTC),
    )
)
def test_the_time_in_a_ulid_is_the_time_it_was_made_to_the_millisecond(moment: datetime) -> None:
    truncated = moment.replace(microsecond=moment.microsecond // 1000 * 1000)

    assert ulid_time(new_ulid(moment)) == truncated


def test_the_same_time_and_randomness_make_the_same_ulid() -> None:
    randomness = bytes(range(10))

    assert new_ulid(NOV_23, randomness) == new_ulid(NOV_23, randomness)
    assert new_ulid(NOV_23) != new_ulid(NOV_23)


def test_randomness_must_be_ten_bytes() -> None:
    with pytest.raises(ValueError, match="10 bytes"):
        new_ulid(NOV_23, b"short")


def test_times_before_the_epoch_have_no_ulid() -> None:
    with pytest.raises(ValueError, match="out of ULID range"):
        new_ulid(datetime(1969, 12, 31, tzinfo=UTC))


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("01kab3", "01KAB3"),
        ("  01KAB3 ", "01KAB3"),
        ("oIl0", "0110"),  # Crockford: O is 0, I and L are 1
    ],
)
def test_prefixes_are_normalised_the_way_ids_are_stored(typed: str, stored: str) -> None:
    assert normalise_prefix(typed) == stored


@pytest.mark.parametrize("typed", ["01KU", "zz-1", "", "01KAB3!"])
def test_text_that_cannot_start_a_ulid_is_no_prefix(typed: str) -> None:
    assert normalise_prefix(typed) is None


def test_malformed_ids_are_not_ulids() -> None:
    assert not is_ulid("01KAB3")
    assert not is_ulid(new_ulid(NOV_23).lower())
    assert not is_ulid("U" * 26)


def test_a_sequence_keeps_rising_within_one_millisecond() -> None:
    sequence = UlidSequence()

    made = [sequence.next(NOV_23) for _ in range(200)]

    assert made == sorted(made)
    assert len(set(made)) == 200
    assert {ulid_time(ulid) for ulid in made} == {NOV_23}


def test_a_sequence_starts_afresh_in_a_new_millisecond() -> None:
    sequence = UlidSequence()
    first = sequence.next(NOV_23)

    later = sequence.next(NOV_23 + timedelta(milliseconds=1))

    assert later > first
    assert ulid_time(later) == NOV_23 + timedelta(milliseconds=1)


# handles: the few characters a person types ---------------------------------------------------
def test_a_handle_is_the_last_six_characters_of_the_id() -> None:
    ulid = new_ulid(datetime(2026, 11, 23, tzinfo=UTC), bytes(range(10)))

    assert handles([ulid]) == [ulid[-HANDLE_LENGTH:]] and HANDLE_LENGTH == 6


def test_the_ids_of_one_import_differ_in_their_handles_though_they_share_their_day() -> None:
    ids = keyed_ulids(["2026-11-23"] * 3000, [f"fp:2026-11-23:{n}" for n in range(3000)])
    assert len({i[:10] for i in ids}) == 1 and all(is_ulid(i) for i in ids)

    shown = handles(ids)

    assert len(set(shown)) == len(ids)
    assert all(len(h) == 6 and i.endswith(h) for i, h in zip(ids, shown, strict=True))


@given(st.lists(st.binary(min_size=10, max_size=10), min_size=1, max_size=60))
def test_each_handle_points_at_its_own_id_alone(randomness: list[bytes]) -> None:
    made = datetime(2026, 11, 23, tzinfo=UTC)
    # few distinct tails, so handles must grow past six characters to stay apart
    ids = sorted({new_ulid(made, r[:6] + bytes(4)) for r in randomness})

    for ulid, handle in zip(ids, handles(ids), strict=True):
        assert len(handle) >= HANDLE_LENGTH
        others = [i for i in ids if i != ulid]
        assert ulid.endswith(handle)
        assert not any(i.endswith(handle) or i.startswith(handle) for i in others)
