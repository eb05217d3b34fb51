"""POST /reports through the real report function: what the gateway sends is what the function
takes, and what it answers is what the gateway passes on. moto runs no Lambda code, so the
function (`lambdas.report_generator.handler`) runs in-process in place of the invocation, over
the same moto replica and bucket."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from botocore.awsrequest import AWSResponse
from botocore.response import StreamingBody
from flask.testing import FlaskClient
from gateway_stack import aws_client
from pypdf import PdfReader

from lambdas.report_generator import handler
from sbp.cloud.replica import DynamoReplica
from server.gateway import Gateway
from tests.lambdas.conftest import LambdaContext, expense, forget_clients, household
from tests.moto_resources import create_replica_table


@pytest.fixture
def report_function(gw: Gateway, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dict[str, Any]]]:
    """The report function behind the gateway's Lambda client; yields the payloads it got."""
    create_replica_table(aws_client("dynamodb"), gw.config.replica_table)
    monkeypatch.setenv("SBP_REPLICA_TABLE", gw.config.replica_table)
    monkeypatch.setenv("SBP_BUCKET", gw.config.bucket)
    monkeypatch.setenv("SBP_ALERTS_TOPIC", gw.config.alerts_topic)
    monkeypatch.setenv("SBP_IDEMPOTENCY_TABLE", "sbp-test-idempotency")
    received: list[dict[str, Any]] = []

    def invoke(params: dict[str, Any], **_: Any) -> tuple[AWSResponse, dict[str, Any]]:
        received.append(json.loads(params["body"]))
        body = json.dumps(handler(received[-1], LambdaContext())).encode()
        payload = StreamingBody(io.BytesIO(body), len(body))
        return AWSResponse(params["url"], 200, {}, None), {"StatusCode": 200, "Payload": payload}

    forget_clients()
    gw.aws.lambda_.meta.events.register("before-call.lambda.Invoke", invoke)
    yield received
    forget_clients()


def test_a_months_report_comes_back_as_a_link_to_the_users_pdf(
    client: FlaskClient, people: Any, gw: Gateway, report_function: list[dict[str, Any]]
) -> None:
    ada = people("ada")
    replica = DynamoReplica(ada.user_id, gw.config.replica_table, aws_client("dynamodb"))
    replica.commit(
        household(expense(1, "23.10", "Whole Foods Market", "groceries")),
        "laptop",
        "2026-11-23T09:30:00+00:00",
    )

    answer = client.post("/api/v1/reports", json={"month": "2026-11"}, headers=ada.bearer)

    assert answer.status_code == 200
    assert report_function == [{"user_id": ada.user_id, "month": "2026-11"}]
    assert answer.json["key"] == f"reports/{ada.user_id}/report-month-2026-11.pdf"
    assert answer.json["expires_at"].endswith("Z")
    pdf = requests.get(answer.json["url"], timeout=10).content
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "November 2026" in text and "Whole Foods Market" in text


def test_a_range_and_a_year_reach_the_function_as_it_takes_them(
    client: FlaskClient, people: Any, report_function: list[dict[str, Any]]
) -> None:
    ada = people("ada")
    for body in (
        {"from": "2026-01-01", "to": "2026-03-31"},
        {"year": "2025"},
        {"week": "2026-w47"},
    ):
        assert client.post("/api/v1/reports", json=body, headers=ada.bearer).status_code == 200
    assert [{k: v for k, v in p.items() if k != "user_id"} for p in report_function] == [
        {"from": "2026-01-01", "to": "2026-03-31"},
        {"year": "2025"},
        {"week": "2026-W47"},
    ]
