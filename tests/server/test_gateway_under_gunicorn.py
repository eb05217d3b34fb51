"""The gateway as it is deployed: `gunicorn 'server:create_app()'` configured by the environment,
over a moto server on loopback. A person signs up, signs in, refreshes and presigns a receipt,
and the server's whole stderr (gunicorn's and the gateway's logs) holds no secret."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from gateway_stack import build_stack, stack_environ
from moto.server import ThreadedMotoServer

from server.config import GatewayConfig

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def moto_endpoint(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A moto server on loopback, and fake credentials so nothing can reach a real account."""
    for name in ("AWS_ENDPOINT_URL", "AWS_PROFILE", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=_free_port(), verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


def _call(
    base: str, path: str, body: dict[str, Any] | None = None, token: str | None = None
) -> tuple[int, Any]:
    headers = {
        "Content-Type": "application/json",
        **({"Authorization": f"Bearer {token}"} if token else {}),
    }
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data, headers, method="POST" if data else "GET")
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, json.loads(answer.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def _wait(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if _call(base, "/api/v1/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("gunicorn did not serve the gateway within a minute")


def test_a_session_under_gunicorn_leaves_no_secret_in_its_logs(
    moto_endpoint: str, tmp_path: Path
) -> None:
    environ = {
        **stack_environ(),
        "AWS_ENDPOINT_URL": moto_endpoint,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "SBP_TRUSTED_HOSTS": "127.0.0.1",
    }
    build_stack(GatewayConfig.from_environ(environ), moto_endpoint)
    port = _free_port()
    log = tmp_path / "gunicorn.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--workers",
                "1",
                "--bind",
                f"127.0.0.1:{port}",
                "server:create_app()",
            ],
            cwd=ROOT,
            env={**os.environ, **environ},
            stdout=sink,
            stderr=sink,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            _wait(base, process)
            password = "gunicorn test phrase " + secrets.token_hex(4)
            person = {"username": "ada", "email": "ada@example.com", "password": password}
            assert _call(base, "/api/v1/register", person)[0] == 201
            device = {"id": "laptop0000000001", "name": "laptop"}
            status, session = _call(
                base,
                "/api/v1/login",
                {"login": "ada@example.com", "password": password, "device": device},
            )
            assert status == 200 and session["resources"]["endpoint_url"] == moto_endpoint
            status, renewed = _call(
                base, "/api/v1/refresh", {"refresh_token": session["refresh_token"]}
            )
            assert status == 200
            status, post = _call(
                base,
                "/api/v1/receipts/presign",
                {
                    "expense_id": "01KAB3XYZ0000000000000000A",
                    "content_type": "image/png",
                    "size": 5,
                },
                renewed["access_token"],
            )
            assert status == 200 and post["url"].startswith(moto_endpoint)
            assert (
                _call(
                    base,
                    "/api/v1/login",
                    {"login": "ada", "password": password + "x", "device": device},
                )[0]
                == 401
            )
        finally:
            process.terminate()
            process.wait(timeout=30)
    text = log.read_text()
    lines = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
    assert {"registered", "login_succeeded", "refreshed", "login_failed"} <= {
        line.get("event") for line in lines
    }
    secrets_used = [
        password,
        "ada@example.com",
        *environ["SBP_TOKEN_KEYS"].split(","),
        session["access_token"],
        session["refresh_token"],
        renewed["refresh_token"],
        renewed["credentials"]["secret_access_key"],
        renewed["credentials"]["session_token"],
        post["fields"]["policy"],
        post["fields"]["x-amz-signature"],
    ]
    assert [secret for secret in secrets_used if secret in text] == []
