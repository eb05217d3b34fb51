"""The first sync: a store with data uploads it once (with consent), into an empty replica as a
load with a snapshot, into one that holds data as ordinary merges; a new device starts from the
snapshot; an interrupted upload resumes; another account's store and another currency are
refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sbp.core.errors import UploadInProgress
from sbp.core.periods import Month
from sbp.core.sync.ports import SyncReplica
from sbp.core.sync.records import Kind
from sbp.store.memory_replica import MemoryReplica
from sbp.sync import upload as upload_module
from sbp.sync.engine import CurrencyMismatch, OtherAccount, UploadNeeded
from tests.sync.conftest import MakeDevice
from tests.sync.devices import World


def fill(device_planner: object, count: int) -> None:
    planner = device_planner
    for n in range(count):
        planner.add_expense(f"{n + 1}.25", f"shop {n}", on=f"2026-11-{n % 20 + 1:02d}")  # type: ignore[attr-defined]


def test_a_store_with_data_waits_for_consent_then_loads_the_empty_replica(
    device: MakeDevice, replica: SyncReplica
) -> None:
    laptop = device("laptop")
    fill(laptop.planner, 30)
    laptop.planner.set_budget("shop", "100")
    laptop.planner.add_rule("shop", "shopping")

    with pytest.raises(UploadNeeded, match="holds 33 records"):
        laptop.sync()
    assert replica.head() == 0 and laptop.ledger.outbox_size() == 0

    report = laptop.sync(upload=True)

    assert report.uploaded == 33
    meta = replica.meta()
    assert (meta.head, meta.loading, meta.snapshot_seq) == (2, None, 2)
    assert laptop.ledger.sync_state().cursor == 2
    assert len(replica.month_expenses(Month(2026, 11))) == 30


def test_a_new_device_starts_from_the_snapshot_and_then_the_log(
    device: MakeDevice, replica: SyncReplica
) -> None:
    laptop = device("laptop")
    fill(laptop.planner, 25)
    laptop.planner.set_budget("shop", "100")
    laptop.sync(upload=True)
    later = laptop.planner.add_expense("9.99", "after the upload").expense
    laptop.sync()

    phone = device("phone")
    report = phone.sync()

    assert phone.state() == laptop.state()
    assert phone.planner.show(later.id) == later
    assert report.pulled == 1  # only the entry after the snapshot was read from the log
    assert phone.ledger.sync_state().base_version == laptop.ledger.sync_state().base_version


def test_writes_made_during_the_upload_are_pushed_after_it(
    device: MakeDevice, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, phone = device("laptop"), device("phone")
    fill(laptop.planner, 5)
    made: list[str] = []
    real = upload_module.Upload._mark

    def write_meanwhile(self: object, plan: dict[str, object], last: object) -> None:
        if not made:
            made.append(laptop.planner.add_expense("1.00", "meanwhile").expense.id)
        real(self, plan, last)  # type: ignore[arg-type]

    monkeypatch.setattr(upload_module.Upload, "_mark", write_meanwhile)
    laptop.sync(upload=True)
    phone.sync()

    assert phone.planner.show(made[0]).description == "meanwhile"
    assert phone.state() == laptop.state()


def test_an_interrupted_upload_resumes_where_it_stopped_and_nobody_writes_meanwhile(
    device: MakeDevice, replica: SyncReplica, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, phone = device("laptop"), device("phone")
    fill(laptop.planner, 2500)
    sent: list[int] = []
    real = replica.load_records

    def fail_once_on_the_third(records: list[object]) -> None:
        sent.append(len(records))
        if len(sent) == 3:
            raise OSError("the network went away")
        real(records)  # type: ignore[arg-type]

    monkeypatch.setattr(replica, "load_records", fail_once_on_the_third)
    with pytest.raises(OSError):
        laptop.sync(upload=True)
    phone.planner.add_expense("1", "phone's")
    with pytest.raises(UploadInProgress):
        phone.sync(upload=True)

    laptop.sync()

    # the setting, two pages of expenses, the page that failed, then only what was left
    assert sent == [1, 1000, 1000, 1000, 500]
    assert replica.meta().loading is None
    phone.sync(upload=True)
    laptop.sync()
    assert phone.state() == laptop.state()
    assert len(phone.export()["expenses"]) == 2501


def test_a_store_that_lost_the_race_to_load_the_empty_replica_merges_into_it(
    device: MakeDevice, replica: SyncReplica, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both found the replica empty and planned a load; the laptop's began first. The desktop's
    upload then merges, on this sync and not only after a resync."""
    laptop, desktop = device("laptop"), device("desktop")
    fill(laptop.planner, 3)
    fill(desktop.planner, 4)
    real = replica.begin_load
    raced: list[bool] = []

    def laptop_first(load_id: str, origin: str, at: str) -> None:
        if not raced:
            raced.append(True)
            laptop.sync(upload=True)
        real(load_id, origin, at)

    monkeypatch.setattr(replica, "begin_load", laptop_first)
    report = desktop.sync(upload=True)
    laptop.sync()

    assert raced and report.uploaded == 5
    assert desktop.state() == laptop.state()
    assert len(laptop.export()["expenses"]) == 7
    assert desktop.sync().pushed == 0 and desktop.ledger.sync_state().upload is None


def test_a_store_with_data_joining_a_replica_with_data_merges_into_it(
    device: MakeDevice, world: World
) -> None:
    laptop, desktop = device("laptop"), device("desktop")
    laptop.planner.add_expense("4.50", "Blue Bottle", category="coffee")
    laptop.planner.set_budget("coffee", "60")
    laptop.sync(upload=True)
    world.advance(seconds=1)
    desktop.planner.add_expense("12.00", "Lidl", category="groceries")
    desktop.planner.set_budget("coffee", "80")

    desktop.sync(upload=True)
    laptop.sync()

    assert desktop.state() == laptop.state()
    assert len(laptop.export()["expenses"]) == 2
    assert {b.category: b.limit for b in laptop.planner.budgets()} == {"coffee": Decimal("80.00")}


def test_a_store_of_another_account_is_refused(device: MakeDevice, world: World) -> None:
    laptop = device("laptop")
    laptop.sync()
    laptop.replica = MemoryReplica("01KAOTHER0000000000000000B", server_clock=world.millis)

    with pytest.raises(OtherAccount, match="another account"):
        laptop.sync()


def test_a_store_in_another_currency_is_refused_and_pushes_nothing(
    device: MakeDevice, replica: SyncReplica
) -> None:
    laptop, travel = device("laptop"), device("travel")
    laptop.planner.add_expense("4.50", "Blue Bottle")
    laptop.sync(upload=True)
    head = replica.head()
    travel.ledger.set_setting("base_currency", "EUR")
    travel.planner.add_expense("3.00", "Croissant")

    with pytest.raises(CurrencyMismatch, match="keeps its money in EUR, but your other"):
        travel.sync(upload=True)

    assert replica.head() == head
    assert replica.record(Kind.EXPENSE, travel.export()["expenses"][0]["id"]) is None
    assert travel.ledger.sync_state().last_error is not None
