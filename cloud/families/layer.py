"""The runtime layer: aws-lambda-powertools and reportlab, built for Lambda by pip.

Layer versions cannot be tagged or changed; a version's description records the fingerprint of
what went into it, so apply publishes a new version only when the requirements change, and the
functions use the newest version carrying the current fingerprint.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cloud.aws import unless_missing
from cloud.families.deployment import Deployment
from cloud.packaging import layer_fingerprint
from cloud.plan import Settings

_DESCRIPTION = "sbp runtime packages {}"


class RuntimeLayer:
    """The functions' layer of third-party packages."""

    kind = "layer"

    def __init__(self, deployment: Deployment) -> None:
        self.deployment = deployment
        self.client = deployment.aws.client("lambda")
        self.spec = deployment.stack.layer

    def wanted(self) -> dict[str, Settings]:
        return {self.spec.name: {"packages": layer_fingerprint(self.spec)}}

    def _versions(self) -> list[dict[str, Any]]:
        versions: list[dict[str, Any]] = []
        pages = self.client.get_paginator("list_layer_versions").paginate(LayerName=self.spec.name)
        for page in pages:
            versions += page["LayerVersions"]
        return sorted(versions, key=lambda v: int(v["Version"]), reverse=True)

    def current_arn(self) -> str | None:
        """The newest version built from the current requirements, if there is one."""
        description = _DESCRIPTION.format(layer_fingerprint(self.spec))
        for version in self._versions():
            if version.get("Description") == description:
                return str(version["LayerVersionArn"])
        return None

    def found(self) -> dict[str, Settings]:
        versions = unless_missing(self._versions, "ResourceNotFoundException")
        if not versions:
            return {}
        newest = versions[0].get("Description", "")
        return {self.spec.name: {"packages": newest.removeprefix(_DESCRIPTION.format(""))}}

    def create(self, name: str) -> None:
        self.client.publish_layer_version(
            LayerName=name,
            Description=_DESCRIPTION.format(layer_fingerprint(self.spec)),
            Content={"ZipFile": self.deployment.build_layer(self.spec)},
            CompatibleRuntimes=[self.spec.runtime],
            CompatibleArchitectures=["x86_64"],
        )

    def update(self, name: str, keys: Sequence[str]) -> None:
        self.create(name)

    def delete(self, name: str) -> None:
        for version in self._versions():
            self.client.delete_layer_version(LayerName=name, VersionNumber=version["Version"])
