"""The `ledger` and `replica` fixtures: every adapter of a port, so each contract test runs
against all of them.

A new adapter joins its suite by adding one factory to `FACTORIES` (ledgers) or
`REPLICA_FACTORIES` (replicas): a context manager that yields a fresh, empty one and cleans up.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from itertools import count
from pathlib import Path
from typing import Any

import pytest

from sbp.core.ids import new_ulid
from sbp.core.model import CategorySource, Expense
from sbp.core.ports import Ledger, Replica
from sbp.core.sync.ports import SyncReplica
from sbp.store.memory import MemoryLedger
from sbp.store.memory_replica import MemoryReplica
from sbp.store.sqlite import SqliteLedger
from tests.moto_resources import REGION, REPLICA_TABLE, create_replica_table


@contextmanager
def memory_ledger(folder: Path) -> Iterator[Ledger]:
    yield MemoryLedger()


@contextmanager
def sqlite_ledger(folder: Path) -> Iterator[Ledger]:
    ledger = SqliteLedger(folder / "sbp.db")
    try:
        yield ledger
    finally:
        ledger.close()


FACTORIES: dict[str, Callable[[Path], AbstractContextManager[Ledger]]] = {
    "memory": memory_ledger,
    "sqlite": sqlite_ledger,
}

ReplicaMaker = Callable[[str], Replica]
"""Makes the replica of one user id; every replica a maker makes shares one backing store."""


@contextmanager
def memory_replicas(folder: Path) -> Iterator[ReplicaMaker]:
    made: dict[str, MemoryReplica] = {}
    yield lambda user: made.setdefault(user, MemoryReplica(user))


@contextmanager
def dynamodb_replicas(folder: Path) -> Iterator[ReplicaMaker]:
    """Replicas in a replica table on moto; each one its own client, as devices have."""
    from moto import mock_aws

    from sbp.cloud.clients import aws_client
    from sbp.cloud.replica import DynamoReplica

    with mock_aws(), requests_one_at_a_time():
        create_replica_table(aws_client("dynamodb", region=REGION))
        yield lambda user: DynamoReplica(user, REPLICA_TABLE, aws_client("dynamodb", region=REGION))


@contextmanager
def requests_one_at_a_time() -> Iterator[None]:
    """Give moto's DynamoDB the isolation the real service has.

    DynamoDB applies each request atomically: a transaction's condition check and its writes
    are one step, and a read never sees half a transaction. moto checks, then writes, with no
    lock, so two threads can both pass `seq = :old` and both write entry N+1 (seen here: 23
    entries for 24 commits). Serialising moto's DynamoDB handler restores the real service's
    guarantee; the adapter's own retry logic is what the concurrent test then exercises.
    """
    from unittest import mock

    from moto.dynamodb.responses import DynamoHandler

    lock = threading.Lock()
    unlocked = DynamoHandler.call_action

    def call_action(handler: DynamoHandler) -> Any:
        with lock:
            return unlocked(handler)

    with mock.patch.object(DynamoHandler, "call_action", call_action):
        yield


@contextmanager
def steady_replicas(folder: Path) -> Iterator[ReplicaMaker]:
    """Memory replicas seen through `SteadyReads` (what the categorizer works on): it must
    keep every promise of the port."""
    from sbp.core.sync.steady_reads import SteadyReads

    with memory_replicas(folder) as make:
        yield lambda user: SteadyReads(make(user))


REPLICA_FACTORIES: dict[str, Callable[[Path], AbstractContextManager[ReplicaMaker]]] = {
    "memory": memory_replicas,
    "steady-memory": steady_replicas,
    "dynamodb": dynamodb_replicas,
}

SyncReplicaMaker = Callable[[str], SyncReplica]


@contextmanager
def memory_sync_replicas(folder: Path) -> Iterator[SyncReplicaMaker]:
    made: dict[str, MemoryReplica] = {}
    yield lambda user: made.setdefault(user, MemoryReplica(user, server_clock=_now_ms))


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


@contextmanager
def dynamodb_sync_replicas(folder: Path) -> Iterator[SyncReplicaMaker]:
    from moto import mock_aws

    from sbp.cloud.clients import aws_client
    from sbp.cloud.replica_sync import DynamoSyncReplica

    with mock_aws(), requests_one_at_a_time():
        create_replica_table(aws_client("dynamodb", region=REGION))
        yield lambda user: DynamoSyncReplica(
            user, REPLICA_TABLE, aws_client("dynamodb", region=REGION)
        )


SYNC_REPLICA_FACTORIES: dict[str, Callable[[Path], AbstractContextManager[SyncReplicaMaker]]] = {
    "memory": memory_sync_replicas,
    "dynamodb": dynamodb_sync_replicas,
}

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)

ExpenseMaker = Callable[..., Expense]


@pytest.fixture(params=sorted(FACTORIES))
def ledger(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Ledger]:
    with FACTORIES[request.param](tmp_path) as made:
        yield made


@pytest.fixture(params=sorted(REPLICA_FACTORIES))
def replicas(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ReplicaMaker]:
    """A maker of replicas of one adapter; `replicas("u1")` is user u1's."""
    with REPLICA_FACTORIES[request.param](tmp_path) as maker:
        yield maker


@pytest.fixture
def replica(replicas: ReplicaMaker) -> Replica:
    """One user's empty replica."""
    return replicas("01KAUSER00000000000000000A")


@pytest.fixture(params=sorted(SYNC_REPLICA_FACTORIES))
def sync_replica(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SyncReplica]:
    """One user's empty replica, as a device syncs with it."""
    with SYNC_REPLICA_FACTORIES[request.param](tmp_path) as maker:
        yield maker("01KAUSER00000000000000000A")


@pytest.fixture
def make_expense() -> ExpenseMaker:
    """Expenses with distinct ids that sort in the order they are made."""
    serial = count()

    def make(
        amount: str = "12.50",
        on: date = date(2026, 11, 23),
        category: str = "coffee",
        description: str = "Blue Bottle",
        currency: str = "USD",
        **fields: Any,
    ) -> Expense:
        step = next(serial)
        made = NOW + timedelta(milliseconds=step)
        values: dict[str, Any] = {
            "id": new_ulid(made, step.to_bytes(10, "big")),
            "date": on,
            "amount": Decimal(amount),
            "currency": currency,
            "description": description,
            "category": category,
            "category_source": CategorySource.DEFAULT,
            "created_at": made,
            "updated_at": made,
        }
        values.update(fields)
        return Expense(**values)

    return make
