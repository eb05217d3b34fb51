"""The gateway's test stack on moto and the people who use it: names, resources, sign-in helpers.

Shared by the fixtures in conftest.py and by tests that drive a gateway in another process.
"""

from __future__ import annotations

import io
import json
import secrets
import zipfile
from dataclasses import dataclass, field
from typing import Any

from flask.testing import FlaskClient

from cloud.names import StackNames
from cloud.stack import tables
from server.aws_clients import new_session
from server.config import GatewayConfig, HashProfile
from server.gateway import Gateway

ACCOUNT = "123456789012"
REGION = "us-east-1"
PREFIX = "sbp-test"
CHEAP_HASH = HashProfile(memory_kib=8, time_cost=1, parallelism=1)  # argon2.profiles.CHEAPEST
TRUST = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
            "Action": ["sts:AssumeRole", "sts:SetSourceIdentity"],
        }
    ],
}


def stack_environ() -> dict[str, str]:
    """The environment a gateway of stack `sbp-test` on moto is started with."""
    return {
        "SBP_USERS_TABLE": f"{PREFIX}-users",
        "SBP_SESSIONS_TABLE": f"{PREFIX}-sessions",
        "SBP_ATTEMPTS_TABLE": f"{PREFIX}-login-attempts",
        "SBP_REPLICA_TABLE": f"{PREFIX}-replica",
        "SBP_BUCKET": f"{PREFIX}-data-{ACCOUNT}-{REGION}",
        "SBP_CATEGORIZE_QUEUE_URL": f"https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/{PREFIX}-categorize",
        "SBP_ALERTS_TOPIC": f"arn:aws:sns:{REGION}:{ACCOUNT}:{PREFIX}-alerts",
        "SBP_CLIENT_ROLE_ARN": f"arn:aws:iam::{ACCOUNT}:role/{PREFIX}-client",
        "SBP_REPORT_FUNCTION": f"{PREFIX}-report-generator",
        "SBP_TOKEN_KEYS": f"{secrets.token_hex(32)},{secrets.token_hex(32)}",
        "AWS_REGION": REGION,
    }


def no_real_aws(monkeypatch: Any) -> None:
    """Fake credentials and no endpoint or profile from the machine: no real account is reached."""
    for name in (
        "AWS_ENDPOINT_URL",
        "AWS_ENDPOINT_URL_DYNAMODB",
        "AWS_PROFILE",
        "AWS_SESSION_TOKEN",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)


def aws_client(service: str, endpoint: str | None = None) -> Any:
    """A client for the test's own calls, sharing the gateway's cached service descriptions."""
    return new_session(REGION).client(service, endpoint_url=endpoint)


def create_gateway_tables(dynamodb: Any, config: GatewayConfig, *, ttl: bool = True) -> None:
    """The gateway's three tables, as the stack describes them (`ttl=False` for a local
    DynamoDB without time to live, as the benchmark's dynalite is)."""
    wanted = {config.users_table, config.sessions_table, config.attempts_table}
    for table in tables(StackNames(config.stack_prefix)):
        if table.name not in wanted:
            continue
        dynamodb.create_table(TableName=table.name, BillingMode="PAY_PER_REQUEST", **table.keys)
        if ttl and table.ttl_attribute:
            dynamodb.update_time_to_live(
                TableName=table.name,
                TimeToLiveSpecification={"Enabled": True, "AttributeName": table.ttl_attribute},
            )


def build_stack(config: GatewayConfig, endpoint: str | None = None) -> None:
    """Create on moto (in-process, or the server at `endpoint`) every resource the gateway uses."""
    create_gateway_tables(aws_client("dynamodb", endpoint), config)
    aws_client("s3", endpoint).create_bucket(Bucket=config.bucket)
    aws_client("sqs", endpoint).create_queue(QueueName=f"{PREFIX}-categorize")
    aws_client("sns", endpoint).create_topic(Name=f"{PREFIX}-alerts")
    iam = aws_client("iam", endpoint)
    iam.create_role(RoleName=f"{PREFIX}-client", AssumeRolePolicyDocument=json.dumps(TRUST))
    role = iam.create_role(RoleName=f"{PREFIX}-report", AssumeRolePolicyDocument=json.dumps(TRUST))
    code = io.BytesIO()
    with zipfile.ZipFile(code, "w") as archive:
        archive.writestr("handler.py", "def handle(event, context):\n    return event\n")
    aws_client("lambda", endpoint).create_function(
        FunctionName=config.report_function,
        Runtime="python3.12",
        Role=role["Role"]["Arn"],
        Handler="handler.handle",
        Code={"ZipFile": code.getvalue()},
    )


@dataclass
class Person:
    """Someone with an account; `session` is the last Session the gateway gave them."""

    username: str
    email: str
    password: str
    device: dict[str, str] = field(
        default_factory=lambda: {"id": "laptop0000000001", "name": "laptop"}
    )
    session: dict[str, Any] = field(default_factory=dict)

    @property
    def user_id(self) -> str:
        return str(self.session["user_id"])

    @property
    def bearer(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.session['access_token']}"}


def remember(leaks: set[str], session: dict[str, Any]) -> None:
    credentials = session.get("credentials", {})
    leaks.update(
        str(value)
        for value in (
            session.get("access_token"),
            session.get("refresh_token"),
            session.get("refresh_token", "").rsplit(".", 1)[-1],
            credentials.get("secret_access_key"),
            credentials.get("session_token"),
        )
        if value
    )


def log_in(client: FlaskClient, person: Person, leaks: set[str], **extra: Any) -> Any:
    answer = client.post(
        "/api/v1/login",
        json={"login": person.username, "password": person.password, "device": person.device},
        **extra,
    )
    if answer.status_code == 200:
        person.session = answer.json
        remember(leaks, answer.json)
    return answer


def refresh(client: FlaskClient, person: Person, leaks: set[str]) -> Any:
    answer = client.post("/api/v1/refresh", json={"refresh_token": person.session["refresh_token"]})
    if answer.status_code == 200:
        person.session = answer.json
        remember(leaks, answer.json)
    return answer


def assume_role_calls(gw: Gateway) -> list[dict[str, Any]]:
    """The parameters of every AssumeRole call the gateway makes from now on (moto ignores
    session policies and SourceIdentity, so tests read what was asked for)."""
    calls: list[dict[str, Any]] = []

    def record(params: dict[str, Any], **_: Any) -> None:
        calls.append(dict(params))

    gw.aws.sts.meta.events.register("provide-client-params.sts.AssumeRole", record)
    return calls
