"""A replica table on moto, a client that records every request it makes, and a user."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from moto import mock_aws

from sbp.cloud.clients import aws_client
from tests.moto_resources import REGION, create_replica_table

ALICE = "01KAUSERA0000000000000000A"
BOB = "01KAUSERB0000000000000000B"


class RecordedRequests(list[tuple[str, dict[str, Any]]]):
    """(operation, parameters) of every request a client made, in order."""

    def operations(self) -> list[str]:
        return [name for name, _ in self]


@pytest.fixture
def dynamodb() -> Iterator[Any]:
    """A DynamoDB client on moto, with the replica table created."""
    with mock_aws():
        client = aws_client("dynamodb", region=REGION)
        create_replica_table(client)
        yield client


def recording(client: Any) -> RecordedRequests:
    """Record the parameters of every request `client` makes from now on."""
    seen = RecordedRequests()

    def record(params: dict[str, Any], model: Any, **_: Any) -> None:
        seen.append((model.name, copy.deepcopy(params)))

    client.meta.events.register("provide-client-params.dynamodb", record)
    return seen


@pytest.fixture
def sent(dynamodb: Any) -> RecordedRequests:
    return recording(dynamodb)
