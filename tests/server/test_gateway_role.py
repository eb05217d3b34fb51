"""Every AWS call the gateway makes is one its role allows: the calls of a whole session are
recorded from the gateway's own clients and each is looked up, action and resource, in the
permissions the stack generates for the gateway role (moto would allow them all, so this is
where a missing permission shows before a deployment does)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from flask.testing import FlaskClient
from gateway_stack import ACCOUNT, REGION, Person, log_in, refresh
from moto.awslambda_simple.models import lambda_simple_backends
from parliament import analyze_policy_string

from cloud.policies import actions_of, permissions, policy_text
from cloud.stack import describe
from sbp.core.ids import new_ulid
from server.gateway import Gateway


def _record(gw: Gateway) -> list[tuple[str, str, dict[str, Any]]]:
    calls: list[tuple[str, str, dict[str, Any]]] = []

    def record(params: dict[str, Any], model: Any, **_: Any) -> None:
        calls.append((model.service_model.signing_name, model.name, params))

    for client in (gw.aws.dynamodb, gw.aws.sts, gw.aws.sns, gw.aws.lambda_):
        client.meta.events.register("provide-client-params.*.*", record)
    return calls


def _needs(service: str, operation: str, params: dict[str, Any]) -> list[tuple[str, str]]:
    """The (IAM action, resource ARN) pairs one call needs."""
    table = f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/"
    if operation == "TransactWriteItems":  # authorised item by item
        return [
            ("dynamodb:PutItem", table + item["Put"]["TableName"])
            for item in params["TransactItems"]
        ]
    if service == "dynamodb":
        return [(f"dynamodb:{operation}", table + params["TableName"])]
    if service == "sts":
        return [("sts:AssumeRole", params["RoleArn"]), ("sts:SetSourceIdentity", params["RoleArn"])]
    if service == "lambda":
        return [
            (
                "lambda:InvokeFunction",
                f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{params['FunctionName']}",
            )
        ]
    topic = params.get("TopicArn") or params["SubscriptionArn"].rsplit(":", 1)[0]
    return [(f"sns:{operation}", topic)]


def test_every_call_of_a_session_is_allowed_by_the_gateway_role(
    client: FlaskClient, people: Any, gw: Gateway, leaks: set[str]
) -> None:
    calls = _record(gw)
    ada = people("ada")
    phone = Person(
        ada.username, ada.email, ada.password, device={"id": "phone00000000001", "name": "phone"}
    )
    log_in(client, phone, leaks)
    client.post(
        "/api/v1/login",
        json={"login": "ada", "password": "not it, but long enough", "device": ada.device},
    )
    refresh(client, ada, leaks)
    client.get("/api/v1/me", headers=ada.bearer)
    client.get("/api/v1/healthz")
    expense = new_ulid(datetime.now(UTC))
    answer = client.post(
        "/api/v1/receipts/presign",
        json={"expense_id": expense, "content_type": "image/png", "size": 9},
        headers=ada.bearer,
    )
    leaks.update({answer.json["fields"]["policy"], answer.json["fields"]["x-amz-signature"]})
    client.get(f"/api/v1/receipts/{expense}", headers=ada.bearer)
    report = {
        "key": f"reports/{ada.user_id}/r.pdf",
        "url": "https://x.example/r.pdf",
        "expires_in": 300,
    }
    lambda_simple_backends[ACCOUNT][REGION].lambda_simple_results_queue.append(json.dumps(report))
    client.post("/api/v1/reports", json={"month": "2026-11"}, headers=ada.bearer)
    leaks.update({"ada.alerts@example.com", "not it, but long enough"})
    for body in ({"email": "ada.alerts@example.com"}, {"sms": "+15555550100"}, {"off": True}):
        client.post("/api/v1/alerts", json=body, headers=ada.bearer)
    client.get("/api/v1/alerts", headers=ada.bearer)
    client.post(
        "/api/v1/logout", json={"refresh_token": ada.session["refresh_token"]}, headers=ada.bearer
    )

    stack = describe(gw.config.stack_prefix, account=ACCOUNT, region=REGION)
    role = next(role for role in stack.roles if role.name == stack.names.gateway_role)
    allowed = set(actions_of(permissions(role, stack)))
    needed = {
        pair for service, operation, params in calls for pair in _needs(service, operation, params)
    }
    assert {action for action, _ in needed} >= {
        "dynamodb:PutItem",
        "dynamodb:DescribeTable",
        "sts:AssumeRole",
        "sns:Publish",
        "sns:Subscribe",
        "sns:Unsubscribe",
        "lambda:InvokeFunction",
    }  # the session really went everywhere
    assert sorted(needed - allowed) == []


def test_parliament_objects_only_to_the_topic_scope_of_two_newer_sns_permissions() -> None:
    """parliament's table of actions says sns:Unsubscribe and sns:GetSubscriptionAttributes
    take no resource; AWS's Service Authorization Reference (and the simulator's data) now
    list the topic for both, so the gateway role names its one topic rather than `*`."""
    stack = describe("sbp-test", account=ACCOUNT, region=REGION)
    role = next(role for role in stack.roles if role.name == stack.names.gateway_role)
    report = analyze_policy_string(
        policy_text(permissions(role, stack)), include_community_auditors=True
    )
    mismatched = [
        detail["action"]
        for finding in report.findings
        if finding.issue == "RESOURCE_MISMATCH"
        for detail in finding.detail
    ]
    assert sorted(mismatched) == ["sns:GetSubscriptionAttributes", "sns:Unsubscribe"]
