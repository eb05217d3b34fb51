"""SQS event source mappings: the categorizer reads its queue in batches and reports partial
batch failures, so one poisoned message is retried (then dead-lettered) without the rest.

Mappings cannot be named or tagged; a mapping belongs to the stack when its function does, and
is known here as `queue -> function`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cloud.aws import unless_missing
from cloud.families.deployment import Deployment
from cloud.plan import Settings


def _label(queue: str, function: str) -> str:
    return f"{queue} -> {function}"


class QueueTriggers:
    """SQS event source mappings of the stack's functions."""

    kind = "queue trigger"

    def __init__(self, deployment: Deployment) -> None:
        self.deployment = deployment
        self.client = deployment.aws.client("lambda")
        self.specs = {_label(t.queue, t.function): t for t in deployment.stack.triggers}
        self._uuids: dict[str, str] = {}

    def wanted(self) -> dict[str, Settings]:
        return {
            label: {
                "batch size": t.batch_size,
                "batching window": t.batching_window,
                "response types": ["ReportBatchItemFailures"],
                "enabled": True,
            }
            for label, t in self.specs.items()
        }

    def _mappings(self, function: str) -> list[dict[str, Any]]:
        def listing() -> list[dict[str, Any]]:
            found: list[dict[str, Any]] = []
            pages = self.client.get_paginator("list_event_source_mappings").paginate(
                FunctionName=function
            )
            for page in pages:
                found += page["EventSourceMappings"]
            return found

        return unless_missing(listing, "ResourceNotFoundException") or []

    def found(self) -> dict[str, Settings]:
        result = {}
        for function in sorted(f.name for f in self.deployment.stack.functions):
            for mapping in self._mappings(function):
                label = _label(mapping["EventSourceArn"].rsplit(":", 1)[-1], function)
                self._uuids[label] = mapping["UUID"]
                result[label] = {
                    "batch size": mapping.get("BatchSize"),
                    "batching window": mapping.get("MaximumBatchingWindowInSeconds", 0),
                    "response types": mapping.get("FunctionResponseTypes", []),
                    "enabled": mapping.get("State") not in ("Disabled", "Disabling"),
                }
        return result

    def _arguments(self, label: str) -> dict[str, Any]:
        spec = self.specs[label]
        return {
            "FunctionName": spec.function,
            "BatchSize": spec.batch_size,
            "MaximumBatchingWindowInSeconds": spec.batching_window,
            "FunctionResponseTypes": ["ReportBatchItemFailures"],
            "Enabled": True,
        }

    def create(self, name: str) -> None:
        queue = self.deployment.stack.arns.queue(self.specs[name].queue)
        # Lambda checks the function's role may read the queue, which a new role may not yet.
        self.deployment.once_roles_settle(
            self.client.create_event_source_mapping, EventSourceArn=queue, **self._arguments(name)
        )

    def update(self, name: str, keys: Sequence[str]) -> None:
        self.client.update_event_source_mapping(UUID=self._uuid(name), **self._arguments(name))

    def delete(self, name: str) -> None:
        self.client.delete_event_source_mapping(UUID=self._uuid(name))

    def _uuid(self, label: str) -> str:
        if label not in self._uuids:
            self.found()
        return self._uuids[label]
