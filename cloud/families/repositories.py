"""The ECR repository of the gateway's image: scanned on push, tags immutable (an image is
deployed by its exact tag), only the last few images kept."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from cloud.aws import carries_tags, tag_dict, tag_list, unless_missing
from cloud.families.deployment import Deployment, own_tags
from cloud.plan import Settings


class Repositories:
    """The gateway image's ECR repository."""

    kind = "repository"

    def __init__(self, deployment: Deployment) -> None:
        self.deployment = deployment
        self.client = deployment.aws.client("ecr")
        self.specs = {r.name: r for r in deployment.stack.repositories}

    def _lifecycle(self, name: str) -> dict[str, Any]:
        keep = self.specs[name].keep_images
        return {
            "rules": [
                {
                    "rulePriority": 1,
                    "description": f"Keep the last {keep} images",
                    "selection": {
                        "tagStatus": "any",
                        "countType": "imageCountMoreThan",
                        "countNumber": keep,
                    },
                    "action": {"type": "expire"},
                }
            ]
        }

    def wanted(self) -> dict[str, Settings]:
        return {
            name: {
                "scan on push": True,
                "tag mutability": "IMMUTABLE",
                "lifecycle": self._lifecycle(name),
                "tags": self.deployment.tags,
            }
            for name in self.specs
        }

    def found(self) -> dict[str, Settings]:
        names = self.deployment.stack.names
        result = {}
        for page in self.client.get_paginator("describe_repositories").paginate():
            for repository in page["repositories"]:
                name = repository["repositoryName"]
                if not (name in self.specs or names.owns(name)):
                    continue
                found = self.client.list_tags_for_resource(resourceArn=repository["repositoryArn"])
                tags = tag_dict(found.get("tags"))
                if name in self.specs or carries_tags(tags, self.deployment.tags):
                    result[name] = self._settings(repository, tags)
        return result

    def _settings(self, repository: dict[str, Any], tags: dict[str, str]) -> Settings:
        name = repository["repositoryName"]
        policy = unless_missing(
            self.client.get_lifecycle_policy,
            "LifecyclePolicyNotFoundException",
            repositoryName=name,
        )
        return {
            "scan on push": repository["imageScanningConfiguration"]["scanOnPush"],
            "tag mutability": repository["imageTagMutability"],
            "lifecycle": json.loads(policy["lifecyclePolicyText"]) if policy else None,
            "tags": own_tags(tags, self.deployment.tags),
        }

    def create(self, name: str) -> None:
        self.client.create_repository(
            repositoryName=name,
            imageScanningConfiguration={"scanOnPush": True},
            imageTagMutability="IMMUTABLE",
            encryptionConfiguration={"encryptionType": "AES256"},
            tags=tag_list(self.deployment.tags),
        )
        self.update(name, ("lifecycle",))

    def update(self, name: str, keys: Sequence[str]) -> None:
        ecr = self.client
        if "scan on push" in keys:
            ecr.put_image_scanning_configuration(
                repositoryName=name, imageScanningConfiguration={"scanOnPush": True}
            )
        if "tag mutability" in keys:
            ecr.put_image_tag_mutability(repositoryName=name, imageTagMutability="IMMUTABLE")
        if "lifecycle" in keys:
            ecr.put_lifecycle_policy(
                repositoryName=name, lifecyclePolicyText=json.dumps(self._lifecycle(name))
            )
        if "tags" in keys:
            arn = ecr.describe_repositories(repositoryNames=[name])["repositories"][0][
                "repositoryArn"
            ]
            ecr.tag_resource(resourceArn=arn, tags=tag_list(self.deployment.tags))

    def delete(self, name: str) -> None:
        self.client.delete_repository(repositoryName=name, force=True)
