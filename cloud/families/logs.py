"""The functions' log groups, made before the functions so that retention applies from their
first line (a group Lambda makes on its own keeps logs forever)."""

from __future__ import annotations

from collections.abc import Sequence

from cloud.aws import carries_tags
from cloud.families.deployment import Deployment, own_tags
from cloud.plan import Settings


class LogGroups:
    """The functions' CloudWatch log groups."""

    kind = "log group"

    def __init__(self, deployment: Deployment) -> None:
        self.deployment = deployment
        self.client = deployment.aws.client("logs")
        self.specs = {g.name: g for g in deployment.stack.log_groups}

    def wanted(self) -> dict[str, Settings]:
        return {
            name: {"retention days": g.retention_days, "tags": self.deployment.tags}
            for name, g in self.specs.items()
        }

    def found(self) -> dict[str, Settings]:
        prefix = self.deployment.stack.names.log_group(f"{self.deployment.stack.names.prefix}-")
        result = {}
        pages = self.client.get_paginator("describe_log_groups").paginate(logGroupNamePrefix=prefix)
        for page in pages:
            for group in page["logGroups"]:
                name = group["logGroupName"]
                arn = group["arn"].removesuffix(":*")
                tags = self.client.list_tags_for_resource(resourceArn=arn).get("tags", {})
                if name in self.specs or carries_tags(tags, self.deployment.tags):
                    result[name] = {
                        "retention days": group.get("retentionInDays"),
                        "tags": own_tags(tags, self.deployment.tags),
                    }
        return result

    def create(self, name: str) -> None:
        self.client.create_log_group(logGroupName=name, tags=self.deployment.tags)
        self.update(name, ("retention days",))

    def update(self, name: str, keys: Sequence[str]) -> None:
        if "retention days" in keys:
            self.client.put_retention_policy(
                logGroupName=name, retentionInDays=self.specs[name].retention_days
            )
        if "tags" in keys:
            arn = self.deployment.stack.arns.log_group(name)
            self.client.tag_resource(resourceArn=arn, tags=self.deployment.tags)

    def delete(self, name: str) -> None:
        self.client.delete_log_group(logGroupName=name)
