"""The users with budgets come from the sparse index, page by page, each once."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sbp.cloud.budget_owners import budget_owners
from sbp.cloud.replica import DynamoReplica
from sbp.core.model import Budget
from sbp.core.sync.codec import budget_record, budget_removal
from tests.moto_resources import REPLICA_TABLE
from tests.replica.conftest import ALICE, BOB, RecordedRequests

V1 = "1790000000000-0000-laptop0000000000"
V2 = "1790000000001-0000-laptop0000000000"


def budgets(*categories: str) -> list[Any]:
    return [budget_record(Budget(c, Decimal(50), "USD"), V1) for c in categories]


def test_each_user_with_a_live_budget_is_listed_once_without_a_scan(
    dynamodb: Any, sent: RecordedRequests
) -> None:
    DynamoReplica(ALICE, REPLICA_TABLE, dynamodb).commit(
        budgets("coffee", "books", "rent"), "l", "t"
    )
    bob = DynamoReplica(BOB, REPLICA_TABLE, dynamodb)
    bob.commit(budgets("coffee"), "l", "t")
    sent.clear()

    assert budget_owners(dynamodb, REPLICA_TABLE, page_size=1) == [ALICE, BOB]
    assert set(sent.operations()) == {"Query"} and len(sent) >= 4  # one budget per page

    bob.commit([budget_removal("coffee", None, V2)], "l", "t")
    assert budget_owners(dynamodb, REPLICA_TABLE) == [ALICE]
