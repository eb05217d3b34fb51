"""The cloud failing in the middle of a sync (unreachable, throttling, credentials that expire):
a clear error, the store's data untouched and consistent, and the next sync converges."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError

from sbp.cloud.clients import aws_client
from sbp.cloud.replica_sync import DynamoSyncReplica
from sbp.core.errors import AccessDenied, CloudUnavailable
from sbp.core.sync.ports import SyncReplica
from tests.moto_resources import REPLICA_TABLE
from tests.sync.conftest import MakeDevice
from tests.sync.devices import USER, Device

pytestmark = pytest.mark.parametrize("cloud", ["dynamodb"], indirect=True)


def failing(method: Callable[..., Any], code: str, after: int) -> Callable[..., Any]:
    """`method`, failing with AWS error `code` from its call number `after` + 1 on."""
    calls = [0]

    def call(**params: Any) -> Any:
        calls[0] += 1
        if calls[0] > after:
            raise ClientError({"Error": {"Code": code, "Message": "secret details"}}, "Call")
        return method(**params)

    return call


def data(device: Device) -> tuple[Any, ...]:
    """What a person keeps in the store (the sync's own bookkeeping aside)."""
    return (device.export(), device.planner.budgets(), device.planner.rules())


def two_with_work(device: MakeDevice) -> tuple[Device, Device]:
    laptop, phone = device("laptop"), device("phone")
    laptop.sync()
    phone.sync()
    for n in range(150):  # more than one transaction (98 records each) of changes
        laptop.planner.add_expense(f"{n + 1}.00", f"shop {n}")
    return laptop, phone


def test_the_cloud_out_of_reach_says_so_and_changes_nothing(
    device: MakeDevice, replica: SyncReplica
) -> None:
    laptop, _ = two_with_work(device)
    before, waiting = data(laptop), laptop.ledger.outbox_size()
    from botocore.config import Config

    down = aws_client("dynamodb", region="us-east-1", endpoint_url="http://127.0.0.1:9")
    down.meta.config.retries = Config(retries={"max_attempts": 1}).retries
    laptop.replica = DynamoSyncReplica(USER, REPLICA_TABLE, down)

    with pytest.raises(CloudUnavailable, match="could not be reached"):
        laptop.sync()

    assert data(laptop) == before and laptop.ledger.outbox_size() == waiting
    assert laptop.planner.sync_line().startswith("offline, 151 changes not yet synced")


def test_throttling_in_the_middle_of_a_push_keeps_what_is_left_for_the_next_sync(
    device: MakeDevice, replica: DynamoSyncReplica, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, phone = two_with_work(device)
    before, head = data(laptop), replica.head()
    client = replica.client
    monkeypatch.setattr(
        client,
        "transact_write_items",
        failing(client.transact_write_items, "ThrottlingException", after=1),
    )

    with pytest.raises(CloudUnavailable, match="busy") as raised:
        laptop.sync()

    assert "secret details" not in str(raised.value)
    assert data(laptop) == before
    # the first transaction went up; the page stays queued whole, and pushing it again merges
    # what is there already to nothing
    assert replica.head() == head + 1 and laptop.ledger.outbox_size() == 151
    monkeypatch.undo()
    assert laptop.sync().pushed == 151
    assert replica.head() == head + 2
    phone.sync()
    assert data(phone) == data(laptop) == before


def test_credentials_that_expire_in_the_middle_of_a_pull_leave_the_cursor_where_it_was(
    device: MakeDevice, replica: DynamoSyncReplica, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, phone = two_with_work(device)
    laptop.sync()
    cursor, before = phone.ledger.sync_state().cursor, data(phone)
    client = replica.client
    monkeypatch.setattr(client, "query", failing(client.query, "ExpiredTokenException", after=0))

    with pytest.raises(AccessDenied, match="the sign-in has expired"):
        phone.sync()

    assert phone.ledger.sync_state().cursor == cursor and data(phone) == before
    monkeypatch.undo()
    phone.sync()
    assert data(phone) == data(laptop)
