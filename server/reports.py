"""Reports: the period a request names, and the report Lambda that renders it into S3.

The gateway invokes `lambdas.report_generator` with `{"user_id": ...}` and exactly one period,
already checked and written canonically: `"month": "2026-11"`, `"week": "2026-W47"`,
`"year": "2026"`, or `"from": "2026-01-01", "to": "2026-03-31"`. The function answers
`{"key": "reports/<user id>/...", "url": <presigned GET>, "expires_in": <seconds>}`, or refuses
with `{"error": <code>, "message": ...}`. A key outside the user's own prefix is never passed on.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, date, datetime
from typing import Any

from sbp.core.errors import InvalidInput
from sbp.core.report_periods import PERIOD_FIELDS, period_fields, period_named
from server.access_log import event
from server.bodies import Body
from server.dynamo import or_unavailable
from server.problems import Problem, invalid, unavailable
from server.times import iso


def requested_period(body: Body, today: date) -> dict[str, str]:
    """The one period named in `body`, canonical, for the Lambda."""
    given = [name for name in ("month", "week", "year") if body.has(name)]
    if body.has("from") or body.has("to"):
        given.append("from/to")
    if len(given) != 1:
        raise invalid("name one period: 'month', 'week', 'year', or 'from' (with an optional 'to')")
    texts = {name: body.text(name, max_length=10) for name in PERIOD_FIELDS if body.has(name)}
    if "to" in texts and "from" not in texts:
        raise invalid("'to' needs 'from': say where the report starts")
    try:
        period = period_named(today, texts)
    except InvalidInput as error:
        raise invalid(str(error)) from None
    return period_fields(period)


def render_report(
    lambda_client: Any, function: str, user_id: str, period: dict[str, str]
) -> dict[str, Any]:
    """Invoke the report Lambda; its link, key and expiry, or the problem it reported."""
    payload = json.dumps({"user_id": user_id, **period}).encode()
    asked = time.time()
    with or_unavailable():
        answer = lambda_client.invoke(
            FunctionName=function, InvocationType="RequestResponse", Payload=payload
        )
        raw = answer["Payload"].read()
    result = _parsed(raw)
    if not answer.get("FunctionError") and result is not None and "error" in result:
        raise _refusal(result, user_id)
    if answer.get("FunctionError") or not _is_report_for(result, user_id):
        event("report_failed", user_id=user_id, function_error=answer.get("FunctionError"))
        raise unavailable("the report could not be made just now; try again in a minute")
    assert result is not None
    event("report_made", user_id=user_id)
    expires = iso(asked + result["expires_in"])
    return {"url": result["url"], "key": result["key"], "expires_at": expires}


def _refusal(result: dict[str, Any], user_id: str) -> Problem:
    """The report function's refusal as a problem: its code, and its sentence (about the period,
    never the user's data)."""
    code = str(result.get("error"))
    event("report_refused", user_id=user_id, reason=code)
    message = str(result.get("message") or "the report could not be made")
    if code == "invalid_input":
        return invalid(message)
    if code == "not_found":
        return Problem(404, "not_found", "Nothing to report", message)
    if code == "access_denied":
        return Problem(403, "forbidden", "Not allowed", message)
    return unavailable("the report could not be made just now; try again in a minute")


def today_utc() -> date:
    return datetime.now(UTC).date()


def _parsed(raw: bytes) -> dict[str, Any] | None:
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _is_report_for(result: dict[str, Any] | None, user_id: str) -> bool:
    if result is None:
        return False
    key, url, lifetime = result.get("key"), result.get("url"), result.get("expires_in")
    return (
        isinstance(key, str)
        and key.startswith(f"reports/{user_id}/")
        and isinstance(url, str)
        and url.startswith(("https://", "http://"))
        and isinstance(lifetime, int)
        and 0 < lifetime <= 7 * 24 * 3600
    )
