"""The function's resources: names from its environment, read here and nowhere else, and the
AWS clients it needs, made once per container and reused by every invocation.

Variables (set by the stack): `SBP_REPLICA_TABLE`, `SBP_BUCKET`, `SBP_ALERTS_TOPIC` (the alerts
topic's ARN), `SBP_IDEMPOTENCY_TABLE`. `AWS_ENDPOINT_URL` (a local moto server) is honoured by
botocore itself. A function reads only the names it uses, so each role needs only its own.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from typing import Any

import boto3  # noqa: F401  every invocation calls AWS: load it during init, not in the first call

from sbp.cloud.clients import aws_client
from sbp.cloud.replica import DynamoReplica

REPLICA_TABLE = "SBP_REPLICA_TABLE"
BUCKET = "SBP_BUCKET"
ALERTS_TOPIC = "SBP_ALERTS_TOPIC"
IDEMPOTENCY_TABLE = "SBP_IDEMPOTENCY_TABLE"


class MissingSetting(RuntimeError):
    """The function's environment lacks a variable it needs: the stack is not as expected."""


class Resources:
    """Resource names and clients of this function."""

    def __init__(self, environ: Mapping[str, str]) -> None:
        self._environ = dict(environ)

    def name(self, variable: str) -> str:
        """A resource name from the environment; MissingSetting when it is not set."""
        value = self._environ.get(variable, "").strip()
        if not value:
            raise MissingSetting(f"{variable} is not set: the stack gives every function its names")
        return value

    @property
    def alerts_topic_arn(self) -> str:
        arn = self.name(ALERTS_TOPIC)
        if not arn.startswith("arn:"):
            raise MissingSetting(f"{ALERTS_TOPIC} must be the alerts topic's ARN (arn:aws:sns:...)")
        return arn

    @functools.cached_property
    def dynamodb(self) -> Any:
        return aws_client("dynamodb")

    @functools.cached_property
    def s3(self) -> Any:
        return aws_client("s3")

    @functools.cached_property
    def sns(self) -> Any:
        return aws_client("sns")

    def replica(self, user_id: str) -> DynamoReplica:
        """The replica of one user, on the shared client."""
        return DynamoReplica(user_id, self.name(REPLICA_TABLE), self.dynamodb)


@functools.cache
def resources() -> Resources:
    """This container's resources, from the environment at first use (tests clear the cache)."""
    return Resources(os.environ)
