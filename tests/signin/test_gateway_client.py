"""The gateway client: which addresses a password may go to, the gateway's problems as sbp's
errors (with their exit codes), and servers that cannot be reached or are not gateways."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from conftest import Person, ServedGateway

from sbp.cli.errors import ExitCode, exit_code_for
from sbp.cloud.gateway_client import GatewayClient, gateway_base, problem_error
from sbp.core.errors import (
    CloudUnavailable,
    Conflict,
    CredentialsRefused,
    InvalidInput,
    NotSignedIn,
    RateLimited,
)


@pytest.mark.parametrize(
    ("typed", "base"),
    [
        ("https://sbp.example.com", "https://sbp.example.com"),
        ("https://sbp.example.com/", "https://sbp.example.com"),
        ("https://sbp.example.com/api/v1/", "https://sbp.example.com"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("http://localhost:8000/api/v1", "http://localhost:8000"),
        ("http://[::1]:8000", "http://[::1]:8000"),
    ],
)
def test_gateway_addresses_are_taken_as_typed(typed: str, base: str) -> None:
    assert gateway_base(typed) == base


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("http://sbp.example.com", "plain http to another machine"),
        ("http://192.168.1.20:8000", "plain http to another machine"),
        ("sbp.example.com", "not a web address"),
        ("ftp://sbp.example.com", "not a web address"),
        ("https://", "not a web address"),
    ],
)
def test_a_password_goes_only_where_it_is_safe(typed: str, why: str) -> None:
    with pytest.raises(InvalidInput, match=why):
        gateway_base(typed)


@pytest.mark.parametrize(
    ("status", "code", "kind", "exit_code"),
    [
        (401, "invalid_credentials", CredentialsRefused, ExitCode.REFUSED),
        (401, "refresh_reused", NotSignedIn, ExitCode.NOT_SIGNED_IN),
        (401, "token_expired", NotSignedIn, ExitCode.NOT_SIGNED_IN),
        (429, "rate_limited", RateLimited, ExitCode.RATE_LIMITED),
        (409, "username_taken", Conflict, ExitCode.CONFLICT),
        (400, "weak_password", InvalidInput, ExitCode.INVALID_INPUT),
        (413, "payload_too_large", InvalidInput, ExitCode.INVALID_INPUT),
        (503, "service_unavailable", CloudUnavailable, ExitCode.CLOUD_UNREACHABLE),
        (500, "internal", CloudUnavailable, ExitCode.CLOUD_UNREACHABLE),
        (502, "", CloudUnavailable, ExitCode.CLOUD_UNREACHABLE),
    ],
)
def test_each_problem_becomes_an_error_with_a_documented_exit_code(
    status: int, code: str, kind: type[Exception], exit_code: ExitCode
) -> None:
    problem = {"code": code, "detail": "what went wrong", "request_id": "r1"}

    error = problem_error(status, problem, {"Retry-After": "30"})

    assert type(error) is kind and exit_code_for(error) is exit_code
    if kind is RateLimited:
        assert error.hint == "wait 30 seconds"


def test_too_many_failed_sign_ins_are_rate_limited(gateway: ServedGateway, person: Person) -> None:
    client = GatewayClient(gateway.url)

    with pytest.raises(RateLimited) as limited:
        for _ in range(40):
            with pytest.raises(CredentialsRefused):
                client.login(person.username, "not the password at all", "laptop0000000001", "pc")

    assert exit_code_for(limited.value) is ExitCode.RATE_LIMITED
    assert limited.value.hint is not None and limited.value.hint.startswith("wait")


def test_a_gateway_that_is_not_there_is_unreachable() -> None:
    with pytest.raises(CloudUnavailable, match="could not be reached \\(connection refused\\)"):
        GatewayClient("http://127.0.0.1:9").me("token")


@pytest.fixture
def not_a_gateway() -> Iterator[str]:
    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = b"<html>hello</html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_an_answer_that_is_not_the_gateways_is_said_so(not_a_gateway: str) -> None:
    with pytest.raises(CloudUnavailable, match="answer could not be read"):
        GatewayClient(not_a_gateway).me("token")
