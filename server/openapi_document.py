"""The OpenAPI 3.1 document of the gateway's API, served at `/api/v1/openapi.json`.

Every operation lists its success response and each problem response it can give, with the
problem object's schema, so a client can rely on both and a property-based test can hold the
gateway to them.
"""

from __future__ import annotations

from typing import Any

from server.openapi_schemas import SCHEMAS, SECURITY_SCHEMES, ref

_PROBLEM_TEXT = {
    400: "the body or a parameter is not valid (`invalid_request`, `weak_password`)",
    401: "not signed in, or the token or sign-in details were refused (`token_invalid`, "
    "`token_expired`, `invalid_credentials`, `refresh_reused`)",
    403: "signed in, but not allowed (`forbidden`)",
    404: "no such thing (`not_found`)",
    405: "the address does not take this method (`method_not_allowed`)",
    409: "already taken (`username_taken`, `email_taken`)",
    413: "too large (`payload_too_large`)",
    415: "a body that is not JSON, or a receipt type not allowed (`unsupported_media_type`)",
    429: "too many attempts; see Retry-After (`rate_limited`)",
    500: "an unexpected error; quote the request id (`internal`)",
    503: "a service the gateway needs did not answer; try again (`service_unavailable`)",
}
_ALWAYS = (405, 500, 503)
_BODY = (400, 413, 415)
_AUTH = (401,)


def _problems(*statuses: int) -> dict[str, Any]:
    return {
        str(status): {
            "description": _PROBLEM_TEXT[status],
            "content": {"application/problem+json": {"schema": ref("Problem")}},
        }
        for status in sorted({*statuses, *_ALWAYS})
    }


def _json(schema: str, description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": ref(schema)}}}


def _operation(
    summary: str,
    *,
    body: str | None = None,
    ok: tuple[str, dict[str, Any]],
    problems: tuple[int, ...] = (),
    signed_in: bool = True,
    parameters: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    status, answer = ok
    operation: dict[str, Any] = {
        "summary": summary,
        "responses": {status: answer, **_problems(*problems, *(_AUTH if signed_in else ()))},
    }
    if body is not None:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": ref(body)}},
        }
        operation["responses"].update(_problems(*_BODY))
    if signed_in:
        operation["security"] = [{"bearer": []}]
    if parameters:
        operation["parameters"] = parameters
    return operation


def _receipt_parameters() -> list[dict[str, Any]]:
    return [
        {
            "name": "expense_id",
            "in": "path",
            "required": True,
            "schema": {"type": "string", "pattern": "^[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{26}$"},
        },
        {
            "name": "ext",
            "in": "query",
            "required": False,
            "schema": {"type": "string", "enum": ["jpg", "png", "heic", "webp", "pdf"]},
        },
    ]


PATHS: dict[str, Any] = {
    "/register": {
        "post": _operation(
            "Create an account",
            body="RegisterRequest",
            signed_in=False,
            ok=("201", _json("Registered", "the account was created")),
            problems=(409, 429),
        )
    },
    "/login": {
        "post": _operation(
            "Sign in from a device",
            body="LoginRequest",
            signed_in=False,
            ok=("200", _json("Session", "tokens, scoped AWS credentials and resource names")),
            problems=(401, 429),
        )
    },
    "/refresh": {
        "post": _operation(
            "Swap a refresh token for a new session (the old token is spent)",
            body="RefreshRequest",
            signed_in=False,
            ok=("200", _json("Session", "a new session; keep the new refresh token")),
            problems=(401,),
        )
    },
    "/logout": {
        "post": _operation(
            "End the session the refresh token belongs to",
            body="RefreshRequest",
            ok=("204", {"description": "signed out"}),
            problems=(403,),
        )
    },
    "/me": {
        "get": _operation(
            "The signed-in account and its devices",
            ok=("200", _json("Me", "the account")),
        )
    },
    "/healthz": {
        "get": _operation(
            "Whether the gateway can reach its tables",
            signed_in=False,
            ok=("200", _json("Health", "healthy")),
        )
    },
    "/receipts/presign": {
        "post": _operation(
            "A presigned POST to upload one receipt",
            body="PresignRequest",
            ok=("200", _json("PresignedPost", "POST the file to url with these form fields")),
        )
    },
    "/receipts/{expense_id}": {
        "get": _operation(
            "A presigned GET of an expense's receipt",
            parameters=_receipt_parameters(),
            ok=("200", _json("PresignedGet", "GET the receipt from url")),
            problems=(400, 404),
        )
    },
    "/reports": {
        "post": _operation(
            "Render a PDF report of a period and get its address",
            body="ReportRequest",
            ok=("200", _json("Report", "GET the PDF from url")),
            problems=(403, 404),
        )
    },
    "/alerts": {
        "get": _operation("Where budget alerts go", ok=("200", _json("Alerts", "the channels"))),
        "post": _operation(
            "Send alerts to an e-mail address or phone, or turn them off",
            body="AlertsRequest",
            ok=("200", _json("Alerts", "the channels now")),
        ),
    },
    "/openapi.json": {
        "get": _operation(
            "This document",
            signed_in=False,
            ok=(
                "200",
                {
                    "description": "the OpenAPI document",
                    "content": {"application/json": {"schema": {"type": "object"}}},
                },
            ),
        )
    },
}


def openapi_document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "sbp sign-in gateway",
            "version": "1",
            "description": "Accounts, sessions, scoped AWS credentials and presigned S3 "
            "addresses for sbp. Errors are RFC 9457 problem objects with a stable `code`.",
        },
        "servers": [{"url": "/api/v1"}],
        "paths": PATHS,
        "components": {"schemas": SCHEMAS, "securitySchemes": SECURITY_SCHEMES},
    }
