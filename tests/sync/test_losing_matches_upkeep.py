"""Two bank rows matched to one expense typed by hand, where the log is kept short: a device
away longer than the log resyncs with both rows, a new device joining from a snapshot gets the
row brought back, and the limit left (a copy folded longer ago than tombstones are kept)."""

from __future__ import annotations

import pytest

from sbp.store.memory_replica import MemoryReplica
from sbp.sync import housekeeping
from tests.sync.conftest import MakeDevice
from tests.sync.devices import Device, World
from tests.sync.test_bank_row_copies import converged, signed_in
from tests.sync.test_log_upkeep import busy_days
from tests.sync.test_losing_matches import CARD, CHECKING, coffees, imported, typed_and_seen_by

# the purge waits for weeks of the world's time, which only the memory cloud lets a test move
pytestmark = pytest.mark.parametrize("cloud", ["memory"], indirect=True)


@pytest.fixture(autouse=True)
def short_log(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(housekeeping, "SNAPSHOT_AFTER", 5)
    monkeypatch.setattr(housekeeping, "PURGE_AFTER", 3)


def both(device: Device) -> list[str]:
    return sorted(text for _, text, _ in coffees(device))


def test_a_device_away_longer_than_the_log_with_the_other_row_resyncs_with_both(
    device: MakeDevice, world: World, replica: MemoryReplica
) -> None:
    laptop, phone = signed_in(device, "laptop", "phone")
    typed_and_seen_by(laptop)
    imported(phone, CARD)  # offline, before it pulled the coffee: added
    imported(laptop, CHECKING)  # matched to the coffee, linked
    laptop.sync()
    busy_days(laptop, world, 100)
    assert replica.meta().purged_through > phone.ledger.sync_state().cursor

    assert any("resynced" in note for note in phone.sync().notes)

    converged(laptop, phone)
    assert both(phone) == ["COFFEE SHOP 1234", "coffee shop"]


def test_a_new_device_joining_from_a_snapshot_after_the_row_came_back_holds_both(
    device: MakeDevice, world: World, replica: MemoryReplica
) -> None:
    laptop, phone = signed_in(device, "laptop", "phone")
    typed_and_seen_by(laptop)
    assert len(imported(laptop, CHECKING).possible) == 1
    imported(phone, CARD)
    phone.sync()  # folds its card row under its own match
    laptop.sync()  # the laptop's match stands: the card row comes back
    busy_days(laptop, world, 12)
    assert replica.meta().snapshot_seq > 0

    tablet = device("tablet")
    tablet.sync()

    converged(laptop, phone, tablet)
    assert both(tablet) == ["COFFEE SHOP 1234", "coffee shop"]


@pytest.mark.xfail(strict=True, reason="a folded copy's tombstone purged: nothing to bring back")
def test_a_match_that_outvotes_another_after_its_fold_was_purged_cannot_bring_the_row_back(
    device: MakeDevice, world: World
) -> None:
    laptop, phone = signed_in(device, "laptop", "phone")
    typed_and_seen_by(laptop)
    imported(laptop, CHECKING)  # matched and linked, then away for long
    imported(phone, CARD)
    phone.sync()  # folds its card row under its own match, which stands for 100 days
    busy_days(phone, world, 100)

    laptop.sync()

    converged(laptop, phone)
    assert both(phone) == ["COFFEE SHOP 1234", "coffee shop"]
