"""AWS failures as sbp's own errors: what went wrong, in words a person can act on.

Every call the cloud side makes goes through `aws_call`, so a throttled, unreachable or refusing
AWS becomes `CloudUnavailable` or `AccessDenied` with one clear line. The line is ours, never
AWS's message: those can name roles, sessions and keys, which have no place in an error shown
to a person or written to a log.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sbp.core.errors import AccessDenied, CloudUnavailable, SbpError

BUSY = frozenset(
    {
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "Throttling",
        "ThrottledException",
        "RequestLimitExceeded",
        "TooManyRequestsException",
        "SlowDown",
        "InternalServerError",
        "InternalFailure",
        "InternalError",
        "ServiceUnavailable",
        "TransactionInProgressException",
        "LimitExceededException",
    }
)
DENIED = frozenset(
    {
        "AccessDenied",
        "AccessDeniedException",
        "AuthorizationError",
        "UnrecognizedClientException",
        "InvalidClientTokenId",
        "ExpiredToken",
        "ExpiredTokenException",
        "InvalidSignatureException",
        "SignatureDoesNotMatch",
        "InvalidAccessKeyId",
        "MissingAuthenticationTokenException",
        "RequestExpired",
        "403",  # what boto3 reports when a service answers 403 in a body it cannot parse
    }
)
MISSING = frozenset({"ResourceNotFoundException", "NoSuchBucket", "NotFound", "NotFoundException"})


def error_code(error: Exception) -> str:
    """The AWS error code of a botocore `ClientError` ("" for anything else)."""
    response: Any = getattr(error, "response", None)
    if not isinstance(response, dict):
        return ""
    return str(response.get("Error", {}).get("Code", ""))


def translated(error: Exception, action: str) -> SbpError | None:
    """sbp's error for an AWS failure during `action`, or None when it is not one we expect
    (a bug: a malformed request should surface as itself)."""
    from botocore.exceptions import (
        ClientError,
        EndpointConnectionError,
        HTTPClientError,
        NoCredentialsError,
        PartialCredentialsError,
    )

    if isinstance(error, NoCredentialsError | PartialCredentialsError):
        return AccessDenied(f"no AWS credentials for {action}", hint="sign in again")
    if isinstance(error, EndpointConnectionError | HTTPClientError):
        return CloudUnavailable(
            f"the cloud could not be reached for {action}",
            hint="check the network; sbp keeps working offline meanwhile",
        )
    if not isinstance(error, ClientError):
        return None
    code = error_code(error)
    if code in BUSY:
        return CloudUnavailable(
            f"the cloud is busy and refused {action} ({code})", hint="try again in a minute"
        )
    if code in DENIED:
        return AccessDenied(
            f"the cloud refused {action} ({code}): the sign-in has expired or does not reach"
            " this data",
            hint="sign in again",
        )
    if code in MISSING:
        return CloudUnavailable(
            f"{action} failed: the cloud resource does not exist ({code})",
            hint="check that the stack is applied and the resource names are right",
        )
    return None


@contextmanager
def aws_call(action: str) -> Iterator[None]:
    """Run AWS calls, turning the failures sbp expects into `CloudUnavailable`/`AccessDenied`."""
    try:
        yield
    except Exception as exc:
        mapped = translated(exc, action)
        if mapped is None:
            raise
        raise mapped from None  # AWS's own message stays out of what a person or a log sees
