"""Errors as RFC 9457 problem objects with a stable `code`, and the handlers that make them.

Every failure the API reports, whether raised on purpose (`Problem`), by Werkzeug (a wrong method,
a body too large, an untrusted host) or by surprise (the last-resort handler), leaves as
`application/problem+json` carrying the request id, so a person can quote it and an operator
can find the matching log line. Bodies say what went wrong in words, never echoing what was sent.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, g, jsonify
from werkzeug.exceptions import HTTPException

PROBLEM_BASE = "https://sbp.invalid/problems/"
MEDIA_TYPE = "application/problem+json"

log = logging.getLogger("sbp.gateway")

# The code and title of each Werkzeug error the API can meet, by status.
_HTTP_CODES = {
    400: ("invalid_request", "The request is not valid"),
    401: ("token_invalid", "Sign-in required"),
    403: ("forbidden", "Not allowed"),
    404: ("not_found", "No such resource"),
    405: ("method_not_allowed", "Method not allowed"),
    406: ("not_acceptable", "Only JSON is served"),
    413: ("payload_too_large", "The request is too large"),
    415: ("unsupported_media_type", "Send JSON"),
    429: ("rate_limited", "Too many requests"),
}


class Problem(Exception):
    """A failure to report to the client as a problem object."""

    def __init__(
        self,
        status: int,
        code: str,
        title: str,
        detail: str,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
        self.headers = headers or {}


def invalid(detail: str) -> Problem:
    """A 400 for a request body or parameter that cannot be accepted."""
    return Problem(400, "invalid_request", "The request is not valid", detail)


def unavailable(
    detail: str = "a service the gateway depends on did not answer; try again",
) -> Problem:
    return Problem(503, "service_unavailable", "Service unavailable", detail, {"Retry-After": "5"})


def problem_response(problem: Problem) -> Response:
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + problem.code,
        "title": problem.title,
        "status": problem.status,
        "detail": problem.detail,
        "code": problem.code,
        "request_id": g.get("request_id", ""),
    }
    response = jsonify(body)
    response.status_code = problem.status
    response.mimetype = MEDIA_TYPE
    response.headers.update(problem.headers)
    return response


def _from_http(error: HTTPException) -> Response:
    status = error.code or 500
    code, title = _HTTP_CODES.get(status, ("internal", "Internal error"))
    detail = _http_detail(error, status)
    headers = {}
    if status == 429:
        headers["Retry-After"] = "60"
    if status == 405 and error.valid_methods:  # type: ignore[attr-defined]
        headers["Allow"] = ", ".join(error.valid_methods)  # type: ignore[attr-defined]
    return problem_response(Problem(status, code, title, detail, headers))


def _http_detail(error: HTTPException, status: int) -> str:
    if status == 400 and type(error).__name__ == "SecurityError":
        return "this host name is not served here"
    if status == 413:
        return "request bodies are limited to 16 KiB"
    if status == 429:
        return "too many requests from this address; wait a minute and try again"
    if status == 404:
        return "there is nothing at this address; the API lives under /api/v1"
    if status == 405:
        return "this address does not take that method"
    return "the request could not be read"


def _last_resort(error: Exception) -> Response:
    log.error(
        "unhandled error",
        exc_info=error,
        extra={
            "event": "internal_error",
            "request_id": g.get("request_id", ""),
            "error_type": type(error).__name__,
        },
    )
    return problem_response(
        Problem(
            500,
            "internal",
            "Internal error",
            "something went wrong on our side; quote the request id",
        )
    )


def install(app: Flask) -> None:
    """Route every error of `app` to a problem response."""
    app.register_error_handler(Problem, problem_response)
    app.register_error_handler(HTTPException, _from_http)
    app.register_error_handler(Exception, _last_resort)
