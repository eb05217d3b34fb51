"""SQS queues: the categorizer's queue and its dead-letter queue, encrypted by SQS, tagged.

Dead-letter queues come first, so the queue that redrives into one can name it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from cloud.aws import carries_tags, unless_missing
from cloud.families.deployment import Deployment, own_tags
from cloud.plan import Settings
from cloud.specs import Queue

_MISSING = ("AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist")


class Queues:
    """The stack's SQS queues."""

    kind = "queue"

    def __init__(self, deployment: Deployment) -> None:
        self.deployment = deployment
        self.client = deployment.aws.client("sqs")
        specs = sorted(deployment.stack.queues, key=lambda q: q.dead_letter is not None)
        self.specs = {q.name: q for q in specs}

    def _attributes(self, spec: Queue) -> dict[str, str]:
        redrive = ""
        if spec.dead_letter:
            target = self.deployment.stack.arns.queue(spec.dead_letter)
            redrive = json.dumps(
                {"deadLetterTargetArn": target, "maxReceiveCount": spec.max_receives}
            )
        return {
            "VisibilityTimeout": str(spec.visibility_timeout),
            "MessageRetentionPeriod": str(spec.retention_seconds),
            "SqsManagedSseEnabled": "true",
            "RedrivePolicy": redrive,
        }

    def wanted(self) -> dict[str, Settings]:
        return {
            name: {**self._comparable(self._attributes(q)), "tags": self.deployment.tags}
            for name, q in self.specs.items()
        }

    @staticmethod
    def _comparable(attributes: dict[str, str]) -> Settings:
        redrive: Any = attributes.get("RedrivePolicy") or None
        if redrive:
            policy = json.loads(redrive)
            redrive = {
                "deadLetterTargetArn": policy["deadLetterTargetArn"],
                "maxReceiveCount": int(policy["maxReceiveCount"]),
            }
        return {
            "visibility timeout": attributes.get("VisibilityTimeout"),
            "retention": attributes.get("MessageRetentionPeriod"),
            "encryption": attributes.get("SqsManagedSseEnabled"),
            "redrive": redrive,
        }

    def _url(self, name: str) -> str | None:
        found = unless_missing(self.client.get_queue_url, _MISSING, QueueName=name)
        return str(found["QueueUrl"]) if found else None

    def found(self) -> dict[str, Settings]:
        prefix = f"{self.deployment.stack.names.prefix}-"
        urls = {name: url for name in self.specs if (url := self._url(name))}
        for page in self.client.get_paginator("list_queues").paginate(QueueNamePrefix=prefix):
            urls |= {url.rsplit("/", 1)[-1]: url for url in page.get("QueueUrls", [])}
        result = {}
        for name, url in sorted(urls.items()):
            tags = self.client.list_queue_tags(QueueUrl=url).get("Tags", {})
            if name in self.specs or carries_tags(tags, self.deployment.tags):
                attributes = self.client.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])[
                    "Attributes"
                ]
                result[name] = {
                    **self._comparable(attributes),
                    "tags": own_tags(tags, self.deployment.tags),
                }
        return result

    def create(self, name: str) -> None:
        attributes = {k: v for k, v in self._attributes(self.specs[name]).items() if v}
        self.client.create_queue(QueueName=name, Attributes=attributes, tags=self.deployment.tags)

    def update(self, name: str, keys: Sequence[str]) -> None:
        url = self._url(name)
        if any(key != "tags" for key in keys):
            self.client.set_queue_attributes(
                QueueUrl=url, Attributes=self._attributes(self.specs[name])
            )
        if "tags" in keys:
            self.client.tag_queue(QueueUrl=url, Tags=self.deployment.tags)

    def delete(self, name: str) -> None:
        # AWS refuses a new queue of the same name for 60 seconds after this.
        url = self._url(name)
        if url:
            self.client.delete_queue(QueueUrl=url)
