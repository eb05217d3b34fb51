"""Receipts: the presigned POST's policy, read back from what the gateway signed, and the GET.

moto stores whatever is posted to a presigned POST (size, key, type and expiry are not checked,
nor is the signature), so these tests decode the signed policy and assert its conditions: that
document is what S3 enforces.
"""

from __future__ import annotations

import base64
import json
import time
from datetime import UTC, datetime
from typing import Any

import pytest
import requests
from flask.testing import FlaskClient

from sbp.core.ids import new_ulid
from server.gateway import Gateway
from server.receipts import MAX_BYTES

PRESIGN = "/api/v1/receipts/presign"


def _expense_id() -> str:
    return new_ulid(datetime.now(UTC))


def _policy(fields: dict[str, str]) -> dict[str, Any]:
    return dict(json.loads(base64.b64decode(fields["policy"])))


@pytest.mark.parametrize(
    ("content_type", "extension"),
    [
        ("image/jpeg", "jpg"),
        ("image/png", "png"),
        ("image/heic", "heic"),
        ("image/webp", "webp"),
        ("application/pdf", "pdf"),
    ],
)
def test_the_upload_policy_pins_key_type_size_and_expiry(
    client: FlaskClient,
    people: Any,
    gw: Gateway,
    leaks: set[str],
    content_type: str,
    extension: str,
) -> None:
    ada = people("ada")
    expense = _expense_id()
    before = int(time.time())  # the policy states whole seconds
    answer = client.post(
        PRESIGN,
        json={"expense_id": expense.lower(), "content_type": content_type, "size": 2048},
        headers=ada.bearer,
    )
    assert answer.status_code == 200
    fields = answer.json["fields"]
    leaks.update({fields["policy"], fields["x-amz-signature"]})
    key = f"receipts/{ada.user_id}/{expense}.{extension}"
    assert answer.json["key"] == fields["key"] == key
    assert fields["Content-Type"] == content_type
    policy = _policy(fields)
    conditions = policy["conditions"]
    assert {"bucket": gw.config.bucket} in conditions
    assert {"key": key} in conditions
    assert {"Content-Type": content_type} in conditions
    assert ["content-length-range", 1, MAX_BYTES] in conditions
    assert MAX_BYTES == 10 * 1024 * 1024
    assert not any(
        isinstance(c, list) and c[0] == "starts-with" for c in conditions
    )  # exact, never a prefix
    expires = datetime.fromisoformat(policy["expiration"].replace("Z", "+00:00")).timestamp()
    assert 300 <= expires - before <= 600 + 5
    # signed with the user's scoped session, so S3 applies the session policy as well
    credentials = ada.session["credentials"]
    assert fields["x-amz-credential"].startswith(credentials["access_key_id"] + "/")
    assert {"x-amz-security-token": credentials["session_token"]} in conditions


def test_a_receipt_posted_with_the_form_can_be_read_back(
    client: FlaskClient, people: Any, leaks: set[str]
) -> None:
    ada = people("ada")
    expense = _expense_id()
    photo = b"\xff\xd8\xff\xe0" + b"receipt" * 100
    missing = client.get(f"/api/v1/receipts/{expense}", headers=ada.bearer)
    assert (missing.status_code, missing.json["code"]) == (404, "not_found")
    post = client.post(
        PRESIGN,
        json={"expense_id": expense, "content_type": "image/jpeg", "size": len(photo)},
        headers=ada.bearer,
    ).json
    leaks.update({post["fields"]["policy"], post["fields"]["x-amz-signature"]})
    upload = requests.post(
        post["url"], data=post["fields"], files={"file": ("r.jpg", photo, "image/jpeg")}, timeout=10
    )
    assert upload.status_code in (200, 204)
    for query in ("", "?ext=jpg"):
        answer = client.get(f"/api/v1/receipts/{expense}{query}", headers=ada.bearer)
        assert answer.status_code == 200
        assert answer.json["key"] == f"receipts/{ada.user_id}/{expense}.jpg"
        leaks.add(answer.json["url"].split("Signature=")[-1])
        assert requests.get(answer.json["url"], timeout=10).content == photo
    assert client.get(f"/api/v1/receipts/{expense}?ext=png", headers=ada.bearer).status_code == 404


def test_refused_uploads_say_why(client: FlaskClient, people: Any) -> None:
    ada = people("ada")
    good = {"expense_id": _expense_id(), "content_type": "image/png", "size": 1000}
    cases = [
        ({**good, "size": MAX_BYTES + 1}, 413, "payload_too_large"),
        ({**good, "size": 0}, 400, "invalid_request"),
        ({**good, "size": "12"}, 400, "invalid_request"),
        ({**good, "content_type": "image/gif"}, 415, "unsupported_media_type"),
        ({**good, "content_type": "image/png; charset=x"}, 415, "unsupported_media_type"),
        ({**good, "expense_id": "../../etc/passwd"}, 400, "invalid_request"),
        ({**good, "expense_id": "receipts/other/x"}, 400, "invalid_request"),
        ({**good, "key": "receipts/x/y.png"}, 400, "invalid_request"),
    ]
    for body, status, code in cases:
        answer = client.post(PRESIGN, json=body, headers=ada.bearer)
        assert (answer.status_code, answer.json["code"]) == (status, code), body
    assert client.post(PRESIGN, json=good).status_code == 401
    assert (
        client.get("/api/v1/receipts/not-a-ulid", headers=ada.bearer).json["code"]
        == "invalid_request"
    )
    assert (
        client.get(f"/api/v1/receipts/{_expense_id()}?ext=exe", headers=ada.bearer).status_code
        == 400
    )
