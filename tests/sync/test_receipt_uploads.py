"""Receipts kept on a device (attached signed out, or while the cloud was out of reach) go up
once the device is signed in: each exactly once, its new key an ordinary synced edit that
reaches the other devices; a failure leaves it on the device, and `sbp undo` is not fooled."""

from __future__ import annotations

from pathlib import Path

import pytest

from sbp.cloud.local_receipts import LocalReceipts
from sbp.core.errors import CloudUnavailable
from sbp.core.receipts import PDF, PNG, Receipt, is_local
from tests.sync.conftest import MakeDevice
from tests.sync.devices import USER, Device

pytestmark = pytest.mark.parametrize("cloud", ["memory"], indirect=True)

PHOTO = Receipt(b"\x89PNG\r\n\x1a\n" + bytes(range(256)), PNG)
SCAN = Receipt(b"%PDF-1.4\n% a scan\n%%EOF\n", PDF)


class Bucket:
    """The user's receipts in the cloud as the planner sees them (the gateway's presigned POST
    and GET are driven for real in tests/e2e): every upload is counted."""

    def __init__(self) -> None:
        self.objects: dict[str, bytes] = {}
        self.uploads: list[str] = []
        self.reachable = True

    def put(self, expense_id: str, receipt: Receipt) -> str:
        if not self.reachable:
            raise CloudUnavailable("the gateway could not be reached")
        key = f"receipts/{USER}/{expense_id}.{receipt.kind.extension}"
        self.objects[key] = receipt.data
        self.uploads.append(expense_id)
        return key

    def get(self, key: str, expense_id: str) -> bytes:
        return self.objects[key]


def kept_on(device: Device, receipt: Receipt, description: str) -> tuple[str, LocalReceipts]:
    """An expense with `receipt` kept in the device's data folder; its id."""
    local = LocalReceipts(device.folder)
    added = device.planner.add_expense("12", description, category="dining")
    device.planner.attach_receipt(added.expense.id, receipt, local)
    return added.expense.id, local


def test_a_kept_receipt_goes_up_once_and_its_key_reaches_the_other_device(
    device: MakeDevice,
) -> None:
    laptop, phone = device("laptop"), device("phone")
    laptop.sync()
    phone.sync()
    lunch, local = kept_on(laptop, PHOTO, "lunch")
    laptop.sync()
    bucket = Bucket()

    done = laptop.planner.upload_receipts(local, bucket)
    again = laptop.planner.upload_receipts(local, bucket)

    assert done.uploaded == (lunch,) and not done.failed and again.uploaded == ()
    assert bucket.uploads == [lunch]
    key = laptop.planner.show(lunch).receipt_key
    assert key == f"receipts/{USER}/{lunch}.png" and bucket.objects[key] == PHOTO.data
    assert laptop.planner.unsynced() == 1  # the new key, waiting for the next push
    laptop.sync()
    phone.sync()
    assert phone.planner.show(lunch).receipt_key == key
    assert laptop.ledger.local_receipts(10) == []


def test_out_of_reach_every_receipt_stays_on_the_device_and_nothing_is_recorded(
    device: MakeDevice,
) -> None:
    laptop = device("laptop")
    laptop.sync()
    first, local = kept_on(laptop, PHOTO, "lunch")
    second, _ = kept_on(laptop, SCAN, "taxi")
    laptop.sync()
    bucket = Bucket()
    bucket.reachable = False

    done = laptop.planner.upload_receipts(local, bucket)

    assert done.uploaded == () and done.left == 1
    assert done.failed == ((first, "the gateway could not be reached"),)
    assert all(is_local(laptop.planner.show(i).receipt_key or "") for i in (first, second))
    assert laptop.planner.unsynced() == 0
    bucket.reachable = True
    assert set(laptop.planner.upload_receipts(local, bucket).uploaded) == {first, second}


def test_a_receipt_whose_file_is_gone_is_named_and_the_others_still_go_up(
    device: MakeDevice,
) -> None:
    laptop = device("laptop")
    lost, local = kept_on(laptop, PHOTO, "lunch")
    kept, _ = kept_on(laptop, SCAN, "taxi")
    local.path_of(laptop.planner.show(lost).receipt_key or "").unlink()

    done = laptop.planner.upload_receipts(local, Bucket())

    assert done.uploaded == (kept,)
    assert [i for i, _ in done.failed] == [lost] and "is not in" in done.failed[0][1]
    assert is_local(laptop.planner.show(lost).receipt_key or "")


def test_an_expense_removed_while_its_receipt_uploads_is_not_brought_back(
    device: MakeDevice,
) -> None:
    laptop = device("laptop")
    _, local = kept_on(laptop, PHOTO, "lunch")
    bucket = Bucket()
    upload = bucket.put

    def removed_meanwhile(expense_id: str, receipt: Receipt) -> str:
        laptop.planner.remove_expense(expense_id)
        return upload(expense_id, receipt)

    bucket.put = removed_meanwhile  # type: ignore[method-assign]
    done = laptop.planner.upload_receipts(local, bucket)

    assert done.uploaded == () and laptop.planner.list_expenses() == []


def test_undo_still_takes_back_the_add_after_its_receipt_went_up(
    device: MakeDevice, tmp_path: Path
) -> None:
    laptop = device("laptop")
    local = LocalReceipts(tmp_path)
    laptop.planner.add_expense(
        "12", "lunch", receipt=lambda expense_id: local.put(expense_id, PHOTO)
    )
    assert laptop.planner.upload_receipts(local, Bucket()).uploaded

    undone = laptop.planner.undo()

    assert undone.undone.summary.startswith("added") and not undone.skipped
    assert laptop.planner.list_expenses() == []
