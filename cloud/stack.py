"""sbp's AWS stack, resource by resource: what `python -m cloud apply` makes exist.

Read it top to bottom: the tables, the bucket, the queues and topics, who may do what (`Use`),
the functions and what triggers them, the alarms, and the gateway's image repository and
application. Names come from `cloud.names`; IAM documents are generated from the `Use`s here by
`cloud.policies`, never written by hand.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from cloud.names import DEFAULT_PREFIX, Arns, StackNames
from cloud.specs import (
    Alarm,
    Application,
    Bucket,
    Function,
    Layer,
    LogGroup,
    Queue,
    QueueTrigger,
    Repository,
    Role,
    Schedule,
    ScheduleGroup,
    Table,
    Topic,
    Trust,
    Use,
)
from sbp.cloud.tables import BUDGET_INDEX, MONTH_INDEX, replica_table_definition

RUNTIME = "python3.12"
CATEGORIZER_TIMEOUT = 30
LOG_RETENTION_DAYS = 30
KEPT_IMAGES = 10
# The gateway's web view in development; a real stack names its own (`--upload-origin`).
DEFAULT_UPLOAD_ORIGINS = ("http://localhost:5000",)
# boto3 is part of the Lambda runtime; these are what the functions import besides sbp.
LAYER_REQUIREMENTS = ("aws-lambda-powertools>=3.37,<4", "reportlab>=4.2,<5")

ITEM_READS = ("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query")
ITEM_WRITES = ("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem")
ACCOUNT_ITEMS = (*ITEM_READS, *ITEM_WRITES, "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem")
# What Powertools' DynamoDB idempotency layer calls.
IDEMPOTENCY_ITEMS = (
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
)
QUEUE_CONSUMER = (
    "sqs:ReceiveMessage",
    "sqs:DeleteMessage",
    "sqs:ChangeMessageVisibility",
    "sqs:GetQueueAttributes",
)
LOG_WRITER = ("logs:CreateLogStream", "logs:PutLogEvents")


@dataclass(frozen=True)
class Stack:
    """Every resource of one stack, in one account and region."""

    names: StackNames
    arns: Arns
    tables: tuple[Table, ...]
    bucket: Bucket
    queues: tuple[Queue, ...]
    topics: tuple[Topic, ...]
    roles: tuple[Role, ...]
    layer: Layer
    functions: tuple[Function, ...]
    triggers: tuple[QueueTrigger, ...]
    schedule_groups: tuple[ScheduleGroup, ...]
    schedules: tuple[Schedule, ...]
    log_groups: tuple[LogGroup, ...]
    alarms: tuple[Alarm, ...]
    repositories: tuple[Repository, ...]
    applications: tuple[Application, ...]

    @property
    def tags(self) -> dict[str, str]:
        return self.names.tags


def _keys(*attributes: tuple[str, str]) -> dict[str, Any]:
    """CreateTable key arguments: a partition key and an optional sort key, both strings."""
    roles = ("HASH", "RANGE")
    return {
        "AttributeDefinitions": [{"AttributeName": a, "AttributeType": t} for a, t in attributes],
        "KeySchema": [
            {"AttributeName": a, "KeyType": r} for (a, _), r in zip(attributes, roles, strict=False)
        ],
    }


def tables(n: StackNames) -> tuple[Table, ...]:
    return (
        Table(n.users_table, _keys(("pk", "S"), ("sk", "S"))),
        Table(n.sessions_table, _keys(("user_id", "S"), ("sk", "S")), ttl_attribute="expires_at"),
        Table(n.login_attempts_table, _keys(("key", "S")), ttl_attribute="expires_at"),
        Table(n.replica_table, replica_table_definition()),
        Table(n.idempotency_table, _keys(("id", "S")), ttl_attribute="expiration"),
    )


def queues(n: StackNames) -> tuple[Queue, ...]:
    return (
        # AWS's advice for an SQS-triggered function: visibility at least 6x its timeout.
        Queue(n.categorize_queue, 6 * CATEGORIZER_TIMEOUT + 30, dead_letter=n.categorize_dlq),
        Queue(n.categorize_dlq, 30, retention_seconds=14 * 24 * 3600),
    )


def topics(n: StackNames) -> tuple[Topic, ...]:
    return (Topic(n.alerts_topic, "sbp"), Topic(n.operators_topic, "sbp ops"))


def client_uses(n: StackNames) -> tuple[Use, ...]:
    """The ceiling of a signed-in user's credentials; the gateway's session policy narrows each
    of these to the user's own partition key and key prefixes (`cloud.policies`)."""
    replica = n.replica_table
    return (
        # DeleteItem: a device purges tombstones every device has pulled past (sbp.sync)
        Use("table", replica, (*ITEM_READS, *ITEM_WRITES, "dynamodb:DeleteItem")),
        Use("index", f"{replica}/{MONTH_INDEX}", ("dynamodb:Query",)),
        # DeleteObject: a device's purge of a removed expense's receipt (sbp.sync.receipt_purge)
        Use("objects", "receipts/", ("s3:GetObject", "s3:PutObject", "s3:DeleteObject")),
        Use("objects", "snapshots/", ("s3:GetObject", "s3:PutObject")),
        Use("objects", "reports/", ("s3:GetObject",)),
        Use("queue", n.categorize_queue, ("sqs:SendMessage",)),
    )


def functions(n: StackNames, arns: Arns, bucket: str) -> tuple[Function, ...]:
    replica = n.replica_table
    environment = {
        "SBP_REPLICA_TABLE": replica,
        "SBP_BUCKET": bucket,
        "SBP_ALERTS_TOPIC": arns.topic(n.alerts_topic),
        "SBP_IDEMPOTENCY_TABLE": n.idempotency_table,
        "POWERTOOLS_METRICS_NAMESPACE": "sbp",
    }
    month = Use("index", f"{replica}/{MONTH_INDEX}", ("dynamodb:Query",))
    publish = Use("topic", n.alerts_topic, ("sns:Publish",))
    return (
        Function(
            n.categorizer,
            "Categorizes expenses that reach the replica uncategorized; checks budgets",
            "lambdas.categorizer.handler",
            CATEGORIZER_TIMEOUT,
            512,
            uses=(
                Use("table", replica, (*ITEM_READS, *ITEM_WRITES)),
                month,
                Use("table", n.idempotency_table, IDEMPOTENCY_ITEMS),
                Use("queue", n.categorize_queue, QUEUE_CONSUMER),
                publish,
            ),
            environment={**environment, "POWERTOOLS_SERVICE_NAME": "categorizer"},
        ),
        Function(
            n.budget_alert,
            "Publishes each user's due budget alerts once a day",
            "lambdas.budget_alert.handler",
            300,
            512,
            uses=(
                Use("table", replica, (*ITEM_READS, *ITEM_WRITES)),
                month,
                Use("index", f"{replica}/{BUDGET_INDEX}", ("dynamodb:Query",)),
                publish,
            ),
            environment={**environment, "POWERTOOLS_SERVICE_NAME": "budget_alert"},
        ),
        Function(
            n.report_generator,
            "Renders a user's report PDF into S3 and returns a short-lived link",
            "lambdas.report_generator.handler",
            60,
            1024,
            uses=(
                Use("table", replica, ITEM_READS),
                month,
                Use("objects", "reports/", ("s3:PutObject", "s3:GetObject")),
            ),
            environment={**environment, "POWERTOOLS_SERVICE_NAME": "report_generator"},
        ),
    )


def roles(n: StackNames, lambdas: tuple[Function, ...]) -> tuple[Role, ...]:
    lambda_trust = Trust(services=("lambda.amazonaws.com",))
    own = tuple(
        Role(
            f.name,
            f"Runs {f.name}",
            lambda_trust,
            (*f.uses, Use("logs", n.log_group(f.name), LOG_WRITER)),
        )
        for f in lambdas
    )
    return (
        Role(
            n.gateway_role,
            "The sign-in gateway: accounts, scoped credentials, reports and alerts",
            Trust(services=("ec2.amazonaws.com",)),
            (
                # DescribeTable: the health check asks whether its tables are there
                *(
                    Use("table", t, (*ACCOUNT_ITEMS, "dynamodb:DescribeTable"))
                    for t in _gateway_tables(n)
                ),
                Use("role", n.client_role, ("sts:AssumeRole", "sts:SetSourceIdentity")),
                Use("function", n.report_generator, ("lambda:InvokeFunction",)),
                # Unsubscribe and GetSubscriptionAttributes: a user's alerts replaced, shown, off
                Use(
                    "topic",
                    n.alerts_topic,
                    (
                        "sns:Subscribe",
                        "sns:Publish",
                        "sns:Unsubscribe",
                        "sns:GetSubscriptionAttributes",
                    ),
                ),
            ),
            instance_profile=True,
        ),
        Role(
            n.client_role,
            "A signed-in user's device; narrowed per user by the gateway's session policy",
            Trust(roles=(n.gateway_role,), actions=("sts:AssumeRole", "sts:SetSourceIdentity")),
            client_uses(n),
        ),
        Role(
            n.scheduler_role,
            "EventBridge Scheduler starting the daily budget alert",
            Trust(services=("scheduler.amazonaws.com",), same_account_only=True),
            (Use("function", n.budget_alert, ("lambda:InvokeFunction",)),),
        ),
        *own,
    )


def _gateway_tables(n: StackNames) -> tuple[str, ...]:
    return (n.users_table, n.sessions_table, n.login_attempts_table)


def alarms(n: StackNames, lambdas: tuple[Function, ...]) -> tuple[Alarm, ...]:
    dlq = Alarm(
        f"{n.categorize_dlq}-not-empty",
        "Messages the categorizer failed on three times are waiting in the dead-letter queue",
        "AWS/SQS",
        "ApproximateNumberOfMessagesVisible",
        (("QueueName", n.categorize_dlq),),
        "Maximum",
        0,
    )
    per_function = (
        Alarm(
            f"{f.name}-{metric.lower()}",
            f"{f.name} reported {metric.lower()}",
            "AWS/Lambda",
            metric,
            (("FunctionName", f.name),),
            "Sum",
            0,
        )
        for f in lambdas
        for metric in ("Errors", "Throttles")
    )
    return (dlq, *per_function)


def describe(
    prefix: str = DEFAULT_PREFIX,
    *,
    account: str,
    region: str,
    upload_origins: tuple[str, ...] = DEFAULT_UPLOAD_ORIGINS,
    tls_only: bool = True,
) -> Stack:
    """The whole stack for `prefix` in one account and region.

    `tls_only=False` leaves out the bucket policy that refuses plain HTTP. It is for a moto
    server only: moto (5.2) applies a bucket policy's Deny whatever its condition, so with the
    policy every object read and write would be refused there.
    """
    n = StackNames(prefix)
    arns = Arns(account, region)
    bucket = n.bucket(account, region)
    lambdas = functions(n, arns, bucket)
    daily = Schedule(
        n.budget_alert_schedule,
        n.schedule_group,
        "cron(0 7 * * ? *)",
        n.budget_alert,
        n.scheduler_role,
        json.dumps({"source": "sbp.schedule", "detail-type": "budget-alert-daily"}),
    )
    return Stack(
        names=n,
        arns=arns,
        tables=tables(n),
        bucket=Bucket(bucket, upload_origins, tls_only=tls_only),
        queues=queues(n),
        topics=topics(n),
        roles=roles(n, lambdas),
        layer=Layer(n.runtime_layer, LAYER_REQUIREMENTS, RUNTIME),
        functions=lambdas,
        triggers=(QueueTrigger(n.categorizer, n.categorize_queue),),
        schedule_groups=(ScheduleGroup(n.schedule_group),),
        schedules=(daily,),
        log_groups=tuple(LogGroup(n.log_group(f.name), LOG_RETENTION_DAYS) for f in lambdas),
        alarms=alarms(n, lambdas),
        repositories=(Repository(n.repository, KEPT_IMAGES),),
        applications=(Application(n.application, "sbp's sign-in gateway (Flask in Docker)"),),
    )
