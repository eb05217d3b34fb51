"""The gateway's configuration, read from the environment in this one place and checked at start.

Everything the gateway needs to know about its stack comes in environment variables (Elastic
Beanstalk sets them; the local stack exports them). A missing or malformed value stops the start
with one message that lists every problem at once, instead of failing on the first request.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

REQUIRED = (
    "SBP_USERS_TABLE",
    "SBP_SESSIONS_TABLE",
    "SBP_ATTEMPTS_TABLE",
    "SBP_REPLICA_TABLE",
    "SBP_BUCKET",
    "SBP_CATEGORIZE_QUEUE_URL",
    "SBP_ALERTS_TOPIC",
    "SBP_CLIENT_ROLE_ARN",
    "SBP_REPORT_FUNCTION",
    "SBP_TOKEN_KEYS",
    "AWS_REGION",
)
MIN_KEY_LENGTH = 32  # characters of each token-signing key: 256 bits of randomness as hex or more
DEFAULT_TRUSTED_HOSTS = ("localhost", "127.0.0.1")
_ROLE_ARN = re.compile(r"^arn:aws[\w-]*:iam::(\d{12}):role/(?:[\w+=,.@-]+/)*([\w+=,.@-]+)$")
_TOPIC_ARN = re.compile(r"^arn:aws[\w-]*:sns:[\w-]+:\d{12}:[\w-]+$")
_REGION = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d$")
_CLIENT_ROLE_SUFFIX = "-client"


class ConfigurationError(RuntimeError):
    """The environment does not describe a usable gateway; the message lists every problem."""


@dataclass(frozen=True)
class HashProfile:
    """argon2id cost parameters: production values by default, a cheap profile in tests."""

    memory_kib: int = 65536
    time_cost: int = 3
    parallelism: int = 4


@dataclass(frozen=True)
class GatewayConfig:
    """What the gateway knows about its stack and its secrets (never logged: see `__repr__`)."""

    users_table: str
    sessions_table: str
    attempts_table: str
    replica_table: str
    bucket: str
    categorize_queue_url: str
    alerts_topic: str
    client_role_arn: str
    report_function: str
    token_keys: tuple[str, ...] = field(repr=False)
    region: str
    endpoint_url: str | None = None
    dynamodb_endpoint_url: str | None = None
    lambda_endpoint_url: str | None = None
    trusted_hosts: tuple[str, ...] = DEFAULT_TRUSTED_HOSTS
    proxy_hops: int = 0
    hash_profile: HashProfile = HashProfile()

    @property
    def account(self) -> str:
        """The AWS account, read from the client role's ARN."""
        match = _ROLE_ARN.match(self.client_role_arn)
        assert match is not None  # checked by from_environ
        return match[1]

    @property
    def stack_prefix(self) -> str:
        """The stack's name prefix: the client role is `{prefix}-client`."""
        match = _ROLE_ARN.match(self.client_role_arn)
        assert match is not None
        return match[2].removesuffix(_CLIENT_ROLE_SUFFIX)

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> GatewayConfig:
        """The configuration in `environ`, or ConfigurationError naming everything wrong."""
        values = {name: environ.get(name, "").strip() for name in REQUIRED}
        problems = [f"missing {name}" for name, value in values.items() if not value]
        keys = tuple(key.strip() for key in values["SBP_TOKEN_KEYS"].split(",") if key.strip())
        problems += _check_values(values, keys)
        hops_text = environ.get("SBP_PROXY_HOPS", "0").strip() or "0"
        if not hops_text.isdigit() or int(hops_text) > 5:
            problems.append("SBP_PROXY_HOPS must be a whole number from 0 to 5")
        if problems:
            raise ConfigurationError("gateway configuration: " + "; ".join(problems))
        hosts = tuple(
            host.strip() for host in environ.get("SBP_TRUSTED_HOSTS", "").split(",") if host.strip()
        )
        return cls(
            users_table=values["SBP_USERS_TABLE"],
            sessions_table=values["SBP_SESSIONS_TABLE"],
            attempts_table=values["SBP_ATTEMPTS_TABLE"],
            replica_table=values["SBP_REPLICA_TABLE"],
            bucket=values["SBP_BUCKET"],
            categorize_queue_url=values["SBP_CATEGORIZE_QUEUE_URL"],
            alerts_topic=values["SBP_ALERTS_TOPIC"],
            client_role_arn=values["SBP_CLIENT_ROLE_ARN"],
            report_function=values["SBP_REPORT_FUNCTION"],
            token_keys=keys,
            region=values["AWS_REGION"],
            endpoint_url=environ.get("AWS_ENDPOINT_URL", "").strip() or None,
            dynamodb_endpoint_url=environ.get("AWS_ENDPOINT_URL_DYNAMODB", "").strip() or None,
            lambda_endpoint_url=environ.get("SBP_LAMBDA_ENDPOINT_URL", "").strip() or None,
            trusted_hosts=hosts or DEFAULT_TRUSTED_HOSTS,
            proxy_hops=int(hops_text),
        )

    def flask_settings(self) -> dict[str, Any]:
        """The Flask settings that follow from this configuration."""
        return {
            "TRUSTED_HOSTS": list(self.trusted_hosts),
            "MAX_CONTENT_LENGTH": 16 * 1024,  # every request body is a small JSON object
            "SESSION_COOKIE_SECURE": True,
            "SESSION_COOKIE_SAMESITE": "Lax",
            "SESSION_COOKIE_NAME": "__Host-session",
            "JSON_SORT_KEYS": False,
        }


def _check_values(values: Mapping[str, str], keys: tuple[str, ...]) -> list[str]:
    problems = []
    role = values["SBP_CLIENT_ROLE_ARN"]
    if role and not (_ROLE_ARN.match(role) and role.endswith(_CLIENT_ROLE_SUFFIX)):
        problems.append("SBP_CLIENT_ROLE_ARN must be the ARN of the stack's `<prefix>-client` role")
    topic = values["SBP_ALERTS_TOPIC"]
    if topic and not _TOPIC_ARN.match(topic):
        problems.append("SBP_ALERTS_TOPIC must be the alerts topic's ARN")
    queue = values["SBP_CATEGORIZE_QUEUE_URL"]
    if queue and not queue.startswith(("https://", "http://")):
        problems.append("SBP_CATEGORIZE_QUEUE_URL must be the queue's URL")
    region = values["AWS_REGION"]
    if region and not _REGION.match(region):
        problems.append("AWS_REGION must be a region name such as eu-west-1")
    if values["SBP_TOKEN_KEYS"] and any(len(key) < MIN_KEY_LENGTH for key in keys):
        problems.append(
            f"SBP_TOKEN_KEYS: every key needs at least {MIN_KEY_LENGTH} characters "
            "(e.g. `python -c 'import secrets; print(secrets.token_hex(32))'`)"
        )
    return problems
