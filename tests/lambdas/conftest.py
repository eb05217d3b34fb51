"""The Lambdas' world in moto: the replica and idempotency tables, the bucket and the alerts
topic (named as the stack names them), the function's environment, a Lambda context, real SQS
event shapes, and readers for what was published and which metrics were printed."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from moto import mock_aws

from lambdas import categorizer
from lambdas.environment import resources
from sbp.cloud.clients import aws_client
from sbp.cloud.replica import DynamoReplica
from sbp.core.model import Budget, CategorySource, Expense, Rule
from sbp.core.sync.codec import budget_record, expense_record, rule_record, setting_record
from sbp.core.sync.records import Change
from tests.moto_resources import (
    ACCOUNT,
    BUCKET,
    IDEMPOTENCY_TABLE,
    REGION,
    REPLICA_TABLE,
    create_bucket,
    create_idempotency_table,
    create_replica_table,
    create_topic,
)

ALICE = "01KA11CE00000000000000000A"  # user ids are ULIDs: Crockford letters only
BOB = "01KAB0B000000000000000000B"
CAROL = "01KACAR0000000000000000000"
DEVICE = "1795000000000-0000-laptop0000000000"
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


@dataclass
class LambdaContext:
    """The attributes of the context AWS passes a handler that Powertools reads."""

    function_name: str = "sbp-test-function"
    memory_limit_in_mb: int = 256
    invoked_function_arn: str = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:sbp-test-function"
    aws_request_id: str = "8f5c2f34-1f7e-4a55-9a55-2f7d3b1b0a01"

    def get_remaining_time_in_millis(self) -> int:
        return 60_000


@dataclass
class Cloud:
    """Handles on the moto resources a test looks at."""

    dynamodb: Any
    s3: Any
    sns: Any
    sqs: Any
    topic_arn: str
    queue_url: str

    def replica(self, user_id: str) -> DynamoReplica:
        return DynamoReplica(user_id, REPLICA_TABLE, self.dynamodb)

    def seed(self, user_id: str, changes: list[Change]) -> None:
        self.replica(user_id).commit(changes, "laptop", NOW.isoformat())

    def published(self) -> list[tuple[str, dict[str, Any]]]:
        """(message, attributes) of everything published on the alerts topic, in order."""
        from moto.sns.models import sns_backends

        topic = sns_backends[ACCOUNT][REGION].topics[self.topic_arn]
        return [(message, attrs) for _, message, _, attrs, _ in topic.sent_notifications]

    def sqs_event(self, *bodies: str) -> dict[str, Any]:
        """An SQS event as Lambda gets it, made from messages really sent and received."""
        for body in bodies:
            self.sqs.send_message(QueueUrl=self.queue_url, MessageBody=body)
        got = self.sqs.receive_message(
            QueueUrl=self.queue_url, MaxNumberOfMessages=10, AttributeNames=["All"]
        )["Messages"]
        arn = f"arn:aws:sqs:{REGION}:{ACCOUNT}:sbp-test-categorize"
        records = [
            {
                "messageId": m["MessageId"],
                "receiptHandle": m["ReceiptHandle"],
                "body": m["Body"],
                "attributes": m["Attributes"],
                "messageAttributes": {},
                "md5OfBody": m["MD5OfBody"],
                "eventSource": "aws:sqs",
                "eventSourceARN": arn,
                "awsRegion": REGION,
            }
            for m in got
        ]
        order = {body: n for n, body in enumerate(bodies)}
        records.sort(key=lambda r: order[r["body"]])
        return {"Records": records}


@pytest.fixture
def cloud(monkeypatch: pytest.MonkeyPatch) -> Iterator[Cloud]:
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    with mock_aws():
        dynamodb = aws_client("dynamodb")
        create_replica_table(dynamodb)
        create_idempotency_table(dynamodb)
        s3, sns, sqs = aws_client("s3"), aws_client("sns"), aws_client("sqs")
        create_bucket(s3)
        topic_arn = create_topic(sns)
        queue_url = sqs.create_queue(QueueName="sbp-test-categorize")["QueueUrl"]
        monkeypatch.setenv("SBP_REPLICA_TABLE", REPLICA_TABLE)
        monkeypatch.setenv("SBP_IDEMPOTENCY_TABLE", IDEMPOTENCY_TABLE)
        monkeypatch.setenv("SBP_BUCKET", BUCKET)
        monkeypatch.setenv("SBP_ALERTS_TOPIC", topic_arn)
        forget_clients()
        yield Cloud(dynamodb, s3, sns, sqs, topic_arn, queue_url)
        forget_clients()


@pytest.fixture
def printed(capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Any:
    """What the handlers print (log lines and EMF metrics), captured at the descriptor level.

    Powertools' Logger keeps the stdout it found when the module was imported (in a test run,
    a capture pytest has closed since), so it is pointed at whatever stdout is current."""
    from lambdas.observability import logger

    monkeypatch.setattr(logger.registered_handler, "stream", CurrentStdout())
    return capfd


class CurrentStdout:
    """A stream that writes to `sys.stdout` as it is at the time of writing."""

    def write(self, text: str) -> int:
        return sys.stdout.write(text)

    def flush(self) -> None:
        sys.stdout.flush()


def forget_clients() -> None:
    """Drop the clients and workers a container keeps between invocations."""
    resources.cache_clear()
    categorizer.categorize_once.cache_clear()


def metrics_printed(out: str) -> dict[str, float]:
    """Total per metric over the EMF blobs printed, checking each is in the sbp namespace."""
    totals: dict[str, float] = {}
    for line in out.splitlines():
        if not line.startswith("{") or '"_aws"' not in line:
            continue
        blob = json.loads(line)
        [directive] = blob["_aws"]["CloudWatchMetrics"]
        assert directive["Namespace"] == "sbp"
        for metric in directive["Metrics"]:
            values = blob[metric["Name"]]
            values = values if isinstance(values, list) else [values]
            totals[metric["Name"]] = totals.get(metric["Name"], 0) + sum(values)
    return totals


def log_lines(out: str) -> list[dict[str, Any]]:
    """The JSON log lines (not metrics) printed."""
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    return [line for line in lines if "_aws" not in line]


def expense(
    n: int,
    amount: str,
    description: str,
    category: str = "other",
    source: CategorySource = CategorySource.DEFAULT,
    on: date | None = None,
) -> Expense:
    return Expense(
        id=f"01KAEXP{n:019d}",
        date=on or date(2026, 11, 20),
        amount=Decimal(amount),
        currency="USD",
        description=description,
        category=category,
        category_source=source,
        created_at=NOW,
        updated_at=NOW,
    )


def household(*expenses: Expense) -> list[Change]:
    """A user's budgets (coffee 60, groceries 400), a rule and the given expenses."""
    return [
        setting_record("base_currency", "USD", DEVICE),
        budget_record(Budget("coffee", Decimal(60), "USD"), DEVICE),
        budget_record(Budget("groceries", Decimal(400), "USD"), DEVICE),
        rule_record("r1", Rule(1, "blue bottle", "coffee"), DEVICE),
        *(expense_record(e, DEVICE) for e in expenses),
    ]
