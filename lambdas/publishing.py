"""Publishing alerts on the alerts topic, each tagged with its user for subscription filters.

An alert is committed to the replica first and published only when that commit found its
dedupe key new, so a message is sent at most once (if SNS fails after the commit, the alert
still reaches the user's devices by sync, but its e-mail or SMS is not retried).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lambdas.observability import Metric, count, logger
from sbp.cloud.aws_errors import aws_call
from sbp.core.model import Notification

SUBJECT = "sbp: budget alert"


def publish_alerts(sns: Any, topic_arn: str, user_id: str, alerts: Sequence[Notification]) -> int:
    """Publish each alert; how many were published."""
    for alert in alerts:
        with aws_call("publishing a budget alert"):
            sns.publish(
                TopicArn=topic_arn,
                Subject=SUBJECT,
                Message=alert.message,
                MessageAttributes={
                    "user_id": {"DataType": "String", "StringValue": user_id},
                    "kind": {"DataType": "String", "StringValue": alert.kind},
                },
            )
        logger.info("alert published", extra={"user_id": user_id, "alert_kind": alert.kind})
    count(Metric.ALERTS_PUBLISHED, len(alerts))
    return len(alerts)
