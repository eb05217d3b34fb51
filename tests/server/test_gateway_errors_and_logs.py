"""Every failure is a problem object with a request id; every request leaves one JSON log line;
health answers cheaply; host, size and proxy settings hold."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from gateway_stack import aws_client

from server import create_app
from server.config import GatewayConfig
from server.gateway import Gateway


def _events(lines: list[str]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in lines]


def test_a_problem_carries_its_request_id_and_the_log_line_the_same(
    client: FlaskClient, no_secrets_in_logs: list[str]
) -> None:
    answer = client.get("/api/v1/me")
    body = answer.json
    assert answer.mimetype == "application/problem+json"
    assert set(body) == {"type", "title", "status", "detail", "code", "request_id"}
    assert body["type"] == "https://sbp.invalid/problems/token_invalid" and body["status"] == 401
    assert answer.headers["X-Request-Id"] == body["request_id"]
    [line] = [e for e in _events(no_secrets_in_logs) if e.get("event") == "request"]
    assert line["request_id"] == body["request_id"]
    assert (line["method"], line["route"], line["status"]) == ("GET", "/api/v1/me", 401)
    assert line["level"] == "info" and line["time"].endswith("Z")


def test_answers_are_never_cached_nor_sniffed(client: FlaskClient, people: Any) -> None:
    ada = people("ada")
    for answer in (client.get("/api/v1/me", headers=ada.bearer), client.get("/api/v1/me")):
        assert answer.headers["Cache-Control"] == "no-store"
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert answer.headers["Strict-Transport-Security"].startswith("max-age=31536000")
        assert "frame-ancestors 'none'" in answer.headers["Content-Security-Policy"]


def test_werkzeug_errors_are_problems_too(client: FlaskClient) -> None:
    cases = [
        (client.get("/nowhere"), 404, "not_found"),
        (client.get("/api/v1/login"), 405, "method_not_allowed"),
        (
            client.post("/api/v1/login", data="x" * 20000, content_type="application/json"),
            413,
            "payload_too_large",
        ),
        (client.get("/api/v1/healthz", headers={"Host": "evil.example"}), 400, "invalid_request"),
    ]
    for answer, status, code in cases:
        assert (answer.status_code, answer.json["code"]) == (status, code)
        assert answer.json["request_id"]
    assert "POST" in cases[1][0].headers["Allow"]


def test_an_unexpected_error_is_a_generic_500_logged_with_its_id(
    client: FlaskClient, people: Any, gw: Gateway, no_secrets_in_logs: list[str], monkeypatch: Any
) -> None:
    ada = people("ada")

    def broken(user_id: str) -> None:
        raise RuntimeError("the disk is on fire")

    monkeypatch.setattr(gw.accounts, "get", broken)
    answer = client.get("/api/v1/me", headers=ada.bearer)
    assert (answer.status_code, answer.json["code"]) == (500, "internal")
    assert "fire" not in answer.get_data(as_text=True)
    [logged] = [e for e in _events(no_secrets_in_logs) if e.get("event") == "internal_error"]
    assert (
        logged["request_id"] == answer.json["request_id"] and "RuntimeError" in logged["exception"]
    )


def test_aws_out_of_reach_is_a_503(client: FlaskClient, people: Any, gw: Gateway) -> None:
    people("ada", sign_in=False)
    aws_client("dynamodb").delete_table(TableName=gw.config.users_table)
    answer = client.post(
        "/api/v1/login",
        json={
            "login": "ada",
            "password": "x" * 20,
            "device": {"id": "laptop0000000001", "name": "l"},
        },
    )
    assert (answer.status_code, answer.json["code"]) == (503, "service_unavailable")
    assert answer.headers["Retry-After"]


def test_health_is_ok_and_then_not_when_a_table_is_gone(
    aws: None, config: GatewayConfig, client: FlaskClient
) -> None:
    answer = client.get("/api/v1/healthz")
    assert (answer.status_code, answer.json) == (200, {"status": "ok"})
    aws_client("dynamodb").delete_table(TableName=config.sessions_table)
    assert client.get("/api/v1/healthz").status_code == 200  # the answer is kept a few seconds
    fresh = create_app(config).test_client()
    gone = fresh.get("/api/v1/healthz")
    assert (gone.status_code, gone.json["code"]) == (503, "service_unavailable")


def test_behind_a_proxy_the_forwarded_address_is_used_only_as_configured(
    app: Flask, config: GatewayConfig, no_secrets_in_logs: list[str]
) -> None:
    forwarded = {"X-Forwarded-For": "198.51.100.23"}
    app.test_client().get("/api/v1/healthz", headers=forwarded)
    create_app(replace(config, proxy_hops=1)).test_client().get(
        "/api/v1/healthz", headers=forwarded
    )
    remotes = [e["remote"] for e in _events(no_secrets_in_logs) if e.get("event") == "request"]
    assert remotes == ["127.0.0.1", "198.51.100.23"]


def test_trusted_hosts_come_from_the_configuration(app: Flask, config: GatewayConfig) -> None:
    own = create_app(replace(config, trusted_hosts=("gateway.example",))).test_client()
    assert own.get("/api/v1/healthz", headers={"Host": "gateway.example"}).status_code == 200
    assert own.get("/api/v1/healthz").status_code == 400
    assert app.config["MAX_CONTENT_LENGTH"] == 16 * 1024
