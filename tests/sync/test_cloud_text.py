"""The cloud is one more door: what another device, the web view or a Lambda wrote comes in by
the rules typed text follows (`sbp.core.stored`), and a record keyed so that no device could
address it or print its key safely is left aside and named in the report, never stored."""

from __future__ import annotations

import pytest

from sbp.core.sync.ports import SyncReplica
from sbp.core.sync.records import Change, Kind, Stamped, Value
from tests.sync.conftest import MakeDevice

pytestmark = pytest.mark.parametrize("cloud", ["memory"], indirect=True)

VERSION = "1767600000000-0000-webview000000000"
CREATED = "2026-01-05T09:00:00+00:00"
EXPENSE: dict[str, Value] = {
    "date": "2026-01-05", "amount": 450, "currency": "USD", "description": "coffee",
    "category": "coffee", "source": "default", "created": CREATED, "updated": CREATED,
    "deleted": False,
}  # fmt: skip
ALERT: dict[str, Value] = {
    "id": "01KAY5ER00000000000000000B", "created": CREATED, "kind": "budget",
    "message": "Coffee at 80%", "channel": "terminal", "read": False, "deleted": False,
}  # fmt: skip


def written(replica: SyncReplica, kind: Kind, key: str, values: dict[str, Value]) -> None:
    fields = {name: Stamped(value, VERSION) for name, value in values.items()}
    replica.commit([Change(kind, key, fields)], "web", CREATED)


def test_control_characters_from_the_cloud_are_stored_as_typed_text_would_be(
    device: MakeDevice, replica: SyncReplica
) -> None:
    laptop = device("laptop")
    laptop.sync()
    dirty = {"description": "co\x1b[2Jffee\u202e", "note": "see\x07 me", "account": "acc\x1b[31m"}
    written(replica, Kind.EXPENSE, "01KAY5ER00000000000000000C", EXPENSE | dirty)
    alert = ALERT | {
        "kind": "budget\x1b[31m",
        "channel": "term\x1binal",
        "message": "hi\x1b]0;x\x07",
    }
    written(replica, Kind.NOTIFICATION, "coffee#2026-01#80", alert)

    laptop.sync()

    (row,) = laptop.export()["expenses"]
    assert (row["description"], row["note"], row["account"]) == ("coffee", "see me", "acc")
    (stored,) = laptop.planner.notifications()
    assert all(c.isprintable() for c in stored.kind + stored.channel + stored.message)


@pytest.mark.parametrize(
    ("kind", "key", "values"),
    [
        (Kind.EXPENSE, "01KAY5ER0000000000000\x1b[2J", EXPENSE),
        (Kind.EXPENSE, "not-an-id", EXPENSE),
        (Kind.NOTIFICATION, "coffee#2026-01\x1b[2J", ALERT),
        (Kind.NOTIFICATION, "coffee#2026-01#80", ALERT | {"id": "\x1b]0;x\x07"}),
        (Kind.RULE, "rule\x1b[2J", {"pattern": "cafe", "category": "coffee", "deleted": False}),
        (Kind.CORRECTION, "cafe\x1b[2J", {"category": "coffee", "deleted": False}),
        (
            Kind.BUDGET,
            "Coffee\x1b[2J#*",
            {"category": "Coffee\x1b[2J", "limit": 5000, "currency": "USD", "deleted": False},
        ),
    ],
)
def test_a_record_keyed_as_no_device_keys_one_is_left_aside_and_named_safely(
    device: MakeDevice, replica: SyncReplica, kind: Kind, key: str, values: dict[str, Value]
) -> None:
    laptop = device("laptop")
    laptop.sync()
    before = laptop.state()
    written(replica, kind, key, values)

    report = laptop.sync()

    assert laptop.state() == before
    (skipped,) = report.skipped
    assert skipped.isprintable() and "from the cloud" in skipped
