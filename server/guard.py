"""Bearer-token sign-in for the API's protected endpoints.

`signed_in()` verifies the `Authorization: Bearer` access token and returns its claims; the user
id then goes into the access log. A refused token is logged as a security event (without the
token), so repeated probing shows up.
"""

from __future__ import annotations

from flask import g, request

from server.access_log import event
from server.gateway import gateway
from server.problems import Problem
from server.tokens import AccessClaims, token_invalid


def signed_in() -> AccessClaims:
    """The claims of the request's access token, or a 401 problem."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise token_invalid("sign in first: send the access token as `Authorization: Bearer ...`")
    try:
        claims = gateway().tokens.verify(token.strip())
    except Problem as problem:
        event("access_refused", reason=problem.code, route=_route())
        raise
    g.user_id = claims.user_id
    return claims


def _route() -> str | None:
    return request.url_rule.rule if request.url_rule else None
