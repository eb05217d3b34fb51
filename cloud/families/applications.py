"""The gateway's Elastic Beanstalk application (only the application: environments and
versions come with the deploy).

moto's Elastic Beanstalk neither reports an application's description nor keeps its tags; both
are set when the application is made, and where they cannot be read they are not counted as
drift (on AWS they are read and put back like any other setting).
"""

from __future__ import annotations

from collections.abc import Sequence

from cloud.aws import tag_dict, tag_list, unless_missing
from cloud.families.deployment import Deployment, own_tags
from cloud.plan import UNREADABLE, Settings


class Applications:
    """The gateway's Elastic Beanstalk application."""

    kind = "application"

    def __init__(self, deployment: Deployment) -> None:
        self.deployment = deployment
        self.client = deployment.aws.client("elasticbeanstalk")
        self.specs = {a.name: a for a in deployment.stack.applications}

    def wanted(self) -> dict[str, Settings]:
        return {
            name: {"description": a.description, "tags": self.deployment.tags}
            for name, a in self.specs.items()
        }

    def found(self) -> dict[str, Settings]:
        listed = self.client.describe_applications(ApplicationNames=sorted(self.specs))
        result = {}
        # moto lists every application whatever the names asked for.
        for application in listed["Applications"]:
            if application["ApplicationName"] not in self.specs:
                continue
            tags = unless_missing(
                self.client.list_tags_for_resource,
                "ResourceNotFoundException",
                ResourceArn=application["ApplicationArn"],
            )
            result[application["ApplicationName"]] = {
                "description": application.get("Description", UNREADABLE),
                "tags": own_tags(tag_dict(tags["ResourceTags"]), self.deployment.tags)
                if tags
                else UNREADABLE,
            }
        return result

    def create(self, name: str) -> None:
        self.client.create_application(
            ApplicationName=name,
            Description=self.specs[name].description,
            Tags=tag_list(self.deployment.tags),
        )

    def update(self, name: str, keys: Sequence[str]) -> None:
        if "description" in keys:
            self.client.update_application(
                ApplicationName=name, Description=self.specs[name].description
            )
        if "tags" in keys:
            arn = self.client.describe_applications(ApplicationNames=[name])["Applications"][0][
                "ApplicationArn"
            ]
            self.client.update_tags_for_resource(
                ResourceArn=arn, TagsToAdd=tag_list(self.deployment.tags)
            )

    def delete(self, name: str) -> None:
        # An environment still running the gateway goes with its application.
        self.client.delete_application(ApplicationName=name, TerminateEnvByForce=True)
