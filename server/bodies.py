"""Reading a request's JSON body field by field, with a one-line problem for anything wrong.

Every check names the field and what would be right, never the value that was sent (it may be
a password, or an e-mail address, or anything a person pasted).
"""

from __future__ import annotations

import re
from typing import Any

from flask import request

from server.problems import Problem, invalid

# Field patterns shared by the handlers and the OpenAPI document.
USERNAME = r"[A-Za-z0-9][A-Za-z0-9_.-]{2,31}"
# An address as SNS and mail servers take it: ASCII (an international domain in its xn-- form)
EMAIL = (
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}"
    r"@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+"
)
DEVICE_ID = r"[0-9a-z]{16}"
E164 = r"\+[1-9][0-9]{6,14}"

# Text for people to read later: no control or direction characters, not only spaces.
_HIDDEN = r"\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff"
PRINTABLE = rf"[^{_HIDDEN}]*[^\s{_HIDDEN}][^{_HIDDEN}]*"


class Body:
    """A JSON object sent with the request; field readers raise `invalid_request` problems."""

    def __init__(self, fields: dict[str, Any], allowed: set[str]) -> None:
        unknown = sorted(set(fields) - allowed)
        if unknown:
            raise invalid(f"unexpected field {unknown[0]!r}; this request takes {_listed(allowed)}")
        self._fields = fields

    def has(self, name: str) -> bool:
        """Whether the body names the field; a null names it too (and is then refused by the
        field's reader), since the OpenAPI document allows no field to be null."""
        return name in self._fields

    def text(
        self, name: str, *, max_length: int, pattern: str | None = None, hint: str = ""
    ) -> str:
        """A required string field of at most `max_length` characters."""
        value = self._fields.get(name)
        if not isinstance(value, str) or not value:
            raise invalid(f"{name!r} is required and must be text")
        if len(value) > max_length:
            raise invalid(f"{name!r} is longer than {max_length} characters")
        if pattern is not None and not re.fullmatch(pattern, value):
            raise invalid(f"{name!r} is not valid{': ' + hint if hint else ''}")
        return value

    def printable(self, name: str, *, max_length: int) -> str:
        """A text field for people to read later: control and direction characters refused."""
        value = self.text(name, max_length=max_length)
        if not re.fullmatch(PRINTABLE, value):
            raise invalid(f"{name!r} must be printable text")
        return value.strip()

    def integer(self, name: str, *, low: int, high: int | None = None) -> int:
        value = self._fields.get(name)
        if isinstance(value, float) and value.is_integer():  # JSON has one kind of number: 9.0 is 9
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool):
            raise invalid(f"{name!r} is required and must be a whole number")
        if value < low or (high is not None and value > high):
            raise invalid(
                f"{name!r} must be at least {low}" + (f" and at most {high}" if high else "")
            )
        return value

    def object(self, name: str, allowed: set[str]) -> Body:
        value = self._fields.get(name)
        if not isinstance(value, dict):
            raise invalid(f"{name!r} is required and must be an object")
        return Body(value, allowed)

    def boolean(self, name: str) -> bool:
        value = self._fields.get(name)
        if not isinstance(value, bool):
            raise invalid(f"{name!r} must be true or false")
        return value


def json_body(*allowed: str) -> Body:
    """The request's body as a JSON object taking only the `allowed` fields."""
    if not request.is_json:
        raise Problem(
            415,
            "unsupported_media_type",
            "Send JSON",
            "send the body as JSON with Content-Type: application/json",
        )
    fields = request.get_json(silent=True)
    if not isinstance(fields, dict):
        raise invalid("the body must be a JSON object")
    return Body(fields, set(allowed))


def _listed(names: set[str]) -> str:
    return ", ".join(sorted(names)) if names else "no fields"
