"""Small pieces every DynamoDB-backed store of the gateway shares: typed values, and turning an
unreachable or throttled AWS into a `service_unavailable` problem instead of a 500."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError
from botocore.parsers import ResponseParserError

from server.access_log import log
from server.problems import unavailable

# Codes that mean "not now", not "not like this": the client may retry later.
_TRANSIENT = {
    "ProvisionedThroughputExceededException",
    "ThrottlingException",
    "Throttling",
    "RequestLimitExceeded",
    "InternalServerError",
    "ServiceUnavailable",
    "ResourceNotFoundException",
    "LimitExceededException",
    "TransactionInProgressException",
}


def S(value: str) -> dict[str, str]:
    return {"S": value}


def N(value: int) -> dict[str, str]:
    return {"N": str(value)}


def item_text(item: dict[str, Any], name: str) -> str:
    return str(item[name]["S"])


def item_number(item: dict[str, Any], name: str, default: int = 0) -> int:
    value = item.get(name)
    return int(value["N"]) if value else default


def error_code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))


def condition_failed(error: ClientError) -> bool:
    return error_code(error) == "ConditionalCheckFailedException"


@contextmanager
def or_unavailable() -> Iterator[None]:
    """Turn a connection failure, a garbled answer or a transient AWS error into a 503 problem."""
    try:
        yield
    except (BotoCoreError, ResponseParserError) as error:
        log.warning(
            "aws unreachable",
            extra={"event": "aws_unreachable", "error_type": type(error).__name__},
        )
        raise unavailable() from None
    except ClientError as error:
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
        if error_code(error) in _TRANSIENT or status >= 500:
            log.warning(
                "aws refused", extra={"event": "aws_error", "error_code": error_code(error)}
            )
            raise unavailable() from None
        raise
