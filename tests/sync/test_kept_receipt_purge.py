"""A device lets go of the receipt it kept in its data folder for an expense gone for good: when
its own housekeeping purges the tombstone, or when a resync finds the cloud purged it. A file
another live expense holds (the same photo attached twice, kept once) stays, and so does one of
an expense this device brought back."""

from __future__ import annotations

from pathlib import Path

import pytest

from sbp.cloud.local_receipts import LocalReceipts
from sbp.core.receipts import PNG, Receipt
from sbp.store.memory_replica import MemoryReplica
from sbp.sync import housekeeping
from tests.sync.conftest import MakeDevice
from tests.sync.devices import Device, World
from tests.sync.test_receipt_purge import removed, tidy

PHOTO = Receipt(b"\x89PNG\r\n\x1a\n" + bytes(range(64)), PNG)
OTHER = Receipt(b"\x89PNG\r\n\x1a\n" + bytes(range(64, 128)), PNG)


@pytest.fixture(autouse=True)
def short_log(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(housekeeping, "SNAPSHOT_AFTER", 3)
    monkeypatch.setattr(housekeeping, "PURGE_AFTER", 2)


def files(device: Device) -> set[str]:
    """The receipt files kept in the device's data folder."""
    return {p.name for p in device.kept.folder.rglob("*") if p.is_file()}


def kept_with(device: Device, receipt: Receipt, description: str) -> tuple[str, str]:
    """An expense with `receipt` kept on the device; its id and the file's name."""
    added = device.planner.add_expense("12", description, category="dining").expense
    key = device.planner.attach_receipt(added.id, receipt, device.kept).receipt_key or ""
    return added.id, device.kept.path_of(key).name


def test_the_purging_device_removes_the_file_after_the_purge_and_not_before(
    device: MakeDevice, world: World
) -> None:
    laptop = device("laptop")
    laptop.sync()
    gone, gone_file = kept_with(laptop, PHOTO, "lunch removed")
    _, kept_file = kept_with(laptop, OTHER, "dinner kept")
    removed(laptop, gone)

    tidy(laptop, world, days=10)
    assert files(laptop) == {gone_file, kept_file}  # an undo may still bring the lunch back

    notes = tidy(laptop, world, days=40)

    assert any(note.startswith("purged") for note in notes)
    assert files(laptop) == {kept_file}


def test_a_file_shared_by_content_with_a_live_expense_stays(
    device: MakeDevice, world: World
) -> None:
    laptop = device("laptop")
    laptop.sync()
    gone, shared = kept_with(laptop, PHOTO, "lunch removed")
    live, same = kept_with(laptop, PHOTO, "the same photo, kept")
    removed(laptop, gone)

    notes = tidy(laptop, world, days=40)

    assert any(note.startswith("purged") for note in notes) and shared == same
    assert files(laptop) == {shared}
    assert laptop.kept.get(laptop.planner.show(live).receipt_key or "", live) == PHOTO.data


@pytest.mark.parametrize("cloud", ["memory"], indirect=True)
def test_a_device_resynced_after_the_purge_removes_the_file_of_an_expense_purged_meanwhile(
    device: MakeDevice, world: World, replica: MemoryReplica
) -> None:
    laptop, phone = device("laptop"), device("phone")
    laptop.sync()
    phone.sync()
    gone, gone_file = kept_with(phone, PHOTO, "lunch, removed on the laptop")
    kept, kept_file = kept_with(phone, OTHER, "dinner")
    phone.sync()
    laptop.sync()
    laptop.planner.remove_expense(gone)
    laptop.sync()
    for _ in range(100):  # the phone is away longer than the log is kept
        world.advance(days=1)
        laptop.planner.add_expense("3.00", "a day")
        laptop.sync()
    assert replica.meta().purged_through > phone.ledger.sync_state().cursor
    assert files(phone) == {gone_file, kept_file}

    report = phone.sync()

    assert any("resynced" in note for note in report.notes)
    assert files(phone) == {kept_file}
    assert phone.planner.show(kept).receipt_key is not None


def test_a_file_claimed_while_it_is_being_let_go_stays(tmp_path: Path) -> None:
    kept = LocalReceipts(tmp_path)
    key = kept.put("01KAEXPENSEGONE00000000000", PHOTO)
    claimed = []
    real = kept._claimed

    def claim_meanwhile(marker: str) -> bool:  # another `sbp add` puts the same photo
        if not claimed:
            claimed.append(kept.put("01KAEXPENSENEW000000000000", PHOTO))
            return False
        return real(marker)

    kept._claimed = claim_meanwhile  # type: ignore[method-assign]

    assert kept.forget("01KAEXPENSEGONE00000000000") == 0
    assert kept.get(key, "01KAEXPENSENEW000000000000") == PHOTO.data


def test_forgetting_an_expense_twice_or_one_never_seen_is_harmless(tmp_path: Path) -> None:
    kept = LocalReceipts(tmp_path)
    key = kept.put("01KAEXPENSEGONE00000000000", PHOTO)

    assert kept.forget("01KAEXPENSEGONE00000000000") == 1
    assert kept.forget("01KAEXPENSEGONE00000000000") == 0
    assert kept.forget("01KANEVERSEEN0000000000000") == 0
    assert not kept.path_of(key).exists()
