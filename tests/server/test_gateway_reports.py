"""Reports: the period the Lambda is sent, and what comes back to the person.

moto runs no Lambda code: the report function's answers are queued on moto's simple Lambda
backend, and what the gateway sends is read from its own client's request.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from flask.testing import FlaskClient
from gateway_stack import ACCOUNT, REGION
from moto.awslambda_simple.models import lambda_simple_backends

from server.gateway import Gateway

REPORTS = "/api/v1/reports"


@pytest.fixture
def lambda_calls(gw: Gateway) -> list[dict[str, Any]]:
    sent: list[dict[str, Any]] = []
    gw.aws.lambda_.meta.events.register(
        "before-call.lambda.Invoke", lambda params, **_: sent.append(json.loads(params["body"]))
    )
    return sent


@pytest.fixture
def today_is_december_fifth() -> Iterator[None]:
    """A fixed "today", which a range without 'to' ends on."""
    with time_machine.travel("2026-12-05 12:00:00Z", tick=False):
        yield


def _answer(payload: dict[str, Any] | str) -> None:
    text = payload if isinstance(payload, str) else json.dumps(payload)
    lambda_simple_backends[ACCOUNT][REGION].lambda_simple_results_queue.append(text)


@pytest.mark.parametrize(
    ("body", "period"),
    [
        ({"month": "2026-11"}, {"month": "2026-11"}),
        ({"week": "2026-w47"}, {"week": "2026-W47"}),
        ({"year": "2025"}, {"year": "2025"}),
        ({"from": "2026-01-01", "to": "2026-03-31"}, {"from": "2026-01-01", "to": "2026-03-31"}),
        ({"from": "2026-11-20"}, {"from": "2026-11-20", "to": "2026-12-05"}),
    ],
)
def test_the_lambda_is_sent_the_user_and_the_period(
    today_is_december_fifth: None,
    client: FlaskClient,
    people: Any,
    lambda_calls: list[dict[str, Any]],
    body: dict[str, str],
    period: dict[str, str],
) -> None:
    ada = people("ada")
    key = f"reports/{ada.user_id}/report-month-2026-11.pdf"
    _answer({"key": key, "url": "https://bucket.example/report.pdf?sig", "expires_in": 300})
    answer = client.post(REPORTS, json=body, headers=ada.bearer)
    assert answer.status_code == 200
    assert answer.json == {
        "key": key,
        "url": "https://bucket.example/report.pdf?sig",
        "expires_at": "2026-12-05T12:05:00Z",  # asked at noon, for 300 seconds
    }
    assert lambda_calls == [{"user_id": ada.user_id, **period}]


def test_a_period_must_be_one_and_readable(
    client: FlaskClient, people: Any, lambda_calls: list[dict[str, Any]]
) -> None:
    ada = people("ada")
    for body in (
        {},
        {"month": "2026-11", "year": "2026"},
        {"month": "2026-13"},
        {"week": "2026-W60"},
        {"year": "26"},
        {"to": "2026-01-01"},
        {"from": "2026-03-01", "to": "2026-01-01"},
        {"month": 202611},
        {"quarter": "Q1"},
        {"week": "2026-W48", "to": None},  # the document says text: null is not leaving it out
        {"month": None},
    ):
        answer = client.post(REPORTS, json=body, headers=ada.bearer)
        assert (answer.status_code, answer.json["code"]) == (400, "invalid_request"), body
    assert lambda_calls == []
    assert client.post(REPORTS, json={"month": "2026-11"}).status_code == 401


@pytest.mark.parametrize(
    ("refusal", "status", "code"),
    [
        (
            {"error": "invalid_input", "message": "the period before 1 Jan 0001 is out of range"},
            400,
            "invalid_request",
        ),
        ({"error": "not_found", "message": "nothing to report"}, 404, "not_found"),
        ({"error": "access_denied", "message": "not this user's data"}, 403, "forbidden"),
        (
            {"error": "unavailable", "message": "DynamoDB did not answer"},
            503,
            "service_unavailable",
        ),
    ],
)
def test_the_functions_refusal_is_passed_on_as_a_problem(
    client: FlaskClient,
    people: Any,
    lambda_calls: list[dict[str, Any]],
    refusal: dict[str, str],
    status: int,
    code: str,
) -> None:
    ada = people("ada")
    _answer(refusal)
    answer = client.post(REPORTS, json={"month": "2026-11"}, headers=ada.bearer)
    assert (answer.status_code, answer.json["code"]) == (status, code)
    documented = client.get("/api/v1/openapi.json").json["paths"]["/reports"]["post"]["responses"]
    assert str(status) in documented
    if status == 400:
        assert answer.json["detail"] == refusal["message"]


@pytest.mark.parametrize(
    "answer",
    [
        "not json",
        {"errorMessage": "boom", "errorType": "RuntimeError"},
        {"key": "reports/{user}/x.pdf", "url": "https://x", "expires_at": "2026-12-05T01:00:00Z"},
        {
            "key": "reports/SOMEONE-ELSE/x.pdf",
            "url": "https://x",
            "expires_in": 300,
        },
        {"key": "receipts/{user}/x.pdf", "url": "https://x", "expires_in": 300},
        {
            "key": "reports/{user}/x.pdf",
            "url": "javascript:alert(1)",
            "expires_in": 300,
        },
    ],
)
def test_a_failed_or_odd_lambda_answer_is_a_503(
    client: FlaskClient, people: Any, lambda_calls: list[dict[str, Any]], answer: Any
) -> None:
    ada = people("ada")
    _answer(
        answer
        if isinstance(answer, str)
        else json.loads(json.dumps(answer).replace("{user}", ada.user_id))
    )
    refused = client.post(REPORTS, json={"month": "2026-11"}, headers=ada.bearer)
    assert (refused.status_code, refused.json["code"]) == (503, "service_unavailable")
    assert refused.headers["Retry-After"]


def test_the_lambda_endpoint_can_be_the_local_runner(aws: None, config: Any) -> None:
    from dataclasses import replace

    from server.aws_clients import AwsClients

    clients = AwsClients.for_config(
        replace(
            config,
            endpoint_url="http://127.0.0.1:5000",
            lambda_endpoint_url="http://127.0.0.1:5001",
        )
    )
    assert clients.lambda_.meta.endpoint_url == "http://127.0.0.1:5001"
    assert clients.dynamodb.meta.endpoint_url == "http://127.0.0.1:5000"
