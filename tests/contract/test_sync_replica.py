"""SyncReplica contract: a first upload that shuts out every other writer until it ends, the
newest snapshot, devices' cursors and the purge, over memory and DynamoDB on moto."""

from __future__ import annotations

import time

import pytest

from sbp.core.errors import Conflict, UploadInProgress
from sbp.core.sync.codec import expense_of, expense_record, expense_removal
from sbp.core.sync.ports import DeviceCursor, ReplicaMeta, SyncReplica
from sbp.core.sync.records import Change, Kind, stamp_all
from tests.contract.conftest import NOW, ExpenseMaker

AT = NOW.isoformat()
T0 = 1_790_000_000_000


def version(ms: int, node: str = "laptop0000000000") -> str:
    return f"{ms:013d}-0000-{node}"


def test_an_empty_replica_has_a_bare_head(sync_replica: SyncReplica) -> None:
    assert sync_replica.meta()._replace(server_ms=None) == ReplicaMeta(0)


def test_a_first_upload_shuts_out_other_writers_until_it_ends(
    sync_replica: SyncReplica, make_expense: ExpenseMaker
) -> None:
    expenses = [make_expense() for _ in range(30)]  # more than one BatchWriteItem takes
    records = [expense_record(e, version(T0)) for e in expenses]

    sync_replica.begin_load("LOAD1", "laptop", AT)
    sync_replica.begin_load("LOAD1", "laptop", AT)  # the same upload, resumed
    with pytest.raises(UploadInProgress):
        sync_replica.begin_load("LOAD2", "desktop", AT)
    with pytest.raises(UploadInProgress, match="another device is uploading"):
        sync_replica.commit([records[0]], "desktop", AT)
    assert sync_replica.meta()[:2] == (1, "LOAD1")

    sync_replica.load_records(records)
    seq = sync_replica.finish_load("LOAD1", "laptop", AT)

    assert seq == 2 and sync_replica.finish_load("LOAD1", "laptop", AT) == 2
    meta = sync_replica.meta()
    assert (meta.head, meta.loading, meta.snapshot, meta.snapshot_seq) == (2, None, "LOAD1", 2)
    record = sync_replica.record(Kind.EXPENSE, expenses[29].id)
    assert record is not None and expense_of(record) == expenses[29]
    first, second = sync_replica.entries_after(0)
    assert (first.seq, first.changes, first.snapshot) == (1, (), None)
    assert (second.seq, second.changes, second.snapshot) == (2, (), "LOAD1")
    note = stamp_all(Kind.EXPENSE, expenses[0].id, {"note": "later"}, version(T0 + 1))
    assert sync_replica.commit([note], "desktop", AT).entries == (3,)


def test_an_upload_into_a_replica_that_holds_data_is_refused(
    sync_replica: SyncReplica, make_expense: ExpenseMaker
) -> None:
    sync_replica.commit([expense_record(make_expense(), version(T0))], "desktop", AT)

    with pytest.raises(Conflict, match="not empty"):
        sync_replica.begin_load("LOAD1", "laptop", AT)
    with pytest.raises(Conflict):
        sync_replica.finish_load("LOAD1", "laptop", AT)


def test_the_snapshot_pointer_only_moves_forward(
    sync_replica: SyncReplica, make_expense: ExpenseMaker
) -> None:
    for n in range(3):
        sync_replica.commit([expense_record(make_expense(), version(T0 + n))], "laptop", AT)

    sync_replica.set_snapshot("S3", 3)
    sync_replica.set_snapshot("S2", 2)

    assert sync_replica.meta()[2:4] == ("S3", 3)


def test_devices_report_how_far_they_pulled(sync_replica: SyncReplica) -> None:
    laptop = DeviceCursor("laptop0000000000", 4, "2026-11-23T09:30:00+00:00", "laptop")
    phone = DeviceCursor("phone00000000000", 2, "2026-11-20T08:00:00+00:00", "")

    sync_replica.report_device(phone)
    sync_replica.report_device(laptop._replace(cursor=3))
    sync_replica.report_device(laptop)

    assert sync_replica.devices() == [laptop, phone]


def test_a_purge_drops_old_entries_and_the_tombstones_nothing_rewrote(
    sync_replica: SyncReplica, make_expense: ExpenseMaker
) -> None:
    gone, back, kept = make_expense(), make_expense(), make_expense()
    for n, change in enumerate(
        [
            expense_record(gone, version(T0)),
            expense_record(back, version(T0)),
            expense_removal(gone.id, version(T0 + 1)),
            expense_removal(back.id, version(T0 + 2)),
            expense_record(kept, version(T0 + 3)),
            stamp_all(Kind.EXPENSE, back.id, {"note": "after"}, version(T0 + 4)),
        ],
        start=1,
    ):
        assert sync_replica.commit([change], "laptop", AT).head == n

    dropped: list[Change] = []
    assert sync_replica.purge(4, dropped.append) == 4
    assert sync_replica.purge(3, dropped.append) == 0

    assert [e.seq for e in sync_replica.entries_after(0)] == [5, 6]
    assert sync_replica.meta().purged_through == 4
    assert sync_replica.record(Kind.EXPENSE, gone.id) is None
    # the tombstone dropped is handed over whole (its receipt, say); the rewritten one is not
    assert [(r.key, r.deleted, r.value("description")) for r in dropped] == [
        (gone.id, True, gone.description)
    ]
    rewritten = sync_replica.record(Kind.EXPENSE, back.id)
    assert rewritten is not None and rewritten.deleted
    assert sync_replica.record(Kind.EXPENSE, kept.id) is not None
    assert sync_replica.commit([expense_record(make_expense(), version(T0 + 5))], "x", AT).head == 7


def test_the_cloud_tells_its_time(sync_replica: SyncReplica) -> None:
    told = sync_replica.meta().server_ms
    assert told is not None and abs(told - time.time() * 1000) < 60_000
