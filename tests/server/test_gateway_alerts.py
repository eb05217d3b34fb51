"""Alerts: subscriptions to the alerts topic that filter on the subscriber's own id."""

from __future__ import annotations

import json
from typing import Any

from flask.testing import FlaskClient
from gateway_stack import aws_client

from server.gateway import Gateway

ALERTS = "/api/v1/alerts"


def _subscriptions(gw: Gateway) -> list[dict[str, str]]:
    sns = aws_client("sns")
    listed = sns.list_subscriptions_by_topic(TopicArn=gw.config.alerts_topic)["Subscriptions"]
    return [
        sns.get_subscription_attributes(SubscriptionArn=item["SubscriptionArn"])["Attributes"]
        for item in listed
    ]


def test_alerts_are_off_until_asked_for(client: FlaskClient, people: Any) -> None:
    ada = people("ada")
    answer = client.get(ALERTS, headers=ada.bearer)
    assert answer.json == {
        "email": None,
        "sms": None,
        "email_confirmed": False,
        "sms_confirmed": False,
    }


def test_subscriptions_filter_on_the_users_own_id(
    client: FlaskClient, people: Any, gw: Gateway, leaks: set[str]
) -> None:
    ada, bob = people("ada"), people("bob")
    leaks.update({"ada.alerts@example.com", "+447700900123"})
    on = client.post(ALERTS, json={"email": "ada.alerts@example.com"}, headers=ada.bearer)
    assert on.status_code == 200
    assert on.json["email"] == "ada.alerts@example.com"
    assert on.json["email_confirmed"] is True  # moto confirms at once; AWS waits for the link
    client.post(ALERTS, json={"sms": "+447700900123"}, headers=bob.bearer)
    found = {item["Endpoint"]: item for item in _subscriptions(gw)}
    assert json.loads(found["ada.alerts@example.com"]["FilterPolicy"]) == {"user_id": [ada.user_id]}
    assert found["ada.alerts@example.com"]["Protocol"] == "email"
    assert json.loads(found["+447700900123"]["FilterPolicy"]) == {"user_id": [bob.user_id]}
    assert client.get(ALERTS, headers=bob.bearer).json == {
        "email": None,
        "sms": "+447700900123",
        "email_confirmed": False,
        "sms_confirmed": True,
    }


def test_a_new_address_replaces_the_old_and_off_removes_both(
    client: FlaskClient, people: Any, gw: Gateway, leaks: set[str]
) -> None:
    ada = people("ada")
    leaks.update({"old@example.com", "new@example.com", "+15555550100"})
    client.post(ALERTS, json={"email": "old@example.com"}, headers=ada.bearer)
    client.post(ALERTS, json={"email": "new@example.com"}, headers=ada.bearer)
    client.post(ALERTS, json={"sms": "+15555550100"}, headers=ada.bearer)
    assert sorted(item["Endpoint"] for item in _subscriptions(gw)) == [
        "+15555550100",
        "new@example.com",
    ]
    off = client.post(ALERTS, json={"off": True}, headers=ada.bearer)
    assert off.json == {
        "email": None,
        "sms": None,
        "email_confirmed": False,
        "sms_confirmed": False,
    }
    assert _subscriptions(gw) == []


def test_bad_alert_requests_are_refused(client: FlaskClient, people: Any, gw: Gateway) -> None:
    ada = people("ada")
    for body in (
        {},
        {"email": "x"},
        {"sms": "07700 900123"},
        {"off": False},
        {"off": "yes"},
        {"email": "a@example.com", "sms": "+15555550100"},
        {"webhook": "https://x"},
    ):
        answer = client.post(ALERTS, json=body, headers=ada.bearer)
        assert (answer.status_code, answer.json["code"]) == (400, "invalid_request"), body
    assert client.get(ALERTS).status_code == 401
    assert _subscriptions(gw) == []
