"""One user's token never reaches another user's data, and each user's credentials name only
that user: the gateway takes the user from the token, never from the request."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import requests
from flask.testing import FlaskClient
from gateway_stack import ACCOUNT, REGION, assume_role_calls, log_in
from moto.awslambda_simple.models import lambda_simple_backends

from sbp.core.ids import new_ulid
from server.gateway import Gateway


def test_b_cannot_presign_read_or_report_a_s_data(
    client: FlaskClient, people: Any, gw: Gateway, leaks: set[str]
) -> None:
    alice, bob = people("alice"), people("bob")
    expense = new_ulid(datetime.now(UTC))
    post = client.post(
        "/api/v1/receipts/presign",
        json={"expense_id": expense, "content_type": "application/pdf", "size": 10},
        headers=alice.bearer,
    ).json
    leaks.update({post["fields"]["policy"], post["fields"]["x-amz-signature"]})
    requests.post(
        post["url"],
        data=post["fields"],
        files={"file": ("r.pdf", b"%PDF-1.7", "application/pdf")},
        timeout=10,
    )

    # bob presigning the same expense id gets a key in his own prefix, signed with his session
    bobs = client.post(
        "/api/v1/receipts/presign",
        json={"expense_id": expense, "content_type": "application/pdf", "size": 10},
        headers=bob.bearer,
    ).json
    leaks.update({bobs["fields"]["policy"], bobs["fields"]["x-amz-signature"]})
    assert bobs["key"] == f"receipts/{bob.user_id}/{expense}.pdf"
    assert alice.user_id not in json.dumps(bobs)
    assert bobs["fields"]["x-amz-credential"].startswith(
        bob.session["credentials"]["access_key_id"]
    )
    # reading alice's receipt with bob's token finds nothing: his token names his own prefix
    read = client.get(f"/api/v1/receipts/{expense}", headers=bob.bearer)
    assert (read.status_code, read.json["code"]) == (404, "not_found")
    assert client.get(f"/api/v1/receipts/{expense}", headers=alice.bearer).status_code == 200
    # a report asked for by bob is bob's, and a Lambda answer about alice is not passed on
    sent: list[bytes] = []
    gw.aws.lambda_.meta.events.register(
        "before-call.lambda.Invoke", lambda params, **_: sent.append(params["body"])
    )
    lambda_simple_backends[ACCOUNT][REGION].lambda_simple_results_queue.append(
        json.dumps(
            {
                "key": f"reports/{alice.user_id}/report-month-2026-11.pdf",
                "url": "https://example.invalid/x",
                "expires_in": 300,
            }
        )
    )
    report = client.post("/api/v1/reports", json={"month": "2026-11"}, headers=bob.bearer)
    assert json.loads(sent[0])["user_id"] == bob.user_id
    assert (report.status_code, report.json["code"]) == (503, "service_unavailable")
    assert alice.user_id not in report.get_data(as_text=True)


def test_each_users_credentials_are_asked_for_with_a_policy_naming_only_them(
    client: FlaskClient, people: Any, gw: Gateway, leaks: set[str]
) -> None:
    calls = assume_role_calls(gw)
    alice, bob = people("alice"), people("bob")
    assert [call["RoleSessionName"] for call in calls] == [alice.user_id, bob.user_id]
    for call, person, other in ((calls[0], alice, bob), (calls[1], bob, alice)):
        assert call["RoleArn"] == gw.config.client_role_arn
        assert call["SourceIdentity"] == person.user_id
        assert 900 <= call["DurationSeconds"] <= 3600
        policy = json.loads(call["Policy"])
        assert len(call["Policy"]) <= 2048
        text = json.dumps(policy)
        assert person.user_id in text and other.user_id not in text
        assert "@" not in call["RoleSessionName"] + call["SourceIdentity"]
        own_items = next(s for s in policy["Statement"] if "dynamodb:GetItem" in s["Action"])
        assert own_items["Condition"] == {
            "ForAllValues:StringEquals": {"dynamodb:LeadingKeys": [person.user_id]}
        }
        objects = [
            r for s in policy["Statement"] for r in s["Resource"] if r.startswith("arn:aws:s3:::")
        ]
        assert objects and all(f"/{person.user_id}/" in r for r in objects)
    # a second sign-in within a few minutes reuses the user's credentials
    assert log_in(client, alice, leaks).status_code == 200
    assert len(calls) == 2
