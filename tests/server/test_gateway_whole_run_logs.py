"""A whole session's logs: every security event is there, and no password, token, key,
credential or e-mail address is (the same watch runs after every test of this folder)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from flask.testing import FlaskClient
from gateway_stack import log_in, refresh

from sbp.core.ids import new_ulid
from server.config import GatewayConfig


def test_a_whole_run_logs_its_events_and_none_of_its_secrets(
    client: FlaskClient,
    people: Any,
    config: GatewayConfig,
    leaks: set[str],
    no_secrets_in_logs: list[str],
) -> None:
    ada, bob = people("ada"), people("bob")
    leaks.update({"ada.alerts@example.com", "wrong but long enough"})
    client.post(
        "/api/v1/login",
        json={
            "login": "ada@example.com",
            "password": "wrong but long enough",
            "device": ada.device,
        },
    )
    client.post(
        "/api/v1/login",
        json={
            "login": "nobody@example.com",
            "password": "wrong but long enough",
            "device": ada.device,
        },
    )
    stolen = ada.session["refresh_token"]
    refresh(client, ada, leaks)
    client.post("/api/v1/refresh", json={"refresh_token": stolen})
    log_in(client, ada, leaks)
    post = client.post(
        "/api/v1/receipts/presign",
        json={"expense_id": new_ulid(datetime.now(UTC)), "content_type": "image/png", "size": 9},
        headers=ada.bearer,
    ).json
    leaks.update({post["fields"]["policy"], post["fields"]["x-amz-signature"]})
    client.post("/api/v1/alerts", json={"email": "ada.alerts@example.com"}, headers=ada.bearer)
    client.get(
        "/api/v1/me",
        headers={"Authorization": "Bearer " + bob.session["access_token"][:-3] + "abc"},
    )
    client.post(
        "/api/v1/logout", json={"refresh_token": ada.session["refresh_token"]}, headers=ada.bearer
    )

    events = [json.loads(line) for line in no_secrets_in_logs]
    seen = {event.get("event") for event in events}
    assert {
        "registered",
        "login_succeeded",
        "login_failed",
        "refreshed",
        "refresh_reused",
        "access_refused",
        "alerts_subscribed",
        "logged_out",
        "request",
    } <= seen
    assert all(event.get("request_id") for event in events if event.get("logger") == "sbp.gateway")
    text = "\n".join(no_secrets_in_logs)
    for secret in (*leaks, *config.token_keys, "@example.com"):
        assert secret not in text
