"""The device side of signing in, against a real gateway: the Flask app served on loopback by
Werkzeug in a thread, over moto in this process, and a keyring in memory (never the machine's).

`gateway.requests` lists the paths asked for, so a test can count refreshes.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend
from moto import mock_aws
from werkzeug.serving import make_server

from server import create_app
from server.config import GatewayConfig
from tests.moto_resources import create_replica_table
from tests.server.gateway_stack import (
    CHEAP_HASH,
    aws_client,
    build_stack,
    no_real_aws,
    stack_environ,
)


class MemoryKeyring(KeyringBackend):
    """A keyring in a dict: what a test's device keeps, where the test can look."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    kept = MemoryKeyring()
    keyring.set_keyring(kept)
    try:
        yield kept
    finally:
        keyring.set_keyring(before)


@dataclass
class ServedGateway:
    """A gateway on a loopback port, and the requests it answered (method and path)."""

    url: str
    requests: list[str] = field(default_factory=list)

    def count(self, path: str) -> int:
        return sum(1 for asked in self.requests if asked.endswith(path))


@pytest.fixture
def gateway(monkeypatch: pytest.MonkeyPatch) -> Iterator[ServedGateway]:
    no_real_aws(monkeypatch)
    with mock_aws(config={"lambda": {"use_docker": False}}):
        config = replace(GatewayConfig.from_environ(stack_environ()), hash_profile=CHEAP_HASH)
        build_stack(config)
        create_replica_table(aws_client("dynamodb"))
        app = create_app(config)
        served = ServedGateway("")
        inner = app.wsgi_app

        def counted(environ: dict[str, Any], start_response: Any) -> Any:
            served.requests.append(f"{environ['REQUEST_METHOD']} {environ['PATH_INFO']}")
            return inner(environ, start_response)

        app.wsgi_app = counted  # type: ignore[method-assign]
        server = make_server("127.0.0.1", 0, app, threaded=True)
        served.url = f"http://127.0.0.1:{server.server_port}"
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield served
        finally:
            server.shutdown()
            thread.join(timeout=10)


@dataclass(frozen=True)
class Person:
    """Someone with an account on the served gateway."""

    username: str
    email: str
    password: str


@pytest.fixture
def person(gateway: ServedGateway) -> Person:
    from sbp.cloud.sign_in import register

    someone = Person("ada", "ada@example.com", f"a long phrase for ada {secrets.token_hex(4)}")
    register(gateway.url, someone.username, someone.email, someone.password)
    return someone


@dataclass(frozen=True)
class Folder:
    """Settings reduced to what the session reads: the data folder."""

    data_dir: Path


@pytest.fixture
def device(tmp_path: Path) -> Folder:
    return Folder(tmp_path / "sbp-home")
