"""Lambda functions: one zip for all three, each with its handler, role, layer, settings, tags.

Each writes to Lambda's default log group `/aws/lambda/<name>`, the one `cloud.families.logs`
makes beforehand with a retention.

The code is compared by digest, so an unchanged zip is never uploaded again. A role made a
moment ago may not be usable by Lambda yet, so creating a function waits for it
(`Deployment.once_roles_settle`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cloud.aws import carries_tags, unless_missing
from cloud.families.deployment import Deployment, own_tags
from cloud.families.layer import RuntimeLayer
from cloud.packaging import code_sha256
from cloud.plan import Settings

ARCHITECTURE = "x86_64"
UNPUBLISHED_LAYER = "(runtime layer not published yet)"


class Functions:
    """The stack's Lambda functions."""

    kind = "function"

    def __init__(self, deployment: Deployment) -> None:
        self.deployment = deployment
        self.client = deployment.aws.client("lambda")
        self.specs = {f.name: f for f in deployment.stack.functions}
        self.layer = RuntimeLayer(deployment)

    def _configuration(self, name: str) -> dict[str, Any]:
        """UpdateFunctionConfiguration's arguments for the function."""
        spec = self.specs[name]
        stack = self.deployment.stack
        return {
            "Description": spec.description,
            "Runtime": stack.layer.runtime,
            "Handler": spec.handler,
            "Role": stack.arns.role(name),
            "Timeout": spec.timeout,
            "MemorySize": spec.memory,
            "Environment": {"Variables": spec.environment},
            "Layers": [self.layer.current_arn() or UNPUBLISHED_LAYER],
        }

    def wanted(self) -> dict[str, Settings]:
        code = code_sha256(self.deployment.code)
        return {
            name: {
                "code": code,
                "configuration": self._configuration(name),
                "tags": self.deployment.tags,
            }
            for name in self.specs
        }

    @staticmethod
    def _comparable(found: dict[str, Any]) -> dict[str, Any]:
        return {
            "Description": found.get("Description", ""),
            "Runtime": found.get("Runtime"),
            "Handler": found.get("Handler"),
            "Role": found.get("Role"),
            "Timeout": found.get("Timeout"),
            "MemorySize": found.get("MemorySize"),
            "Environment": {"Variables": found.get("Environment", {}).get("Variables", {})},
            "Layers": [layer["Arn"] for layer in found.get("Layers", [])],
        }

    def found(self) -> dict[str, Settings]:
        names = self.deployment.stack.names
        candidates = set(self.specs)
        for page in self.client.get_paginator("list_functions").paginate():
            candidates |= {
                f["FunctionName"] for f in page["Functions"] if names.owns(f["FunctionName"])
            }
        result = {}
        for name in sorted(candidates):
            found = unless_missing(
                self.client.get_function, "ResourceNotFoundException", FunctionName=name
            )
            if found is None:
                continue
            tags = found.get("Tags", {})
            if name in self.specs or carries_tags(tags, self.deployment.tags):
                configuration = found["Configuration"]
                result[name] = {
                    "code": configuration["CodeSha256"],
                    "configuration": self._comparable(configuration),
                    "tags": own_tags(tags, self.deployment.tags),
                }
        return result

    def create(self, name: str) -> None:
        arguments = {
            "FunctionName": name,
            "Code": {"ZipFile": self.deployment.code},
            "Architectures": [ARCHITECTURE],
            "Tags": self.deployment.tags,
            **self._configuration(name),
        }
        self.deployment.once_roles_settle(self.client.create_function, **arguments)
        self.client.get_waiter("function_active_v2").wait(FunctionName=name)

    def update(self, name: str, keys: Sequence[str]) -> None:
        if "code" in keys:
            self.client.update_function_code(FunctionName=name, ZipFile=self.deployment.code)
            self.client.get_waiter("function_updated_v2").wait(FunctionName=name)
        if "configuration" in keys:
            self.client.update_function_configuration(
                FunctionName=name, **self._configuration(name)
            )
            self.client.get_waiter("function_updated_v2").wait(FunctionName=name)
        if "tags" in keys:
            arn = self.deployment.stack.arns.function(name)
            self.client.tag_resource(Resource=arn, Tags=self.deployment.tags)

    def delete(self, name: str) -> None:
        self.client.delete_function(FunctionName=name)
