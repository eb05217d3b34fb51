"""AWS clients made one way: a session of their own, bounded retries, short timeouts.

A fresh `boto3.session.Session` per client, because the default session is not safe to share
between threads; botocore's standard retry mode absorbs brief throttling before sbp sees it.
`AWS_ENDPOINT_URL` (the local stack) is honoured by botocore itself.
"""

from __future__ import annotations

from typing import Any

READ_TIMEOUT_SECONDS = 20


def client_config(service: str) -> Any:
    """Bounded retries and short timeouts; S3 signs with SigV4, so a presigned link carries its
    lifetime (X-Amz-Expires)."""
    from botocore.config import Config

    return Config(
        retries={"mode": "standard", "max_attempts": 4},
        connect_timeout=5,
        read_timeout=READ_TIMEOUT_SECONDS,
        signature_version="s3v4" if service == "s3" else None,
    )


def aws_client(
    service: str,
    *,
    region: str | None = None,
    endpoint_url: str | None = None,
    credentials: dict[str, str] | None = None,
) -> Any:
    """A boto3 client for `service`; `credentials` are scoped ones (`aws_access_key_id`,
    `aws_secret_access_key`, `aws_session_token`) when given, else the usual chain."""
    import boto3

    session = boto3.session.Session(region_name=region, **(credentials or {}))
    return session.client(service, endpoint_url=endpoint_url, config=client_config(service))
