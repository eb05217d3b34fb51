"""The budget alert Lambda (daily schedule): every user with budgets, this month's alerts.

The users come from the sparse `budget_owners` index (never a scan); each user's budgets and
month totals are read by key from their replica. The alerts due (the highest threshold each
category reached, and pace warnings) are recorded once per dedupe key and published; a second
run the same day finds them recorded and publishes nothing. One user's failure does not stop
the others; the run then fails at the end, so the Lambda error alarm sees it and a retry
(which cannot double an alert) finishes the job.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from lambdas.environment import REPLICA_TABLE, resources
from lambdas.inputs import refusal, scheduled_time
from lambdas.observability import logger, metrics
from lambdas.publishing import publish_alerts
from sbp.cloud.budget_owners import budget_owners
from sbp.core.errors import InvalidInput
from sbp.core.ids import UlidSequence
from sbp.core.sync.cloud_alerts import due_alerts, record_new
from sbp.core.sync.hlc import HybridClock
from sbp.core.sync.view import ReplicaView

ORIGIN = "budget_alert"
clock = HybridClock(secrets.token_hex(8))


class BudgetCheckIncomplete(RuntimeError):
    """Some users could not be checked; the run is failed so that it is seen and retried."""


def check_user(user_id: str, now: datetime) -> int:
    """Record and publish one user's due alerts; how many were published."""
    env = resources()
    view = ReplicaView(env.replica(user_id))
    due = due_alerts(view, now.date(), now, make_id=UlidSequence().next)
    new = record_new(view, due, clock, now, ORIGIN)
    return publish_alerts(env.sns, env.alerts_topic_arn, user_id, new) if new else 0


@logger.inject_lambda_context
@metrics.log_metrics
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    try:
        now = scheduled_time(event, datetime.now(UTC))
    except InvalidInput as exc:
        logger.warning("event refused", extra={"reason": str(exc)})
        return refusal(exc)
    env = resources()
    users = budget_owners(env.dynamodb, env.name(REPLICA_TABLE))
    published = failed = 0
    for user_id in users:
        try:
            published += check_user(user_id, now)
        except Exception:
            failed += 1
            logger.exception("budget check failed", extra={"user_id": user_id})
    summary = {"users": len(users), "alerts": published, "failed": failed}
    logger.info("budget check done", extra=summary)
    if failed:
        raise BudgetCheckIncomplete(f"{failed} of {len(users)} users could not be checked")
    return summary
