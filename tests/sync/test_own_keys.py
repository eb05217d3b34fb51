"""Another user's replica is never read or written: every request a device's sync makes names
the user's own partition key (DynamoDB) or key prefix (S3), through a first upload, a new
device from the snapshot, pushes, pulls, a fresh snapshot and a purge.

moto does not enforce the session policy's `dynamodb:LeadingKeys` condition (see
/shared notes: it ignores session policies), so this asserts on the requests themselves, as
made, before they leave the client.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from sbp.cloud.clients import aws_client
from sbp.cloud.replica_sync import DynamoSyncReplica
from sbp.cloud.snapshots import S3Snapshots
from sbp.sync import housekeeping
from tests.moto_resources import BUCKET, REGION, REPLICA_TABLE, create_bucket, create_replica_table
from tests.sync.devices import USER, Device, World

OTHER = "01KAB0B000000000000000000B"


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Any, Any, list[Any]]]:
    from moto import mock_aws

    seen: list[tuple[str, str, dict[str, Any]]] = []
    with mock_aws():
        dynamodb, s3 = aws_client("dynamodb", region=REGION), aws_client("s3", region=REGION)
        create_replica_table(dynamodb)
        create_bucket(s3)
        for client, service in ((dynamodb, "dynamodb"), (s3, "s3")):

            def record(
                params: dict[str, Any], model: Any, service: str = service, **_: Any
            ) -> None:
                kept = {k: v for k, v in params.items() if k != "Body"}  # a stream: not copied
                seen.append((service, model.name, copy.deepcopy(kept)))

            client.meta.events.register(f"provide-client-params.{service}", record)
        yield dynamodb, s3, seen


def keys_named(operation: str, params: dict[str, Any]) -> list[str]:
    """The partition keys a DynamoDB request names (every one it could reach)."""
    if operation in ("GetItem", "DeleteItem", "UpdateItem"):
        return [params["Key"]["user_id"]["S"]]
    if operation == "PutItem":
        return [params["Item"]["user_id"]["S"]]
    if operation == "Query":
        assert params["KeyConditionExpression"].startswith("user_id = :user")
        return [params["ExpressionAttributeValues"][":user"]["S"]]
    if operation == "BatchGetItem":
        return [k["user_id"]["S"] for t in params["RequestItems"].values() for k in t["Keys"]]
    if operation == "BatchWriteItem":
        return [
            (r.get("PutRequest", {}).get("Item") or r["DeleteRequest"]["Key"])["user_id"]["S"]
            for t in params["RequestItems"].values()
            for r in t
        ]
    if operation == "TransactWriteItems":
        found = []
        for action in params["TransactItems"]:
            (body,) = action.values()
            found.append((body.get("Key") or body["Item"])["user_id"]["S"])
        return found
    raise AssertionError(f"a request this test does not know: {operation}")


def test_every_request_of_a_sync_names_the_users_own_key(
    recorded: tuple[Any, Any, list[Any]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dynamodb, s3, seen = recorded
    other = Device("bob", tmp_path / "bob", World(),
                   DynamoSyncReplica(OTHER, REPLICA_TABLE, aws_client("dynamodb", region=REGION)),
                   S3Snapshots(OTHER, BUCKET, aws_client("s3", region=REGION)))  # fmt: skip
    other.planner.add_expense("99.00", "Bob's own")
    other.sync(upload=True)
    monkeypatch.setattr(housekeeping, "SNAPSHOT_AFTER", 3)
    monkeypatch.setattr(housekeeping, "PURGE_AFTER", 2)
    monkeypatch.setattr(housekeeping, "MIN_AGE", timedelta())
    world = World()
    replica = DynamoSyncReplica(USER, REPLICA_TABLE, dynamodb)
    snapshots = S3Snapshots(USER, BUCKET, s3)
    laptop = Device("laptop", tmp_path / "laptop", world, replica, snapshots)
    laptop.planner.add_expense("4.50", "Blue Bottle")
    laptop.sync(upload=True)
    phone = Device("phone", tmp_path / "phone", world, replica, snapshots)
    phone.sync()
    for n in range(6):
        world.advance(seconds=1)
        added = phone.planner.add_expense(f"{n + 1}.00", f"shop {n}").expense
        phone.planner.remove_expense(added.id)
        phone.sync()
        laptop.sync()
    phone.sync()

    operations = {name for service, name, _ in seen}
    assert {"TransactWriteItems", "BatchWriteItem", "Query", "PutObject", "GetObject"} & operations
    assert "DeleteItem" in operations  # a purge went through
    assert "Scan" not in operations and "ExecuteStatement" not in operations
    for service, name, params in seen:
        if service == "dynamodb":
            assert set(keys_named(name, params)) == {USER}, name
        elif name in ("PutObject", "GetObject", "HeadObject", "CreateMultipartUpload"):
            assert params["Key"].startswith(f"snapshots/{USER}/"), name
    assert "Bob's own" not in str(laptop.export()) + str(phone.export())
    for device in (laptop, phone, other):
        device.close()
