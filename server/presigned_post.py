"""Presigned S3 POSTs signed by botocore's own `S3SigV4PostAuth` over a bucket URL resolved once.

A client's `generate_presigned_post` resolves S3's endpoint ruleset on every call, a third of
what a presign costs, although a bucket's POST URL is the same for every key in it. This signer
asks the client for that URL once, then builds each policy as the client does (the given
conditions, then the bucket and the exact key; the key added to the fields) and has the class
botocore itself signs presigned POSTs with add the algorithm, credential scope, date, session
token, policy and signature. tests/server checks that both give the same fields for the same
inputs at the same time.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from botocore.auth import ISO8601, S3SigV4PostAuth
from botocore.awsrequest import AWSRequest
from botocore.compat import get_current_datetime
from botocore.credentials import ReadOnlyCredentials

_FILENAME = "${filename}"


class PostSigner:
    """Presigned POSTs into one bucket, signed with one set of credentials."""

    def __init__(self, s3: Any, bucket: str, credentials: ReadOnlyCredentials) -> None:
        # The URL comes from the client itself, with its endpoint and addressing style; the
        # key is irrelevant to it (botocore builds it from the bucket alone).
        self.url: str = s3.generate_presigned_post(Bucket=bucket, Key=_FILENAME)["url"]
        self._bucket = bucket
        self._auth = S3SigV4PostAuth(credentials, "s3", s3.meta.region_name)

    def presign(
        self,
        key: str,
        fields: dict[str, Any],
        conditions: list[Any],
        expires_in: int,
    ) -> dict[str, Any]:
        """`{"url", "fields"}` as `s3.generate_presigned_post(Bucket, Key, Fields, Conditions,
        ExpiresIn)` returns them, for an exact key."""
        if key.endswith(_FILENAME):
            raise ValueError("only exact keys are signed here, never a prefix")
        fields = {**fields, "key": key}
        expiration = get_current_datetime() + timedelta(seconds=expires_in)
        policy = {
            "expiration": expiration.strftime(ISO8601),
            "conditions": [*conditions, {"bucket": self._bucket}, {"key": key}],
        }
        request = AWSRequest(method="POST", url=self.url)
        request.context["s3-presign-post-fields"] = fields
        request.context["s3-presign-post-policy"] = policy
        self._auth.add_auth(request)
        return {"url": self.url, "fields": fields}
