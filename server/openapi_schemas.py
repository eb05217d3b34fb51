"""The OpenAPI components: request and response bodies, the problem object, the bearer scheme.

The request schemas say exactly what the handlers accept (same patterns, same bounds), so a
client generated from the document, or a property-based test, sends what the gateway takes.
"""

from __future__ import annotations

from typing import Any

from server.bodies import DEVICE_ID, E164, EMAIL, PRINTABLE, USERNAME
from server.passwords import MAX_LENGTH, MIN_LENGTH
from server.receipts import MAX_BYTES, RECEIPT_TYPES
from server.tokens import ACCESS_SECONDS

ULID = "[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{26}"


def text(
    pattern: str | None = None, *, min_length: int = 1, max_length: int | None = None, **extra: Any
) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", "minLength": min_length, **extra}
    if pattern is not None:
        schema["pattern"] = f"^{pattern}$"
    if max_length is not None:
        schema["maxLength"] = max_length
    return schema


def obj(
    properties: dict[str, Any], required: list[str] | None = None, **extra: Any
) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
        **extra,
    }


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


_YEAR = "[1-9][0-9]{3}"
TIME = {"type": "string", "format": "date-time"}
NULLABLE_TEXT = {"type": ["string", "null"]}

SCHEMAS: dict[str, Any] = {
    "Problem": {
        "type": "object",
        "properties": {
            "type": {"type": "string", "format": "uri"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
            "code": {"type": "string"},
            "request_id": {"type": "string"},
        },
        "required": ["type", "title", "status", "detail", "code", "request_id"],
    },
    "RegisterRequest": obj(
        {
            "username": text(USERNAME, max_length=32),
            "email": text(EMAIL, max_length=254),
            "password": text(min_length=MIN_LENGTH, max_length=MAX_LENGTH),
        }
    ),
    "Registered": obj({"user_id": text(), "username": text()}),
    "LoginRequest": obj(
        {
            "login": text(max_length=254, description="username or e-mail address"),
            "password": text(max_length=4 * MAX_LENGTH),
            "device": obj({"id": text(DEVICE_ID), "name": text(PRINTABLE, max_length=64)}),
        }
    ),
    "RefreshRequest": obj({"refresh_token": text(max_length=200)}),
    "Session": obj(
        {
            "user_id": text(),
            "username": text(),
            "access_token": text(),
            "access_expires_at": TIME,
            "refresh_token": text(),
            "refresh_expires_at": TIME,
            "credentials": obj(
                {
                    "access_key_id": text(),
                    "secret_access_key": text(),
                    "session_token": text(),
                    "expiration": TIME,
                }
            ),
            "resources": obj(
                {
                    "region": text(),
                    "replica_table": text(),
                    "bucket": text(),
                    "categorize_queue_url": text(),
                    "endpoint_url": text(description="only on the local stack"),
                },
                required=["region", "replica_table", "bucket", "categorize_queue_url"],
            ),
        }
    ),
    "Me": obj(
        {
            "user_id": text(),
            "username": text(),
            "email": text(),
            "devices": {
                "type": "array",
                "items": obj(
                    {
                        "id": text(),
                        "name": text(),
                        "first_seen": TIME,
                        "last_seen": TIME,
                        "signed_in": {"type": "boolean"},
                    }
                ),
            },
        }
    ),
    "PresignRequest": obj(
        {
            "expense_id": text(ULID),
            "content_type": {"type": "string", "enum": list(RECEIPT_TYPES)},
            "size": {"type": "integer", "minimum": 1, "maximum": MAX_BYTES},
        }
    ),
    "PresignedPost": obj(
        {
            "url": text(),
            "fields": {"type": "object", "additionalProperties": {"type": "string"}},
            "key": text(),
            "expires_at": TIME,
        }
    ),
    "PresignedGet": obj({"url": text(), "key": text(), "expires_at": TIME}),
    "ReportRequest": {
        "type": "object",
        "properties": {
            "month": text(f"{_YEAR}-(0[1-9]|1[0-2])", example="2026-11"),
            "week": text(f"{_YEAR}-?[Ww](0[1-9]|[1-4][0-9]|5[0-3])", example="2026-W47"),
            "year": text(_YEAR, example="2026"),
            "from": {"type": "string", "format": "date", "description": "the first day"},
            "to": {
                "type": "string",
                "format": "date",
                "description": "the last day; today if left out",
            },
        },
        "additionalProperties": False,
        "oneOf": [
            {"required": ["month"]},
            {"required": ["week"]},
            {"required": ["year"]},
            {"required": ["from"]},
        ],
    },
    "Report": obj({"url": text(), "key": text(), "expires_at": TIME}),
    "AlertsRequest": {
        "type": "object",
        "properties": {
            "email": text(EMAIL, max_length=254),
            "sms": text(E164),
            "off": {"const": True},
        },
        "additionalProperties": False,
        "minProperties": 1,
        "maxProperties": 1,
    },
    "Alerts": obj(
        {
            "email": NULLABLE_TEXT,
            "sms": NULLABLE_TEXT,
            "email_confirmed": {"type": "boolean"},
            "sms_confirmed": {"type": "boolean"},
        }
    ),
    "Health": obj({"status": {"const": "ok"}}),
}

SECURITY_SCHEMES = {
    "bearer": {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": f"the access token from login or refresh ({ACCESS_SECONDS // 60} minutes)",
    }
}
