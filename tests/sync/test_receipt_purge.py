"""A removed expense's receipt leaves the cloud when the sync's housekeeping purges its tombstone,
and not before: an undo on any device can bring the expense back until then. Over memory, and
DynamoDB and S3 on moto in this process.

The purge waits for entries 30 days old; the device's housekeeping is called here with a later
`now` (moto's DynamoDB answers with the real time, which a test cannot move).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from sbp.core.errors import CloudUnavailable
from sbp.core.model import CategorySource, Expense
from sbp.core.ports import Ledger
from sbp.core.receipts import PNG, Receipt
from sbp.core.sync.codec import expense_record
from sbp.core.sync.ports import Snapshots
from sbp.store.memory_replica import MemoryReplica
from sbp.store.memory_snapshots import MemorySnapshots
from sbp.store.sqlite import SqliteLedger
from sbp.sync import housekeeping, receipt_purge
from tests.moto_resources import BUCKET
from tests.sync.conftest import MakeDevice
from tests.sync.devices import USER, Device, World

PHOTO = Receipt(b"\x89PNG\r\n\x1a\n" + bytes(range(64)), PNG)


@pytest.fixture(autouse=True)
def short_log(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(housekeeping, "SNAPSHOT_AFTER", 3)
    monkeypatch.setattr(housekeeping, "PURGE_AFTER", 2)


class Bucket:
    """The user's receipts as the gateway's presigned POST stores them (`receipts/<user>/<id>`),
    in the same bucket (or memory) the sync's port deletes from."""

    def __init__(self, snapshots: Snapshots) -> None:
        self.snapshots = snapshots

    def put(self, expense_id: str, receipt: Receipt) -> str:
        key = f"receipts/{USER}/{expense_id}.{receipt.kind.extension}"
        if isinstance(self.snapshots, MemorySnapshots):
            self.snapshots.receipts[key] = receipt.data
        else:
            self.snapshots.client.put_object(Bucket=BUCKET, Key=key, Body=receipt.data)  # type: ignore[attr-defined]
        return key

    def get(self, key: str, expense_id: str) -> bytes:
        raise NotImplementedError

    def keys(self) -> set[str]:
        if isinstance(self.snapshots, MemorySnapshots):
            return set(self.snapshots.receipts)
        listed = self.snapshots.client.list_objects_v2(Bucket=BUCKET, Prefix="receipts/")  # type: ignore[attr-defined]
        return {found["Key"] for found in listed.get("Contents", [])}


def with_receipt(device: Device, bucket: Bucket, description: str) -> tuple[str, str]:
    """An expense with a receipt in the cloud; its id and the receipt's key."""
    added = device.planner.add_expense("12", description, category="dining").expense
    attached = device.planner.attach_receipt(added.id, PHOTO, bucket)
    assert attached.receipt_key is not None
    return added.id, attached.receipt_key


def busy(device: Device, count: int = 4) -> None:
    """Enough log entries for a snapshot and a purge to be due; synced."""
    for n in range(count):
        device.planner.add_expense("1.00", f"filler {n}")
        device.sync()


def removed(device: Device, expense_id: str) -> None:
    """Sync the expense, remove it, and log enough after it for a purge to be due."""
    device.sync()
    device.planner.remove_expense(expense_id)
    device.sync()
    busy(device)


def tidy(device: Device, world: World, days: float) -> list[str]:
    """The device's housekeeping as it runs after a sync, `days` from now."""
    replica, now = device.replica, world.instant + timedelta(days=days)
    return housekeeping.tidy(
        device.ledger, replica, device.snapshots, replica.meta(), now, device.kept
    )


@pytest.fixture
def bucket(snapshots: Snapshots) -> Bucket:
    return Bucket(snapshots)


def test_a_removed_expenses_receipt_goes_when_its_tombstone_is_purged_and_not_before(
    device: MakeDevice, world: World, bucket: Bucket
) -> None:
    laptop, phone = device("laptop"), device("phone")
    laptop.sync()
    gone, gone_key = with_receipt(laptop, bucket, "lunch removed")
    kept, kept_key = with_receipt(laptop, bucket, "dinner kept")
    laptop.sync()
    phone.sync()
    laptop.planner.remove_expense(gone)
    laptop.sync()
    busy(laptop)
    phone.sync()

    assert tidy(laptop, world, days=10) == []  # too young to purge: an undo may still come
    assert bucket.keys() == {gone_key, kept_key}

    notes = tidy(laptop, world, days=40)

    assert any(note.startswith("purged") for note in notes)
    assert "deleted 1 receipt of expenses removed for good from the cloud" in notes
    assert bucket.keys() == {kept_key}
    assert receipt_purge.pending(laptop.ledger) == []
    assert tidy(phone, world, days=41) == []  # nothing left to purge or delete
    assert phone.planner.show(kept).receipt_key == kept_key


def test_an_expense_undone_back_to_life_before_the_purge_keeps_its_receipt(
    device: MakeDevice, world: World, bucket: Bucket
) -> None:
    laptop, phone = device("laptop"), device("phone")
    laptop.sync()
    lunch, key = with_receipt(laptop, bucket, "lunch")
    laptop.sync()
    phone.sync()
    laptop.planner.remove_expense(lunch)
    laptop.sync()
    phone.sync()
    laptop.planner.undo()  # brings the lunch back, with its receipt key
    laptop.sync()
    busy(laptop)
    phone.sync()

    notes = tidy(laptop, world, days=40)

    assert any(note.startswith("purged") for note in notes)
    assert bucket.keys() == {key}
    assert phone.planner.show(lunch).receipt_key == key
    assert laptop.replica.record(*_expense(lunch)) is not None


def test_a_failed_deletion_does_not_fail_the_sync_and_is_tried_again_by_the_next(
    device: MakeDevice, world: World, bucket: Bucket, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop = device("laptop")
    laptop.sync()
    lunch, key = with_receipt(laptop, bucket, "lunch")
    removed(laptop, lunch)
    _fail_deletions(monkeypatch, laptop.snapshots)

    notes = tidy(laptop, world, days=40)

    assert "1 receipt of expenses removed for good wait to be deleted" in notes
    assert bucket.keys() == {key}
    assert receipt_purge.pending(laptop.ledger) == [receipt_purge.Doomed(lunch, key)]
    monkeypatch.undo()
    monkeypatch.setattr(housekeeping, "PURGE_AFTER", 2)

    report = laptop.sync()  # any later sync deletes what waits

    assert "deleted 1 receipt of expenses removed for good from the cloud" in report.notes
    assert bucket.keys() == set()
    assert receipt_purge.pending(laptop.ledger) == []


def test_a_receipt_already_gone_from_the_cloud_is_no_failure(
    device: MakeDevice, world: World, bucket: Bucket
) -> None:
    laptop = device("laptop")
    laptop.sync()
    lunch, key = with_receipt(laptop, bucket, "lunch")
    removed(laptop, lunch)
    laptop.snapshots.delete_receipt(key)  # another device purging at the same moment

    notes = tidy(laptop, world, days=40)

    assert "deleted 1 receipt of expenses removed for good from the cloud" in notes
    assert receipt_purge.pending(laptop.ledger) == []


def _expense(expense_id: str) -> tuple[object, str]:
    from sbp.core.sync.records import Kind

    return Kind.EXPENSE, expense_id


def _fail_deletions(monkeypatch: pytest.MonkeyPatch, snapshots: Snapshots) -> None:
    """Deleting fails as an S3 that refuses or cannot be reached does."""
    if isinstance(snapshots, MemorySnapshots):

        def refuse(key: str) -> None:
            raise CloudUnavailable("the cloud could not be reached")

        monkeypatch.setattr(snapshots, "delete_receipt", refuse)
        return
    from botocore.exceptions import ClientError

    def internal_error(**kwargs: object) -> None:
        raise ClientError({"Error": {"Code": "InternalError", "Message": "x"}}, "DeleteObject")

    monkeypatch.setattr(snapshots.client, "delete_object", internal_error)  # type: ignore[attr-defined]


def test_a_receipt_a_live_copy_of_the_bank_row_took_when_folded_stays(
    make_store: Callable[[], Ledger],
) -> None:
    """Folding gives the copy that stays the receipt of the copy that goes (its key names the
    copy removed): that copy's purge must not delete it."""
    ledger, replica, snapshots = make_store(), MemoryReplica(USER), MemorySnapshots(USER)
    key = f"receipts/{USER}/01KACOPYGONE00000000000000.png"
    snapshots.receipts[key] = PHOTO.data
    ledger.add(_expense_holding(key, "01KAKEEPER0000000000000000", "row-1"))
    receipt_purge.note(ledger, receipt_purge.Doomed("01KACOPYGONE00000000000000", key, "row-1"))

    assert receipt_purge.delete_pending(ledger, replica, snapshots) == (0, 0)
    assert set(snapshots.receipts) == {key} and receipt_purge.pending(ledger) == []

    ledger.remove("01KAKEEPER0000000000000000")  # the copy that stayed is gone too
    receipt_purge.note(ledger, receipt_purge.Doomed("01KACOPYGONE00000000000000", key, "row-1"))
    assert receipt_purge.delete_pending(ledger, replica, snapshots) == (1, 0)
    assert snapshots.receipts == {}


def test_a_receipt_whose_expense_is_live_in_the_cloud_again_stays(
    make_store: Callable[[], Ledger],
) -> None:
    ledger, replica, snapshots = make_store(), MemoryReplica(USER), MemorySnapshots(USER)
    lunch = _expense_holding(
        f"receipts/{USER}/01KALUNCH00000000000000000.png", "01KALUNCH00000000000000000", None
    )
    snapshots.receipts[lunch.receipt_key or ""] = PHOTO.data
    replica.commit([expense_record(lunch, "1790000000000-0000-laptop0000000000")], "laptop", "")
    receipt_purge.note(ledger, receipt_purge.Doomed(lunch.id, lunch.receipt_key or ""))

    assert receipt_purge.delete_pending(ledger, replica, snapshots) == (0, 0)
    assert set(snapshots.receipts) == {lunch.receipt_key}


@pytest.fixture
def make_store(tmp_path: Path) -> Iterator[Callable[[], Ledger]]:
    made: list[SqliteLedger] = []

    def make() -> Ledger:
        made.append(SqliteLedger(tmp_path / f"s{len(made)}.db"))
        return made[-1]

    yield make
    for one in made:
        one.close()


def _expense_holding(key: str, expense_id: str, row: str | None) -> Expense:
    made = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    return Expense(
        id=expense_id, date=made.date(), amount=Decimal("12.00"), currency="USD",
        description="lunch", category="dining", category_source=CategorySource.USER,
        created_at=made, updated_at=made, receipt_key=key, import_fingerprint=row,
    )  # fmt: skip
