"""The report Lambda (invoked by the gateway): a period's report PDF, stored and linked.

Payload: `{"user_id": ULID, "month": "2026-11"}` (or `week`, `year`, `from`/`to`, as `sbp report`
takes them; this month when none). The report is built from the user's replica with the same
builder as `sbp report`, rendered by the same `render_pdf`, stored at
`reports/{user_id}/report-{type}-{period}.pdf` and answered with a presigned GET URL that
expires in minutes. A refused request answers `{"error": code, "message": ...}`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from lambdas.environment import BUCKET, resources
from lambdas.inputs import ReportRequest, refusal, report_request
from lambdas.observability import Metric, count, logger, metrics
from sbp.cloud.aws_errors import aws_call
from sbp.core.errors import SbpError
from sbp.core.report_periods import ReportPeriod
from sbp.core.sync.cloud_report import replica_report
from sbp.core.sync.view import ReplicaView

URL_LIFETIME = 300
"""Seconds a report link works: long enough to open it, short enough not to be passed around."""


def report_key(user_id: str, period: ReportPeriod) -> str:
    """`reports/<user>/report-month-2026-11.pdf`."""
    return f"reports/{user_id}/report-{period.kind.value}-{period.slug}.pdf"


def generate(request: ReportRequest, now: datetime) -> dict[str, Any]:
    """Render, store and link one report."""
    from sbp.render.pdf import render_pdf  # reportlab: loaded once a request is known good

    env = resources()
    pdf = render_pdf(replica_report(ReplicaView(env.replica(request.user_id)), request.period, now))
    key = report_key(request.user_id, request.period)
    bucket = env.name(BUCKET)
    with aws_call("storing the report"):
        env.s3.put_object(Bucket=bucket, Key=key, Body=pdf, ContentType="application/pdf")
        url = env.s3.generate_presigned_url(
            "get_object", Params={"Bucket": bucket, "Key": key}, ExpiresIn=URL_LIFETIME
        )
    count(Metric.REPORTS_GENERATED)
    logger.info(
        "report generated",
        extra={"user_id": request.user_id, "period": request.period.slug, "bytes": len(pdf)},
    )
    return {"key": key, "url": url, "expires_in": URL_LIFETIME}


@logger.inject_lambda_context
@metrics.log_metrics
def handler(event: Any, context: LambdaContext) -> dict[str, Any]:
    now = datetime.now(UTC)
    try:
        return generate(report_request(event, now.date()), now)
    except SbpError as exc:
        logger.warning("report refused", extra={"error": type(exc).__name__, "reason": str(exc)})
        return refusal(exc)
