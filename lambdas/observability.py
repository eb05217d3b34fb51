"""Logging and metrics shared by every handler, from Powertools, configured in one place.

Log lines are JSON (service, function, request id) and carry ids and counts only: never a
description, an amount or an address. Metrics go out as CloudWatch Embedded Metric Format on
stdout at the end of each invocation (`metrics.log_metrics`). The service and the namespace
are `POWERTOOLS_SERVICE_NAME` and `POWERTOOLS_METRICS_NAMESPACE` when the stack sets them,
`sbp` otherwise (Powertools would otherwise refuse to print metrics without a namespace).
"""

from __future__ import annotations

import os
import warnings
from enum import StrEnum

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit

# An invocation with nothing to count (a message about an expense already categorized) is normal.
warnings.filterwarnings("ignore", "No application metrics to publish", UserWarning)

logger = Logger(service=os.environ.get("POWERTOOLS_SERVICE_NAME") or "sbp")
metrics = Metrics(namespace=os.environ.get("POWERTOOLS_METRICS_NAMESPACE") or "sbp")


class Metric(StrEnum):
    """The custom metrics the functions emit (alarms and dashboards name them)."""

    EXPENSES_CATEGORIZED = "ExpensesCategorized"
    ALERTS_PUBLISHED = "AlertsPublished"
    CATEGORIZER_FAILURES = "CategorizerFailures"
    REPORTS_GENERATED = "ReportsGenerated"


def count(metric: Metric, value: int = 1) -> None:
    """Add to a count metric of this invocation (nothing when `value` is 0)."""
    if value:
        metrics.add_metric(name=metric.value, unit=MetricUnit.Count, value=value)
