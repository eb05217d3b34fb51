"""EventBridge Scheduler: the daily budget alert, in a schedule group of the stack's own.

Schedules cannot carry tags but their group can, so the group is what marks them as the
stack's: every schedule in it is the stack's. (No rule on the default event bus: moto's
put_events breaks on one, see the notes on offline AWS.)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cloud.aws import carries_tags, tag_dict, tag_list, unless_missing
from cloud.families.deployment import Deployment, own_tags
from cloud.plan import Settings

_MISSING = ("ResourceNotFoundException",)


class ScheduleGroups:
    """The stack's schedule group: taggable, unlike the schedules in it."""

    kind = "schedule group"

    def __init__(self, deployment: Deployment) -> None:
        self.deployment = deployment
        self.client = deployment.aws.client("scheduler")
        self.specs = {g.name: g for g in deployment.stack.schedule_groups}

    def wanted(self) -> dict[str, Settings]:
        return {name: {"tags": self.deployment.tags} for name in self.specs}

    def found(self) -> dict[str, Settings]:
        prefix = f"{self.deployment.stack.names.prefix}-"
        groups: dict[str, str] = {}
        for page in self.client.get_paginator("list_schedule_groups").paginate(NamePrefix=prefix):
            groups |= {g["Name"]: g["Arn"] for g in page["ScheduleGroups"]}
        result = {}
        for name, arn in sorted(groups.items()):
            tags = tag_dict(self.client.list_tags_for_resource(ResourceArn=arn)["Tags"])
            if name in self.specs or carries_tags(tags, self.deployment.tags):
                result[name] = {"tags": own_tags(tags, self.deployment.tags)}
        return result

    def create(self, name: str) -> None:
        self.client.create_schedule_group(Name=name, Tags=tag_list(self.deployment.tags))

    def update(self, name: str, keys: Sequence[str]) -> None:
        arn = self.client.get_schedule_group(Name=name)["Arn"]
        self.client.tag_resource(ResourceArn=arn, Tags=tag_list(self.deployment.tags))

    def delete(self, name: str) -> None:
        self.client.delete_schedule_group(Name=name)


class Schedules:
    """The schedules in the stack's schedule group."""

    kind = "schedule"

    def __init__(self, deployment: Deployment) -> None:
        self.deployment = deployment
        self.client = deployment.aws.client("scheduler")
        self.specs = {s.name: s for s in deployment.stack.schedules}
        self.groups = {g.name for g in deployment.stack.schedule_groups}
        self._group_of: dict[str, str] = {}

    def _arguments(self, name: str) -> dict[str, Any]:
        spec = self.specs[name]
        arns = self.deployment.stack.arns
        return {
            "Name": name,
            "GroupName": spec.group,
            "ScheduleExpression": spec.expression,
            "ScheduleExpressionTimezone": "UTC",
            "FlexibleTimeWindow": {"Mode": "OFF"},
            "Target": {
                "Arn": arns.function(spec.function),
                "RoleArn": arns.role(spec.role),
                "Input": spec.payload,
            },
            "State": "ENABLED",
        }

    @staticmethod
    def _comparable(schedule: dict[str, Any]) -> Settings:
        target = schedule.get("Target", {})
        return {
            "group": schedule.get("GroupName"),
            "expression": schedule.get("ScheduleExpression"),
            "timezone": schedule.get("ScheduleExpressionTimezone"),
            "window": schedule.get("FlexibleTimeWindow"),
            "target": {k: target.get(k) for k in ("Arn", "RoleArn", "Input")},
            "state": schedule.get("State"),
        }

    def wanted(self) -> dict[str, Settings]:
        return {name: self._comparable(self._arguments(name)) for name in self.specs}

    def found(self) -> dict[str, Settings]:
        result = {}
        for group in sorted(self.groups):
            if not unless_missing(self.client.get_schedule_group, _MISSING, Name=group):
                continue
            for page in self.client.get_paginator("list_schedules").paginate(GroupName=group):
                for summary in page["Schedules"]:
                    name = summary["Name"]
                    self._group_of[name] = group
                    result[name] = self._comparable(
                        self.client.get_schedule(Name=name, GroupName=group)
                    )
        return result

    def create(self, name: str) -> None:
        self.client.create_schedule(**self._arguments(name))

    def update(self, name: str, keys: Sequence[str]) -> None:
        self.client.update_schedule(**self._arguments(name))

    def delete(self, name: str) -> None:
        if name not in self._group_of:
            self.found()
        self.client.delete_schedule(Name=name, GroupName=self._group_of[name])
