"""Receipt uploads and downloads as presigned S3 requests, signed with the user's own credentials.

The upload is a presigned POST whose policy fixes the exact key (`receipts/{user}/{expense}.{ext}`),
the exact Content-Type (one of five), a size from 1 byte to 10 MB and a lifetime of minutes. It
is signed with the user's scoped credentials, so S3 checks the upload against the user's session
policy as well as against the POST policy. The download is a presigned GET of the same key.
"""

from __future__ import annotations

import time
from typing import Any

from botocore.exceptions import ClientError

from server.dynamo import error_code, or_unavailable
from server.presigned_post import PostSigner
from server.times import iso

RECEIPT_TYPES = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/heic": "heic",
    "image/webp": "webp",
    "application/pdf": "pdf",
}
MAX_BYTES = 10 * 1024 * 1024
UPLOAD_SECONDS = 300
DOWNLOAD_SECONDS = 300


def receipt_key(user_id: str, expense_id: str, extension: str) -> str:
    return f"receipts/{user_id}/{expense_id}.{extension}"


def presign_upload(poster: PostSigner, key: str, content_type: str) -> dict[str, Any]:
    """The URL and form fields of a POST that may store exactly this one file."""
    post = poster.presign(
        key,
        fields={"Content-Type": content_type},
        conditions=[{"Content-Type": content_type}, ["content-length-range", 1, MAX_BYTES]],
        expires_in=UPLOAD_SECONDS,
    )
    return {
        "url": post["url"],
        "fields": post["fields"],
        "key": key,
        "expires_at": iso(time.time() + UPLOAD_SECONDS),
    }


def presign_download(s3: Any, bucket: str, key: str) -> dict[str, Any]:
    url = s3.generate_presigned_url(
        "get_object", Params={"Bucket": bucket, "Key": key}, ExpiresIn=DOWNLOAD_SECONDS
    )
    return {"url": url, "key": key, "expires_at": iso(time.time() + DOWNLOAD_SECONDS)}


def stored_key(s3: Any, bucket: str, candidates: list[str]) -> str | None:
    """The first of `candidates` that exists. The user's credentials may read but not list their
    prefix, so S3 answers 403 rather than 404 for a missing key: both mean "not there"."""
    for key in candidates:
        try:
            with or_unavailable():
                s3.head_object(Bucket=bucket, Key=key)
        except ClientError as error:
            if error_code(error) in {"404", "403", "NoSuchKey", "NotFound", "AccessDenied"}:
                continue
            raise
        return key
    return None
