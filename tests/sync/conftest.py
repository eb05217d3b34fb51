"""Devices that sync: several stores, one user's replica (memory, and DynamoDB and S3 on
moto in this process)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sbp.core.sync.ports import Snapshots, SyncReplica
from sbp.store.memory_replica import MemoryReplica
from sbp.store.memory_snapshots import MemorySnapshots
from tests.moto_resources import BUCKET, REGION, REPLICA_TABLE, create_bucket, create_replica_table
from tests.sync.devices import USER, Device, World

MakeDevice = Callable[[str], Device]


@pytest.fixture
def world() -> World:
    return World()


@pytest.fixture(params=["memory", "dynamodb"])
def cloud(request: pytest.FixtureRequest, world: World) -> Iterator[tuple[SyncReplica, Snapshots]]:
    """The user's replica and snapshots: in memory, or DynamoDB and S3 on moto in-process."""
    if request.param == "memory":
        yield MemoryReplica(USER, server_clock=world.millis), MemorySnapshots(USER)
        return
    from moto import mock_aws

    from sbp.cloud.clients import aws_client
    from sbp.cloud.replica_sync import DynamoSyncReplica
    from sbp.cloud.snapshots import S3Snapshots
    from tests.contract.conftest import requests_one_at_a_time

    with mock_aws(), requests_one_at_a_time():
        dynamodb, s3 = aws_client("dynamodb", region=REGION), aws_client("s3", region=REGION)
        create_replica_table(dynamodb)
        create_bucket(s3)
        yield DynamoSyncReplica(USER, REPLICA_TABLE, dynamodb), S3Snapshots(USER, BUCKET, s3)


@pytest.fixture
def replica(cloud: tuple[SyncReplica, Snapshots]) -> SyncReplica:
    return cloud[0]


@pytest.fixture
def snapshots(cloud: tuple[SyncReplica, Snapshots]) -> Snapshots:
    return cloud[1]


@pytest.fixture
def device(
    tmp_path: Path, world: World, replica: SyncReplica, snapshots: Snapshots
) -> Iterator[MakeDevice]:
    """Makes devices by name, each in a folder of its own."""
    made: list[Device] = []

    def make(name: str) -> Device:
        made.append(Device(name, tmp_path / name, world, replica, snapshots))
        return made[-1]

    yield make
    for one in made:
        one.close()
