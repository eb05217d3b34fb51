"""Keeping the log short: a device writes a fresh snapshot when the log since the last one is
long, and purges what every active device has pulled past (never below one that is active, never
newer than the minimum age); a device away longer is resynced from the snapshot and keeps its
own unsynced changes; deleted expenses do not come back."""

from __future__ import annotations

from datetime import timedelta

import pytest

from sbp.store.memory_replica import MemoryReplica
from sbp.sync import housekeeping
from tests.sync.conftest import MakeDevice
from tests.sync.devices import Device, World

# the purge waits for weeks of the world's time, which only the memory cloud lets a test move
pytestmark = pytest.mark.parametrize("cloud", ["memory"], indirect=True)


@pytest.fixture(autouse=True)
def short_log(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(housekeeping, "SNAPSHOT_AFTER", 5)
    monkeypatch.setattr(housekeeping, "PURGE_AFTER", 3)


def busy_days(laptop: Device, world: World, days: int) -> list[str]:
    """A day's expense and a deletion each day, synced; the ids of those left."""
    kept = []
    for day in range(days):
        world.advance(days=1)
        kept.append(laptop.planner.add_expense("3.00", f"day {day}").expense.id)
        gone = laptop.planner.add_expense("1.00", f"mistake {day}").expense.id
        laptop.planner.remove_expense(gone)
        laptop.sync()
    return kept


def test_a_device_away_longer_than_the_log_is_kept_resyncs_and_keeps_its_changes(
    device: MakeDevice, world: World, replica: MemoryReplica
) -> None:
    laptop, phone = device("laptop"), device("phone")
    laptop.sync()
    phone.sync()
    mine = phone.planner.add_expense("8.00", "made offline on the phone").expense

    busy_days(laptop, world, 100)  # the phone is away: after 90 days it no longer counts

    meta = replica.meta()
    assert meta.snapshot_seq > 0 and meta.purged_through > phone.ledger.sync_state().cursor
    report = phone.sync()

    assert any("resynced from the latest snapshot" in note for note in report.notes)
    laptop.sync()
    assert phone.state() == laptop.state()
    assert laptop.planner.show(mine.id).description == "made offline on the phone"
    texts = [row["description"] for row in laptop.export()["expenses"]]
    assert len(texts) == 101 and not [t for t in texts if t.startswith("mistake")]


def test_the_purge_waits_for_an_active_device_and_for_the_minimum_age(
    device: MakeDevice, world: World, replica: MemoryReplica
) -> None:
    laptop, phone = device("laptop"), device("phone")
    laptop.sync()
    phone.sync()
    busy_days(laptop, world, 10)  # ten days: the entries are younger than 30 days

    assert replica.meta().purged_through == 0
    world.advance(days=40)
    phone.sync()  # active, and level with the head now
    busy_days(laptop, world, 3)

    purged = replica.meta().purged_through
    assert 0 < purged <= phone.ledger.sync_state().cursor
    assert replica.entries_after(0)[0].seq == purged + 1
    phone.sync()
    assert phone.state() == laptop.state()


def test_a_new_device_starts_from_the_freshest_snapshot(
    device: MakeDevice, world: World, replica: MemoryReplica
) -> None:
    laptop = device("laptop")
    laptop.sync()
    busy_days(laptop, world, 12)
    assert replica.meta().snapshot_seq > 5

    phone = device("phone")
    report = phone.sync()

    assert phone.state() == laptop.state()
    assert report.pulled < 5  # only the entries after the snapshot were read
    assert world.instant - timedelta(days=12) < world.instant


def test_an_expense_deleted_while_a_device_was_away_is_gone_from_it_after_the_resync(
    device: MakeDevice, world: World, replica: MemoryReplica
) -> None:
    laptop, phone = device("laptop"), device("phone")
    laptop.sync()
    shared = laptop.planner.add_expense("5.00", "lunch both devices saw").expense

    edited = laptop.planner.add_expense("6.00", "dinner both devices saw").expense
    laptop.sync()
    phone.sync()

    laptop.planner.remove_expense(shared.id)
    laptop.planner.remove_expense(edited.id)
    laptop.sync()
    phone.planner.edit_expense(edited.id, note="edited on the phone while away")
    busy_days(laptop, world, 100)  # the tombstones are purged while the phone is away

    phone.sync()
    laptop.sync()

    assert phone.state() == laptop.state()  # a deletion beats an edit, as before the purge
    gone = {shared.id, edited.id} & {row["id"] for row in phone.export()["expenses"]}
    assert not gone
