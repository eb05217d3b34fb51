"""What the DynamoDB replica does beyond the contract: which requests it makes, how it splits a
big commit, how it retries contention and unprocessed keys, and the errors it raises.

The contract suite (tests/contract/test_replica.py) already runs on this adapter; these tests
look at the requests themselves.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from botocore.stub import Stubber

from sbp.cloud.backoff import Backoff
from sbp.cloud.replica import MAX_RECORDS, DynamoReplica
from sbp.core.errors import AccessDenied, CloudUnavailable, InvalidInput
from sbp.core.model import Budget, Notification
from sbp.core.periods import Month
from sbp.core.sync.codec import budget_record
from sbp.core.sync.records import Change, Kind, stamp_all
from sbp.core.sync.view import ReplicaView
from tests.moto_resources import REPLICA_TABLE
from tests.replica.conftest import ALICE, BOB, RecordedRequests

NOV = Month(2026, 11)
AT = "2026-11-23T09:30:00+00:00"
T0 = 1_790_000_000_000


def version(ms: int, node: str = "laptop0000000000") -> str:
    return f"{ms:013d}-0000-{node}"


def expense(n: int, day: int = 23, note: str = "") -> Change:
    values = {
        "date": f"2026-11-{day:02d}",
        "amount": 450 + n,
        "currency": "USD",
        "description": f"Blue Bottle {n}",
        "category": "coffee",
        "source": "default",
        "note": note,
        "created": AT,
        "updated": AT,
        "deleted": False,
    }
    return stamp_all(Kind.EXPENSE, f"01KAEXP{n:019d}", values, version(T0))


class Pauses(list[float]):
    """A sleep that only remembers how long it was asked to wait."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def users_named(operation: str, params: dict[str, Any]) -> set[str]:
    """The partition keys a request names; fails on a request it does not know."""
    if operation == "GetItem":
        return {params["Key"]["user_id"]["S"]}
    if operation == "Query":
        assert params["KeyConditionExpression"].startswith("user_id = :user AND ")
        named = {params["ExpressionAttributeValues"][":user"]["S"]}
        if "ExclusiveStartKey" in params:
            named.add(params["ExclusiveStartKey"]["user_id"]["S"])
        return named
    if operation == "BatchGetItem":
        tables = params["RequestItems"].values()
        return {key["user_id"]["S"] for table in tables for key in table["Keys"]}
    if operation == "TransactWriteItems":
        actions = [next(iter(action.values())) for action in params["TransactItems"]]
        return {(a.get("Key") or a["Item"])["user_id"]["S"] for a in actions}
    raise AssertionError(f"the replica made a request this test does not know: {operation}")


def test_every_request_names_the_users_own_partition_key(
    dynamodb: Any, sent: RecordedRequests
) -> None:
    alice = DynamoReplica(ALICE, REPLICA_TABLE, dynamodb, page_size=2)
    view = ReplicaView(alice)
    alice.commit([expense(n) for n in range(120)], "laptop", AT)
    alice.commit([budget_record(Budget("coffee", Decimal(60), "USD"), version(T0))], "laptop", AT)
    alert = Notification(
        "01KANOTE000000000000000001",
        datetime(2026, 11, 23, tzinfo=UTC),
        "budget",
        "Coffee passed 80%",
        "2026-11#coffee#80",
        month=NOV,
    )
    view.record_notification(alert, _clock(), T0, "budget_alert")
    alice.entries_after(0, limit=5)
    alice.record(Kind.EXPENSE, "01KAEXP0000000000000000001")
    view.budgets(), view.rules(), view.month_totals(NOV), view.notifications()

    assert set(sent.operations()) == {"GetItem", "BatchGetItem", "TransactWriteItems", "Query"}
    for operation, params in sent:
        assert users_named(operation, params) == {ALICE}, operation
    assert not any(name in ("Scan", "ExecuteStatement") for name in sent.operations())


def test_a_big_commit_is_split_into_transactions_of_at_most_100_actions(
    dynamodb: Any, sent: RecordedRequests
) -> None:
    alice = DynamoReplica(ALICE, REPLICA_TABLE, dynamodb)

    done = alice.commit([expense(n) for n in range(250)], "laptop", AT)

    writes = [p for op, p in sent if op == "TransactWriteItems"]
    assert [len(w["TransactItems"]) for w in writes] == [MAX_RECORDS + 2] * 2 + [54 + 2]
    assert done.entries == (1, 2, 3) and [len(e.changes) for e in alice.entries_after(0)] == [
        98,
        98,
        54,
    ]


def test_a_commit_of_large_changes_is_split_by_size(dynamodb: Any, sent: RecordedRequests) -> None:
    alice = DynamoReplica(ALICE, REPLICA_TABLE, dynamodb)
    heavy = [expense(n, note="x" * 60_000) for n in range(12)]  # about 720 KB together

    done = alice.commit(heavy, "laptop", AT)

    entries = alice.entries_after(0)
    assert len(done.entries) >= 3 and sum(len(e.changes) for e in entries) == 12
    for _, params in sent:
        for action in params.get("TransactItems", []):
            item = next(iter(action.values())).get("Item", {})
            assert len(json.dumps(item)) < 400_000  # DynamoDB's item limit


def test_a_change_too_big_for_any_item_is_refused_and_nothing_is_written(dynamodb: Any) -> None:
    alice = DynamoReplica(ALICE, REPLICA_TABLE, dynamodb)

    with pytest.raises(InvalidInput, match="KB"):
        alice.commit([expense(1), expense(2, note="x" * 400_000)], "laptop", AT)

    assert alice.head() == 0


def competitor_commits_before(client: Any, times: int) -> list[int]:
    """Before each of the next `times` transactions of `client`, another device commits."""
    other = DynamoReplica(ALICE, REPLICA_TABLE, recording_free_client(client))
    done: list[int] = []

    def race(**_: Any) -> None:
        if len(done) < times:
            done.append(other.commit([expense(1000 + len(done))], "phone", AT).head)

    client.meta.events.register("before-call.dynamodb.TransactWriteItems", race)
    return done


def recording_free_client(client: Any) -> Any:
    from sbp.cloud.clients import aws_client

    return aws_client("dynamodb", region=client.meta.region_name)


def test_a_writer_that_loses_the_head_retries_after_a_jittered_pause(dynamodb: Any) -> None:
    pauses = Pauses()
    backoff = Backoff(attempts=5, base=0.1, cap=1.0, sleep=pauses, rand=lambda: 0.5)
    alice = DynamoReplica(ALICE, REPLICA_TABLE, dynamodb, backoff=backoff)
    competitor = competitor_commits_before(dynamodb, times=2)

    done = alice.commit([expense(1)], "laptop", AT)

    assert competitor == [1, 2] and done.entries == (3,)
    assert pauses == [0.05, 0.1]  # half of 0.1 s, then half of 0.2 s
    assert [e.origin for e in alice.entries_after(0)] == ["phone", "phone", "laptop"]


def test_a_writer_that_always_loses_gives_up_with_cloud_unavailable(dynamodb: Any) -> None:
    pauses = Pauses()
    alice = DynamoReplica(ALICE, REPLICA_TABLE, dynamodb, backoff=Backoff(attempts=4, sleep=pauses))
    competitor_commits_before(dynamodb, times=100)

    with pytest.raises(CloudUnavailable, match="4 tries"):
        alice.commit([expense(1)], "laptop", AT)

    assert len(pauses) == 4
    assert {e.origin for e in alice.entries_after(0)} == {"phone"}


class PartialBatches:
    """A client whose BatchGetItem answers only the first key of each call while `stingy`
    rounds remain, reporting the rest as unprocessed (as a throttled table does)."""

    def __init__(self, client: Any, stingy: int, none_at_all: bool = False) -> None:
        self._client = client
        self.stingy = stingy
        self.none_at_all = none_at_all
        self.calls = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)

    def batch_get_item(self, RequestItems: dict[str, Any]) -> dict[str, Any]:
        self.calls += 1
        if self.stingy <= 0:
            return self._client.batch_get_item(RequestItems=RequestItems)
        self.stingy -= 1
        [(table, request)] = RequestItems.items()
        answered = [] if self.none_at_all else request["Keys"][:1]
        rest = request["Keys"][len(answered) :]
        found: dict[str, Any] = {"Responses": {table: []}}
        if answered:
            found = self._client.batch_get_item(RequestItems={table: {**request, "Keys": answered}})
        found["UnprocessedKeys"] = {table: {**request, "Keys": rest}}
        return found


def test_unprocessed_keys_are_asked_for_again_until_every_record_is_read(dynamodb: Any) -> None:
    DynamoReplica(ALICE, REPLICA_TABLE, dynamodb).commit([expense(n) for n in range(3)], "l", AT)
    client = PartialBatches(dynamodb, stingy=2)
    pauses = Pauses()
    alice = DynamoReplica(ALICE, REPLICA_TABLE, client, backoff=Backoff(sleep=pauses))
    stale = [stamp_all(Kind.EXPENSE, expense(n).key, {"note": "old"}, version(T0 - 1))
             for n in range(3)]  # fmt: skip

    done = alice.commit(stale, "phone", AT)

    assert client.calls == 3 and len(pauses) == 2
    assert done.entries == ()  # every record was read, so every older change merged to nothing


def test_reads_that_make_no_progress_give_up_with_cloud_unavailable(dynamodb: Any) -> None:
    client = PartialBatches(dynamodb, stingy=100, none_at_all=True)
    backoff = Backoff(attempts=3, sleep=Pauses())
    alice = DynamoReplica(ALICE, REPLICA_TABLE, client, backoff=backoff)

    with pytest.raises(CloudUnavailable, match="no progress"):
        alice.commit([expense(1)], "laptop", AT)

    assert client.calls == 3 and alice.head() == 0


def test_queries_follow_every_page(dynamodb: Any, sent: RecordedRequests) -> None:
    alice = DynamoReplica(ALICE, REPLICA_TABLE, dynamodb, page_size=4)
    for n in range(9):
        alice.commit([expense(n, day=1 + n)], "laptop", AT)

    assert len(alice.month_expenses(NOV)) == 9
    assert [e.seq for e in alice.entries_after(2, limit=6)] == [3, 4, 5, 6, 7, 8]
    queries = [p for op, p in sent if op == "Query"]
    assert sum("ExclusiveStartKey" in q for q in queries) >= 3
    assert all(q["ConsistentRead"] is True for q in queries)


def test_the_other_users_partition_stays_untouched(dynamodb: Any) -> None:
    DynamoReplica(ALICE, REPLICA_TABLE, dynamodb).commit([expense(1)], "laptop", AT)

    bob = DynamoReplica(BOB, REPLICA_TABLE, dynamodb)

    assert bob.head() == 0 and bob.month_expenses(NOV) == []


@pytest.mark.parametrize(
    ("code", "raised", "words"),
    [
        ("ThrottlingException", CloudUnavailable, "busy"),
        ("ProvisionedThroughputExceededException", CloudUnavailable, "busy"),
        ("AccessDeniedException", AccessDenied, "refused"),
        ("ExpiredTokenException", AccessDenied, "expired"),
        ("UnrecognizedClientException", AccessDenied, "refused"),
        ("ResourceNotFoundException", CloudUnavailable, "stack is applied"),
    ],
)
def test_aws_errors_become_sbp_errors_without_aws_words(
    dynamodb: Any, code: str, raised: type[Exception], words: str
) -> None:
    secret = "ASIAQWERTYUIOPASDFGH"
    alice = DynamoReplica(ALICE, REPLICA_TABLE, dynamodb)
    with Stubber(dynamodb) as stub:
        stub.add_client_error(
            "get_item", service_error_code=code, service_message=f"key {secret} is not valid"
        )
        with pytest.raises(raised) as caught:
            alice.head()

    shown = f"{caught.value} {caught.value.hint}"  # type: ignore[attr-defined]
    assert words in shown and code in shown and secret not in shown
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_an_unexpected_aws_error_is_not_disguised(dynamodb: Any) -> None:
    from botocore.exceptions import ClientError

    alice = DynamoReplica(ALICE, REPLICA_TABLE, dynamodb)
    with Stubber(dynamodb) as stub:
        stub.add_client_error("get_item", service_error_code="ValidationException")
        with pytest.raises(ClientError):
            alice.head()


def _clock() -> Any:
    from sbp.core.sync.hlc import HybridClock

    return HybridClock("cloud00000000000")
