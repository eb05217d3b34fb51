"""Snapshots contract (memory and S3 on moto), and the snapshot format read back as written."""

from __future__ import annotations

import gzip
import io
import tempfile
from collections.abc import Iterator

import pytest

from sbp.core.errors import NotFound
from sbp.core.sync.codec import expense_fields
from sbp.core.sync.local import versions_of
from sbp.core.sync.ports import Snapshots
from sbp.core.sync.records import DELETED, Change, Kind, Stamped, stamp_all
from sbp.core.sync.snapshot import (
    SnapshotDamaged,
    SnapshotHeader,
    read_snapshot,
    record_line,
    write_snapshot,
)
from sbp.store.memory_snapshots import MemorySnapshots
from tests.contract.conftest import ExpenseMaker
from tests.moto_resources import BUCKET, REGION, create_bucket

USER = "01KAUSER00000000000000000A"
BASE = "1790000000000-0000-laptop0000000000"
LATER = "1790000000001-0000-phone00000000000"


@pytest.fixture(params=["memory", "s3"])
def snapshots(request: pytest.FixtureRequest) -> Iterator[Snapshots]:
    if request.param == "memory":
        yield MemorySnapshots(USER)
        return
    from moto import mock_aws

    from sbp.cloud.clients import aws_client
    from sbp.cloud.snapshots import S3Snapshots

    with mock_aws():
        s3 = aws_client("s3", region=REGION)
        create_bucket(s3)
        yield S3Snapshots(USER, BUCKET, s3)


def written(records: list[Change], base: str = BASE, seq: int = 7) -> bytes:
    target = io.BytesIO()
    lines = (
        record_line(r.kind, r.key, {n: s.value for n, s in r.fields.items()}, versions_of(r), base)
        for r in records
    )
    write_snapshot(target, SnapshotHeader(seq, base), lines)
    return target.getvalue()


def test_a_snapshot_reads_back_every_record_with_its_versions(make_expense: ExpenseMaker) -> None:
    plain = stamp_all(Kind.EXPENSE, "E1", expense_fields(make_expense()), BASE)
    edited = Change(Kind.EXPENSE, "E2", {**plain.fields, "note": Stamped("with Sam", LATER)})
    tombstone = stamp_all(Kind.BUDGET, "coffee#*", {DELETED: True}, LATER)

    header, records = read_snapshot(io.BytesIO(written([plain, edited, tombstone])))

    assert header == SnapshotHeader(7, BASE)
    assert list(records) == [plain, edited, tombstone]


def test_a_record_at_the_base_version_carries_no_versions() -> None:
    line = record_line(Kind.RULE, "R1", {"pattern": "x"}, {"": BASE}, BASE)

    assert line == b'["rul","R1",{"pattern":"x"},null]\n'


@pytest.mark.parametrize(
    "damage", [b"not gzip", gzip.compress(b'{"format": "other"}\n'), gzip.compress(b"[1,2]\n")]
)
def test_bytes_that_are_no_snapshot_are_said_to_be_damaged(damage: bytes) -> None:
    with pytest.raises(SnapshotDamaged):
        _, records = read_snapshot(io.BytesIO(damage))
        list(records)


def test_a_snapshot_kept_is_given_back_byte_for_byte(
    snapshots: Snapshots, make_expense: ExpenseMaker
) -> None:
    body = written([stamp_all(Kind.EXPENSE, f"E{n}", expense_fields(make_expense()), BASE)
                    for n in range(50)])  # fmt: skip
    snapshots.upload("S1", io.BytesIO(body))

    with tempfile.TemporaryFile() as target:
        snapshots.download("S1", target)
        target.seek(0)
        assert target.read() == body


def test_an_unknown_snapshot_is_not_found(snapshots: Snapshots) -> None:
    with pytest.raises(NotFound, match="snapshot S9"):
        snapshots.download("S9", io.BytesIO())


def _keep_receipt(snapshots: Snapshots, key: str, data: bytes) -> None:
    """Put a receipt where the gateway's presigned POST puts it (behind the port's back)."""
    if isinstance(snapshots, MemorySnapshots):
        snapshots.receipts[key] = data
    else:
        snapshots.client.put_object(Bucket=BUCKET, Key=key, Body=data)  # type: ignore[attr-defined]


def _receipts(snapshots: Snapshots) -> set[str]:
    if isinstance(snapshots, MemorySnapshots):
        return set(snapshots.receipts)
    listed = snapshots.client.list_objects_v2(Bucket=BUCKET)  # type: ignore[attr-defined]
    return {found["Key"] for found in listed.get("Contents", [])}


def test_a_receipt_deleted_is_gone_and_deleting_it_again_is_fine(snapshots: Snapshots) -> None:
    mine, other = f"receipts/{USER}/E1.jpg", f"receipts/{USER}/E2.pdf"
    _keep_receipt(snapshots, mine, b"\xff\xd8\xff photo")
    _keep_receipt(snapshots, other, b"%PDF-1.4 scan")

    snapshots.delete_receipt(mine)
    snapshots.delete_receipt(mine)  # a retried purge, or another device purging at once

    assert _receipts(snapshots) == {other}


@pytest.mark.parametrize(
    "key",
    ["receipts/01KAUSER00000000000000000B/E1.jpg", f"reports/{USER}/r.pdf", f"snapshots/{USER}/S1"],
)
def test_only_the_users_own_receipts_can_be_deleted(snapshots: Snapshots, key: str) -> None:
    _keep_receipt(snapshots, key, b"\xff\xd8\xff not theirs")

    with pytest.raises(ValueError, match="not one of this user's receipts"):
        snapshots.delete_receipt(key)
    assert key in _receipts(snapshots)
