"""CloudWatch alarms on the operators' topic: a non-empty dead-letter queue, and any function
error or throttle."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cloud.aws import carries_tags, tag_dict, tag_list
from cloud.families.deployment import Deployment, own_tags
from cloud.plan import Settings

_FIELDS = (
    "AlarmDescription",
    "Namespace",
    "MetricName",
    "Dimensions",
    "Statistic",
    "Period",
    "EvaluationPeriods",
    "Threshold",
    "ComparisonOperator",
    "TreatMissingData",
    "AlarmActions",
    "OKActions",
)


class Alarms:
    """The stack's CloudWatch metric alarms."""

    kind = "alarm"

    def __init__(self, deployment: Deployment) -> None:
        self.deployment = deployment
        self.client = deployment.aws.client("cloudwatch")
        self.specs = {a.name: a for a in deployment.stack.alarms}

    def _arguments(self, name: str) -> dict[str, Any]:
        spec = self.specs[name]
        stack = self.deployment.stack
        operators = [stack.arns.topic(stack.names.operators_topic)]
        return {
            "AlarmDescription": spec.description,
            "Namespace": spec.namespace,
            "MetricName": spec.metric,
            "Dimensions": [{"Name": k, "Value": v} for k, v in spec.dimensions],
            "Statistic": spec.statistic,
            "Period": spec.period,
            "EvaluationPeriods": 1,
            "Threshold": float(spec.threshold),
            "ComparisonOperator": "GreaterThanThreshold",
            "TreatMissingData": "notBreaching",
            "AlarmActions": operators,
            "OKActions": operators,
        }

    def wanted(self) -> dict[str, Settings]:
        return {
            name: {"alarm": self._arguments(name), "tags": self.deployment.tags}
            for name in self.specs
        }

    def found(self) -> dict[str, Settings]:
        prefix = f"{self.deployment.stack.names.prefix}-"
        result = {}
        pages = self.client.get_paginator("describe_alarms").paginate(
            AlarmNamePrefix=prefix, AlarmTypes=["MetricAlarm"]
        )
        for page in pages:
            for alarm in page["MetricAlarms"]:
                name = alarm["AlarmName"]
                found = self.client.list_tags_for_resource(ResourceARN=alarm["AlarmArn"])
                tags = tag_dict(found.get("Tags"))
                if name in self.specs or carries_tags(tags, self.deployment.tags):
                    result[name] = {
                        "alarm": {k: alarm.get(k) for k in _FIELDS},
                        "tags": own_tags(tags, self.deployment.tags),
                    }
        return result

    def create(self, name: str) -> None:
        self.client.put_metric_alarm(
            AlarmName=name, Tags=tag_list(self.deployment.tags), **self._arguments(name)
        )

    def update(self, name: str, keys: Sequence[str]) -> None:
        if "alarm" in keys:
            self.client.put_metric_alarm(AlarmName=name, **self._arguments(name))
        if "tags" in keys:
            arn = self.deployment.stack.arns.alarm(name)
            self.client.tag_resource(ResourceARN=arn, Tags=tag_list(self.deployment.tags))

    def delete(self, name: str) -> None:
        self.client.delete_alarms(AlarmNames=[name])
