"""The gateway as it is deployed: `gunicorn 'server:create_app()'` configured by the environment,
over a moto server on loopback. A person signs up, signs in, refreshes and presigns a receipt,
and the server's whole stderr (gunicorn's and the gateway's logs) holds no secret."""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from gateway_stack import build_stack, no_real_aws, stack_environ
from served_gateway import call, gunicorn, moto_server

from server.config import GatewayConfig

pytestmark = pytest.mark.e2e


@pytest.fixture
def moto_endpoint(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A moto server on loopback, and fake credentials so nothing can reach a real account."""
    no_real_aws(monkeypatch)
    with moto_server() as endpoint:
        yield endpoint


def test_a_session_under_gunicorn_leaves_no_secret_in_its_logs(
    moto_endpoint: str, tmp_path: Path
) -> None:
    environ = {
        **stack_environ(),
        "AWS_ENDPOINT_URL": moto_endpoint,
        "SBP_TRUSTED_HOSTS": "127.0.0.1",
    }
    build_stack(GatewayConfig.from_environ(environ), moto_endpoint)
    log = tmp_path / "gunicorn.log"
    with gunicorn("server:create_app()", environ, log, "/api/v1/healthz") as base:
        password = "gunicorn test phrase " + secrets.token_hex(4)
        person = {"username": "ada", "email": "ada@example.com", "password": password}
        assert call(base, "/api/v1/register", person)[0] == 201
        device = {"id": "laptop0000000001", "name": "laptop"}
        status, session = call(
            base,
            "/api/v1/login",
            {"login": "ada@example.com", "password": password, "device": device},
        )
        assert status == 200 and session["resources"]["endpoint_url"] == moto_endpoint
        status, renewed = call(base, "/api/v1/refresh", {"refresh_token": session["refresh_token"]})
        assert status == 200
        receipt = {
            "expense_id": "01KAB3XYZ0000000000000000A",
            "content_type": "image/png",
            "size": 5,
        }
        status, post = call(base, "/api/v1/receipts/presign", receipt, renewed["access_token"])
        assert status == 200 and post["url"].startswith(moto_endpoint)
        wrong = {"login": "ada", "password": password + "x", "device": device}
        assert call(base, "/api/v1/login", wrong)[0] == 401
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
