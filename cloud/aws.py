"""One AWS session for a run of `python -m cloud`: its clients, its account, its errors.

`--endpoint-url` points every client at one endpoint (a moto server on loopback for the local
stack); without it boto3 finds AWS and the credentials the usual way (environment, profile).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Any, TypeVar

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

T = TypeVar("T")


class StackError(Exception):
    """Something the person running the stack must fix; the message says what."""


class Aws:
    """boto3 clients for one region (and endpoint), made once each."""

    def __init__(self, region: str, endpoint_url: str | None = None) -> None:
        self.region = region
        self.endpoint_url = endpoint_url
        self._session = boto3.session.Session(region_name=region)
        self._clients: dict[str, Any] = {}

    def client(self, service: str) -> Any:
        if service not in self._clients:
            self._clients[service] = self._session.client(
                service,
                endpoint_url=self.endpoint_url,
                config=Config(retries={"mode": "standard", "max_attempts": 8}),
            )
        return self._clients[service]

    @cached_property
    def account(self) -> str:
        return str(self.client("sts").get_caller_identity()["Account"])


def error_code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))


def unless_missing(
    call: Callable[..., T], missing: str | tuple[str, ...], **arguments: Any
) -> T | None:
    """`call(**arguments)`, or None when AWS answers that there is no such thing (`missing`
    holds the error codes that say so)."""
    try:
        return call(**arguments)
    except ClientError as error:
        if error_code(error) in ((missing,) if isinstance(missing, str) else missing):
            return None
        raise


def tag_list(tags: dict[str, str], key: str = "Key", value: str = "Value") -> list[dict[str, str]]:
    """`{"k": "v"}` as the `[{"Key": "k", "Value": "v"}]` most AWS APIs take."""
    return [{key: k, value: v} for k, v in sorted(tags.items())]


def tag_dict(
    tags: list[dict[str, str]] | None, key: str = "Key", value: str = "Value"
) -> dict[str, str]:
    return {tag[key]: tag[value] for tag in tags or []}


def carries_tags(found: dict[str, str], wanted: dict[str, str]) -> bool:
    """Whether a resource's tags include all of `wanted` (the proof it is the stack's)."""
    return all(found.get(k) == v for k, v in wanted.items())
