"""Failures below the HTTP layer (no network, no credentials) become sbp's errors too."""

from __future__ import annotations

import pytest
from botocore.exceptions import EndpointConnectionError, NoCredentialsError, ReadTimeoutError

from sbp.cloud.aws_errors import aws_call, translated
from sbp.core.errors import AccessDenied, CloudUnavailable


@pytest.mark.parametrize(
    "error",
    [
        EndpointConnectionError(endpoint_url="https://dynamodb.eu-west-1.amazonaws.com"),
        ReadTimeoutError(endpoint_url="https://dynamodb.eu-west-1.amazonaws.com"),
    ],
)
def test_an_unreachable_cloud_is_cloud_unavailable(error: Exception) -> None:
    unreachable = pytest.raises(CloudUnavailable, match="could not be reached for syncing")
    with unreachable, aws_call("syncing"):
        raise error


def test_missing_credentials_are_access_denied() -> None:
    assert isinstance(translated(NoCredentialsError(), "syncing"), AccessDenied)


def test_errors_that_are_not_from_aws_pass_through() -> None:
    with pytest.raises(KeyError), aws_call("syncing"):
        raise KeyError("seq")
