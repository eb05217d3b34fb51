"""Clocks: a device whose clock runs far ahead waits (nothing pushed, told why), and once its
clock is right its edits are stamped at the true time, so it does not win later conflicts; a
change stamped far in the future is refused and the cursor stops before it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from sbp.core.sync.hlc import ClockSkew, HybridClock, epoch_millis
from sbp.core.sync.records import Kind, stamp_all
from sbp.store.memory_replica import MemoryReplica
from tests.sync.conftest import MakeDevice
from tests.sync.devices import World, seen_by_both


def test_a_device_an_hour_ahead_waits_then_does_not_win_later_edits(
    device: MakeDevice, world: World
) -> None:
    laptop, phone = device("laptop"), device("phone")
    added = seen_by_both(laptop, phone, "4.50", "Blue Bottle")
    head = laptop.replica.head()

    laptop.clock.offset = timedelta(hours=1)
    laptop.planner.edit_expense(added.id, note="typed while an hour ahead")
    with pytest.raises(ClockSkew, match="60 minutes ahead of the cloud's: sync waits"):
        laptop.sync()
    assert laptop.replica.head() == head and laptop.ledger.outbox_size() == 1
    assert laptop.ledger.sync_state().last_error is not None

    laptop.clock.offset = timedelta()  # the clock is put right
    world.advance(seconds=2)
    laptop.sync()  # pushed now, stamped at the true time
    world.advance(seconds=2)
    phone.planner.edit_expense(added.id, note="typed later on the phone")
    phone.sync()
    laptop.sync()

    for one in (laptop, phone):
        assert one.planner.show(added.id).note == "typed later on the phone"
    world.advance(seconds=2)
    laptop.planner.edit_expense(added.id, note="and later still on the laptop")
    laptop.sync()
    phone.sync()
    assert phone.planner.show(added.id).note == "and later still on the laptop"
    assert laptop.state() == phone.state()


def test_a_machine_whose_clock_is_behind_is_told_so(device: MakeDevice) -> None:
    laptop = device("laptop")
    laptop.clock.offset = -timedelta(minutes=30)

    with pytest.raises(ClockSkew, match="30 minutes behind the cloud's"):
        laptop.sync()


def test_a_change_stamped_far_ahead_is_refused_and_the_cursor_stops_before_it(
    device: MakeDevice, world: World
) -> None:
    laptop, phone = device("laptop"), device("phone")
    laptop.sync()
    phone.sync()
    laptop.planner.add_expense("4.50", "Blue Bottle")
    laptop.sync()
    ahead = HybridClock("rogue00000000000").stamp(epoch_millis(world.instant) + 3_600_000)
    budget = {"category": "coffee", "limit": 100, "currency": "USD", "deleted": False}
    rogue = stamp_all(Kind.BUDGET, "coffee#*", budget, ahead)
    laptop.replica.commit([rogue], "rogue00000000000", world.instant.isoformat())

    with pytest.raises(ClockSkew, match="stamped 60 minutes ahead"):
        phone.sync()

    assert phone.ledger.sync_state().cursor == laptop.replica.head() - 1
    assert phone.planner.budgets() == []
    assert len(phone.export()["expenses"]) == 1  # what came before it was applied


# the cloud on moto tells the real time, which a test cannot move: memory only
@pytest.mark.parametrize("cloud", ["memory"], indirect=True)
def test_the_clock_catches_up_with_a_far_change_once_real_time_has(
    device: MakeDevice, world: World, replica: MemoryReplica
) -> None:
    phone = device("phone")
    phone.sync()
    ahead = HybridClock("rogue00000000000").stamp(epoch_millis(world.instant) + 3_600_000)
    rogue = stamp_all(Kind.SETTING, "base_currency", {"value": "USD"}, ahead)
    replica.commit([rogue], "rogue00000000000", world.instant.isoformat())
    with pytest.raises(ClockSkew):
        phone.sync()

    world.advance(hours=1)

    phone.sync()
    assert phone.ledger.setting("base_currency") == "USD"
