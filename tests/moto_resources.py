"""The few AWS resources tests create in moto, named as the cloud design names them.

Kept small and obvious on purpose: they mirror what the stack creates (`sbp.cloud.tables` for
the replica table's keys, CLOUD.md's names for the rest), so tests can switch to the stack's
own apply once both live on one branch.
"""

from __future__ import annotations

from typing import Any

from sbp.cloud.tables import replica_table_definition

REGION = "us-east-1"
ACCOUNT = "123456789012"  # moto's default account
PREFIX = "sbp-test"
REPLICA_TABLE = f"{PREFIX}-replica"
IDEMPOTENCY_TABLE = f"{PREFIX}-idempotency"
BUCKET = f"{PREFIX}-data-{ACCOUNT}-{REGION}"
ALERTS_TOPIC = f"{PREFIX}-alerts"


def create_replica_table(dynamodb: Any, name: str = REPLICA_TABLE) -> None:
    dynamodb.create_table(
        TableName=name, BillingMode="PAY_PER_REQUEST", **replica_table_definition()
    )


def create_idempotency_table(dynamodb: Any, name: str = IDEMPOTENCY_TABLE) -> None:
    dynamodb.create_table(
        TableName=name,
        BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
    )


def create_bucket(s3: Any, name: str = BUCKET) -> None:
    s3.create_bucket(Bucket=name)


def create_topic(sns: Any, name: str = ALERTS_TOPIC) -> str:
    arn: str = sns.create_topic(Name=name)["TopicArn"]
    return arn
