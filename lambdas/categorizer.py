"""The categorizer Lambda (SQS): each message names a user and an expense that reached their
replica without a category they chose.

Per message: categorize it with the user's rules and corrections, write back only the category
fields, check the budgets of its month by the rule of `sbp add`, record each new alert once per
dedupe key and publish it on the alerts topic. A message that fails (bad body, unknown expense,
AWS trouble) is reported in `batchItemFailures` alone, so the rest of the batch is not replayed;
SQS retries it and, after the redrive count, moves it to the dead-letter queue, where operators
see it (a poisoned message is worth a look, so it is failed rather than skipped). The same
message delivered twice runs once (Powertools idempotency on its message id); a new message
about an expense already categorized writes nothing and alerts nothing new.
"""

from __future__ import annotations

import functools
import secrets
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)
from aws_lambda_powertools.utilities.batch.types import PartialItemFailureResponse
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.idempotency import (
    DynamoDBPersistenceLayer,
    IdempotencyConfig,
    idempotent_function,
)
from aws_lambda_powertools.utilities.typing import LambdaContext

from lambdas.environment import IDEMPOTENCY_TABLE, resources
from lambdas.inputs import expense_message
from lambdas.observability import Metric, count, logger, metrics
from lambdas.publishing import publish_alerts
from sbp.core.errors import SbpError
from sbp.core.ids import UlidSequence
from sbp.core.sync.cloud_alerts import alerts_after_write, record_new
from sbp.core.sync.cloud_categorizer import categorize_in_replica
from sbp.core.sync.hlc import HybridClock
from sbp.core.sync.steady_reads import SteadyReads
from sbp.core.sync.view import ReplicaView

ORIGIN = "categorizer"
clock = HybridClock(secrets.token_hex(8))  # a node id of this container's own among all writers
# A batch of only bad messages is answered like any other (each listed as failed, each on its way
# to the dead-letter queue) rather than by failing the whole invocation.
processor = BatchProcessor(event_type=EventType.SQS, raise_on_entire_batch_failure=False)
idempotency = IdempotencyConfig(event_key_jmespath="messageId", expires_after_seconds=24 * 3600)


views: dict[str, ReplicaView] = {}
"""The users' replicas seen by this invocation (a batch), each user's rules, corrections,
budgets and settings read once for all their messages."""


def view_of(user_id: str) -> ReplicaView:
    if user_id not in views:
        views[user_id] = ReplicaView(SteadyReads(resources().replica(user_id)))
    return views[user_id]


def categorize_message(record: dict[str, Any]) -> dict[str, Any]:
    """One SQS record's work; raises to fail that record alone."""
    message = expense_message(record.get("body"))
    now = datetime.now(UTC)
    env = resources()
    view = view_of(message.user_id)
    done = categorize_in_replica(view, message.expense_id, clock, now, ORIGIN)
    if done is None:
        logger.info("nothing to categorize", extra={"user_id": message.user_id})
        return {"categorized": False, "alerts": 0}
    count(Metric.EXPENSES_CATEGORIZED, int(done.written))
    due = alerts_after_write(view, done.expense, now.date(), now, make_id=UlidSequence().next)
    new = record_new(view, due, clock, now, ORIGIN)
    published = publish_alerts(env.sns, env.alerts_topic_arn, message.user_id, new) if new else 0
    logger.info(
        "expense checked",
        extra={"user_id": message.user_id, "categorized": done.written, "alerts": published},
    )
    return {"categorized": done.written, "alerts": published}


@functools.cache
def categorize_once() -> Callable[..., dict[str, Any]]:
    """`categorize_message`, run at most once per message id (the idempotency table of this
    container's environment)."""
    env = resources()
    store = DynamoDBPersistenceLayer(
        table_name=env.name(IDEMPOTENCY_TABLE), boto3_client=env.dynamodb
    )
    once = idempotent_function(
        data_keyword_argument="record", config=idempotency, persistence_store=store
    )
    worker: Callable[..., dict[str, Any]] = once(categorize_message)
    return worker


def categorize_record(record: SQSRecord) -> dict[str, Any]:
    """BatchProcessor's record handler: counts and logs a failure, then lets it fail the record."""
    try:
        return categorize_once()(record=record.raw_event)
    except SbpError as exc:
        count(Metric.CATEGORIZER_FAILURES)
        logger.warning(
            "message failed",
            extra={
                "message_id": record.message_id,
                "error": type(exc).__name__,
                "reason": str(exc),
            },
        )
        raise
    except Exception:
        count(Metric.CATEGORIZER_FAILURES)
        logger.exception("message failed unexpectedly", extra={"message_id": record.message_id})
        raise


@logger.inject_lambda_context
@metrics.log_metrics
def handler(event: dict[str, Any], context: LambdaContext) -> PartialItemFailureResponse:
    idempotency.register_lambda_context(context)
    views.clear()
    try:
        return process_partial_response(
            event=event, record_handler=categorize_record, processor=processor, context=context
        )
    finally:
        views.clear()
