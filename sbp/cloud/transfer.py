"""Files to and from S3 through presigned requests: a POST form up, a GET down.

The gateway presigns; the bytes go straight between this device and S3, never through it.
"""

from __future__ import annotations

from typing import Any

from sbp.cloud.gateway_client import http_pool, unreachable
from sbp.core.errors import CloudUnavailable, InvalidInput

STORED = (200, 201, 204)


def post_form(
    url: str, fields: dict[str, str], filename: str, data: bytes, content_type: str
) -> None:
    """POST `data` to a presigned POST `url` with its `fields` (the file last, as S3 wants)."""
    import urllib3

    form: list[tuple[str, Any]] = list(fields.items())
    form.append(("file", (filename, data, content_type)))
    body, form_type = urllib3.encode_multipart_formdata(form)
    try:
        answer = http_pool().request("POST", url, body=body, headers={"Content-Type": form_type})
    except urllib3.exceptions.HTTPError as error:
        raise unreachable(_site(url), error) from None
    if answer.status not in STORED:
        raise CloudUnavailable(
            f"the cloud did not store the file (HTTP {answer.status})",
            hint="try again in a minute; nothing was recorded",
        )


def download(url: str, limit: int) -> bytes:
    """The bytes at a presigned GET `url`; refused when over `limit` bytes."""
    import urllib3

    try:
        answer = http_pool().request("GET", url, preload_content=False)
    except urllib3.exceptions.HTTPError as error:
        raise unreachable(_site(url), error) from None
    try:
        if answer.status != 200:
            raise CloudUnavailable(
                f"the cloud did not hand over the file (HTTP {answer.status})",
                hint="try again in a minute",
            )
        data = answer.read(limit + 1)
    finally:
        answer.release_conn()
    if len(data) > limit:
        raise InvalidInput(f"the file in the cloud is larger than {limit:,} bytes")
    return bytes(data)


def _site(url: str) -> str:
    """Where a presigned URL goes, without its query (which holds the signature)."""
    return url.split("?", 1)[0]
