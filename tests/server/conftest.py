"""A gateway over moto: its stack (tables, bucket, queue, topic, roles, the report function),
an app with a cheap password hash, people who register and sign in, and a watch on the logs.

Every test in this folder runs with `no_secrets_in_logs`: each password, token, credential and
e-mail address a test hands the gateway or gets from it is remembered, and after the test none
of them may appear in any log record of the run.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from gateway_stack import (
    CHEAP_HASH,
    Person,
    build_stack,
    log_in,
    no_real_aws,
    stack_environ,
)
from moto import mock_aws

from server import create_app
from server.access_log import JsonLines
from server.config import GatewayConfig
from server.gateway import Gateway


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """moto in-process, with fake credentials so nothing can reach a real account."""
    no_real_aws(monkeypatch)
    with mock_aws(config={"lambda": {"use_docker": False}}):
        yield


@pytest.fixture
def environ() -> dict[str, str]:
    return stack_environ()


@pytest.fixture
def config(environ: dict[str, str], leaks: set[str]) -> GatewayConfig:
    leaks.update(environ["SBP_TOKEN_KEYS"].split(","))
    return replace(GatewayConfig.from_environ(environ), hash_profile=CHEAP_HASH)


@pytest.fixture
def app(aws: None, config: GatewayConfig) -> Flask:
    build_stack(config)
    return create_app(config)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def gw(app: Flask) -> Gateway:
    found: Gateway = app.extensions["sbp.gateway"]
    return found


# ---- people -------------------------------------------------------------------------------


@pytest.fixture
def leaks() -> set[str]:
    """Secrets and addresses seen in this test: none may appear in a log record."""
    return set()


@pytest.fixture(autouse=True)
def no_secrets_in_logs(leaks: set[str]) -> Iterator[list[str]]:
    """Capture every log record of the test as the gateway formats it, then look for leaks."""
    lines: list[str] = []

    class Keep(logging.Handler):
        """Keeps each record, formatted as the gateway writes it."""

        def emit(self, record: logging.LogRecord) -> None:
            lines.append(self.format(record))

    handler = Keep(logging.DEBUG)
    handler.setFormatter(JsonLines())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield lines
    finally:
        root.removeHandler(handler)
    text = "\n".join(lines)
    leaked = sorted(secret for secret in leaks if secret and secret in text)
    assert not leaked, f"{len(leaked)} secret(s) found in the logs"


@pytest.fixture
def people(client: FlaskClient, leaks: set[str]) -> Any:
    """A maker of registered, signed-in people: `people("alice")`."""

    def make(username: str, *, sign_in: bool = True) -> Person:
        person = Person(
            username,
            f"{username}@example.com",
            f"a long phrase for {username} {secrets.token_hex(4)}",
        )
        leaks.update({person.password, person.email})
        answer = client.post(
            "/api/v1/register",
            json={"username": person.username, "email": person.email, "password": person.password},
        )
        assert answer.status_code == 201, answer.json
        if sign_in:
            log_in(client, person, leaks)
        return person

    return make
