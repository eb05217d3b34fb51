"""The report Lambda, invoked in-process the way the gateway invokes it."""

from __future__ import annotations

import io
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from pypdf import PdfReader

from lambdas.report_generator import handler
from sbp.core.model import CategorySource
from tests.lambdas.conftest import (
    ALICE,
    BOB,
    Cloud,
    LambdaContext,
    expense,
    household,
    metrics_printed,
)
from tests.moto_resources import BUCKET


@pytest.fixture
def alice(cloud: Cloud) -> Cloud:
    cloud.seed(
        ALICE,
        household(
            expense(2, "40.00", "Coffee beans", "coffee", CategorySource.USER),
            expense(20, "23.10", "Whole Foods Market", "groceries"),
        ),
    )
    return cloud


def stored_keys(cloud: Cloud) -> list[str]:
    return [o["Key"] for o in cloud.s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_a_months_report_lands_as_a_pdf_at_the_users_key_with_a_short_link(
    alice: Cloud, printed: pytest.CaptureFixture[str]
) -> None:
    answer = handler({"user_id": ALICE, "month": "2026-11"}, LambdaContext())

    key = f"reports/{ALICE}/report-month-2026-11.pdf"
    assert answer["key"] == key and answer["expires_in"] == 300
    assert stored_keys(alice) == [key]
    stored = alice.s3.get_object(Bucket=BUCKET, Key=key)
    assert stored["ContentType"] == "application/pdf"
    text = "\n".join(
        page.extract_text() for page in PdfReader(io.BytesIO(stored["Body"].read())).pages
    )
    assert "November 2026" in text and "Whole Foods Market" in text and "63.10" in text
    link = urlsplit(answer["url"])
    assert link.path.endswith(key) and parse_qs(link.query)["X-Amz-Expires"] == ["300"]
    assert requests.get(answer["url"], timeout=10).content[:5] == b"%PDF-"
    assert metrics_printed(printed.readouterr().out) == {"ReportsGenerated": 1}


def test_a_week_and_an_empty_users_year_get_their_own_keys(alice: Cloud) -> None:
    week = handler({"user_id": ALICE, "week": "2026-W47"}, LambdaContext())
    empty = handler({"user_id": BOB, "year": "2026"}, LambdaContext())

    assert week["key"] == f"reports/{ALICE}/report-week-2026-W47.pdf"
    assert empty["key"] == f"reports/{BOB}/report-year-2026.pdf"
    assert len(stored_keys(alice)) == 2


@pytest.mark.parametrize(
    ("payload", "words"),
    [
        ("2026-11", "not a JSON object"),
        ({"month": "2026-11"}, "user_id is missing"),
        ({"user_id": "alice", "month": "2026-11"}, "user_id is not a ULID"),
        ({"user_id": ALICE, "monht": "2026-11"}, "unknown field 'monht'"),
        ({"user_id": ALICE, "month": "2026-13"}, "2026-13 does not exist"),
        ({"user_id": ALICE, "month": "2026-11", "year": "2026"}, "choose one period"),
        ({"user_id": ALICE, "to": "2026-11-30"}, "--to needs --from"),
        ({"user_id": ALICE, "month": 202611}, "are text"),
    ],
)
def test_a_bad_request_gets_a_clear_error_and_stores_nothing(
    alice: Cloud, printed: pytest.CaptureFixture[str], payload: Any, words: str
) -> None:
    answer = handler(payload, LambdaContext())

    assert answer["error"] == "invalid_input" and words in answer["message"]
    assert stored_keys(alice) == []
    assert metrics_printed(printed.readouterr().out) == {}
