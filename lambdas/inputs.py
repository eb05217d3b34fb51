"""What arrives at each door, checked before anything is read or written, and what a refused
direct invocation answers.

An SQS body, a direct invocation's payload and a scheduled event are parsed into small typed
values or refused with `InvalidInput` saying what is wrong. The messages name fields, never
echo what a field held: they end up in logs.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from sbp.core.errors import AccessDenied, CloudUnavailable, InvalidInput, NotFound, SbpError
from sbp.core.ids import is_ulid

if TYPE_CHECKING:
    from sbp.core.report_periods import ReportPeriod


class ExpenseMessage(NamedTuple):
    """A categorize request: which user's expense changed."""

    user_id: str
    expense_id: str


class ReportRequest(NamedTuple):
    """A report request from the gateway: whose, and for which period."""

    user_id: str
    period: ReportPeriod


def expense_message(body: str | None) -> ExpenseMessage:
    """The SQS body `{"user_id": ULID, "expense_id": ULID}`."""
    try:
        data = json.loads(body or "")
    except ValueError:
        raise InvalidInput("the message body is not JSON") from None
    if not isinstance(data, dict):
        raise InvalidInput("the message body is not a JSON object")
    return ExpenseMessage(_ulid(data, "user_id"), _ulid(data, "expense_id"))


def report_request(payload: Any, today: date) -> ReportRequest:
    """`{"user_id": ULID}` plus at most one of `month`, `week`, `year` or `from`/`to`
    (the options of `sbp report`; this month when none is given)."""
    # only the report function needs them
    from sbp.core.report_periods import PERIOD_FIELDS, period_named

    if not isinstance(payload, dict):
        raise InvalidInput("the request is not a JSON object")
    unknown = sorted(set(payload) - {"user_id", *PERIOD_FIELDS})
    if unknown:
        raise InvalidInput(
            f"unknown field {unknown[0]!r}: a request has user_id and one of month, week,"
            " year or from/to"
        )
    user_id = _ulid(payload, "user_id")
    given = {name: payload[name] for name in PERIOD_FIELDS if payload.get(name) is not None}
    if any(not isinstance(value, str) for value in given.values()):
        raise InvalidInput('month, week, year, from and to are text, e.g. "2026-11"')
    period = period_named(today, given)
    return ReportRequest(user_id, period)


def scheduled_time(event: Any, fallback: datetime) -> datetime:
    """The instant a scheduled event is about (its `time`), or `fallback` when it has none."""
    if not isinstance(event, dict):
        raise InvalidInput("the event is not a JSON object")
    stamp = event.get("time")
    if stamp is None:
        return fallback
    try:
        moment = datetime.fromisoformat(str(stamp).replace("Z", "+00:00"))
    except ValueError:
        raise InvalidInput("the event's time is not an ISO 8601 instant") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _ulid(data: dict[str, Any], field: str) -> str:
    value = data.get(field)
    if value is None:
        raise InvalidInput(f"{field} is missing")
    if not isinstance(value, str) or not is_ulid(value):
        raise InvalidInput(f"{field} is not a ULID")
    return value


_CODES = (
    (InvalidInput, "invalid_input"),
    (NotFound, "not_found"),
    (AccessDenied, "access_denied"),
    (CloudUnavailable, "unavailable"),
)


def refusal(error: SbpError) -> dict[str, str]:
    """The error object a direct invocation answers with: a stable code and a sentence."""
    code = next((name for kind, name in _CODES if isinstance(error, kind)), "failed")
    answer = {"error": code, "message": error.message}
    if error.hint:
        answer["hint"] = error.hint
    return answer
