"""The gateway's presigned POST signer against botocore's client-level `generate_presigned_post`.

The gateway signs receipt uploads with `server.presigned_post.PostSigner` (botocore's own
`S3SigV4PostAuth` over a bucket URL resolved once) rather than the client method, which
resolves the endpoint again on every call. Given the same inputs at the same instant, both
must produce the same URL and the same form fields, byte for byte: the same policy document,
hence the same signature. moto checks neither, so the comparison is made here.
"""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from botocore.credentials import ReadOnlyCredentials
from gateway_stack import REGION

from server.aws_clients import new_session
from server.credentials import user_s3_client
from server.presigned_post import PostSigner
from server.receipts import MAX_BYTES

BUCKET = "sbp-test-data-123456789012-us-east-1"
KEY = "receipts/01KAB3XYZ0000000000000000A/01KAB3XYZ0000000000000000B.jpg"
# Made-up credentials: presigning is offline, nothing is sent anywhere.
CREDENTIALS = ReadOnlyCredentials("ASIAEXAMPLEEXAMPLE00", "example/secret/key", "example-token")


def _s3(endpoint: str | None) -> Any:
    """The S3 client the gateway makes for a user."""
    return user_s3_client(new_session(REGION), endpoint, CREDENTIALS)


def _policy(fields: dict[str, str]) -> dict[str, Any]:
    return dict(json.loads(base64.b64decode(fields["policy"])))


@pytest.mark.parametrize("endpoint", [None, "http://127.0.0.1:5000"], ids=["aws", "local"])
def test_the_signer_gives_what_the_client_method_gives(endpoint: str | None) -> None:
    s3 = _s3(endpoint)
    signer = PostSigner(s3, BUCKET, CREDENTIALS)
    content_type = "image/jpeg"
    conditions = [{"Content-Type": content_type}, ["content-length-range", 1, MAX_BYTES]]
    with time_machine.travel(datetime(2025, 3, 1, 12, 30, 15, tzinfo=UTC), tick=False):
        ours = signer.presign(KEY, {"Content-Type": content_type}, conditions, 300)
        botocore_s = s3.generate_presigned_post(
            Bucket=BUCKET,
            Key=KEY,
            Fields={"Content-Type": content_type},
            Conditions=conditions,
            ExpiresIn=300,
        )
    assert ours == botocore_s  # URL and every field, the signature included
    assert _policy(ours["fields"]) == _policy(botocore_s["fields"])
    policy = _policy(ours["fields"])
    assert policy["expiration"] == "2025-03-01T12:35:15Z"
    assert {"bucket": BUCKET} in policy["conditions"]
    assert {"key": KEY} in policy["conditions"]
    assert {"x-amz-security-token": CREDENTIALS.token} in policy["conditions"]
    assert ours["fields"]["x-amz-credential"].startswith(f"{CREDENTIALS.access_key}/20250301/")
    if endpoint:
        assert ours["url"] == f"{endpoint}/{BUCKET}"
    else:
        assert ours["url"] == f"https://{BUCKET}.s3.amazonaws.com/"


def test_each_post_is_signed_at_its_own_time_and_leaves_the_inputs_alone() -> None:
    signer = PostSigner(_s3(None), BUCKET, CREDENTIALS)
    fields = {"Content-Type": "image/png"}
    conditions: list[Any] = [{"Content-Type": "image/png"}]
    with time_machine.travel(datetime(2025, 3, 1, 12, 0, tzinfo=UTC), tick=False) as clock:
        first = signer.presign(KEY, fields, conditions, 300)
        clock.shift(60)
        second = signer.presign(KEY, fields, conditions, 300)
    assert _policy(first["fields"])["expiration"] == "2025-03-01T12:05:00Z"
    assert _policy(second["fields"])["expiration"] == "2025-03-01T12:06:00Z"
    assert first["fields"]["x-amz-signature"] != second["fields"]["x-amz-signature"]
    assert fields == {"Content-Type": "image/png"}
    assert conditions == [{"Content-Type": "image/png"}]


def test_a_key_prefix_is_never_signed() -> None:
    signer = PostSigner(_s3(None), BUCKET, CREDENTIALS)
    with pytest.raises(ValueError, match="exact keys"):
        signer.presign("receipts/01KAB3XYZ0000000000000000A/${filename}", {}, [], 300)
