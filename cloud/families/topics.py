"""SNS topics: users' budget alerts (filtered per user by the `user_id` message attribute) and
the operators' topic the CloudWatch alarms notify."""

from __future__ import annotations

from collections.abc import Sequence

from cloud.aws import carries_tags, tag_dict, tag_list, unless_missing
from cloud.families.deployment import Deployment, own_tags
from cloud.plan import Settings


class Topics:
    """The stack's SNS topics."""

    kind = "topic"

    def __init__(self, deployment: Deployment) -> None:
        self.deployment = deployment
        self.client = deployment.aws.client("sns")
        self.specs = {t.name: t for t in deployment.stack.topics}
        self.arns = deployment.stack.arns

    def wanted(self) -> dict[str, Settings]:
        return {
            name: {"display name": t.display_name, "tags": self.deployment.tags}
            for name, t in self.specs.items()
        }

    def found(self) -> dict[str, Settings]:
        names = self.deployment.stack.names
        arns = {name: self.arns.topic(name) for name in self.specs}
        for page in self.client.get_paginator("list_topics").paginate():
            for topic in page["Topics"]:
                name = topic["TopicArn"].rsplit(":", 1)[-1]
                if names.owns(name):
                    arns[name] = topic["TopicArn"]
        result = {}
        for name, arn in sorted(arns.items()):
            found = unless_missing(self.client.get_topic_attributes, "NotFound", TopicArn=arn)
            if found is None:
                continue
            tags = tag_dict(self.client.list_tags_for_resource(ResourceArn=arn)["Tags"])
            if name in self.specs or carries_tags(tags, self.deployment.tags):
                result[name] = {
                    "display name": found["Attributes"].get("DisplayName", ""),
                    "tags": own_tags(tags, self.deployment.tags),
                }
        return result

    def create(self, name: str) -> None:
        self.client.create_topic(
            Name=name,
            Attributes={"DisplayName": self.specs[name].display_name},
            Tags=tag_list(self.deployment.tags),
        )

    def update(self, name: str, keys: Sequence[str]) -> None:
        arn = self.arns.topic(name)
        if "display name" in keys:
            self.client.set_topic_attributes(
                TopicArn=arn,
                AttributeName="DisplayName",
                AttributeValue=self.specs[name].display_name,
            )
        if "tags" in keys:
            self.client.tag_resource(ResourceArn=arn, Tags=tag_list(self.deployment.tags))

    def delete(self, name: str) -> None:
        self.client.delete_topic(TopicArn=self.arns.topic(name))
