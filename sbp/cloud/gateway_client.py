"""The gateway's JSON API (`/api/v1`) as method calls, its problems as sbp's errors.

Built on urllib3, which botocore already depends on (so it adds nothing to install), for its
connection pool, separate connect and read timeouts, and the multipart form S3's presigned
POST needs (`sbp.cloud.transfer`). A request is retried only when the connection could not
be made, never after it was sent: a refresh token sent twice would look stolen and end the
session. A problem the gateway answers becomes one of sbp's errors with the gateway's own
sentence, which never echoes a password, token or address; a gateway that cannot be reached
is `CloudUnavailable`.
"""

from __future__ import annotations

import ipaddress
import json
from typing import Any
from urllib.parse import urlsplit

from sbp.core.errors import (
    AccessDenied,
    CloudUnavailable,
    Conflict,
    CredentialsRefused,
    InvalidInput,
    NotFound,
    NotSignedIn,
    RateLimited,
    SbpError,
)

API_PREFIX = "/api/v1"
CONNECT_SECONDS = 5.0
READ_SECONDS = 70.0  # a report is rendered while the request waits
_SESSION_ENDED = frozenset({"token_expired", "token_invalid", "refresh_reused"})
_REFUSED_INPUT = frozenset(
    {"invalid_request", "weak_password", "payload_too_large", "unsupported_media_type"}
)


def gateway_base(url: str) -> str:
    """The gateway's address as typed (`http://127.0.0.1:8000`, `https://sbp.example.com/`),
    checked and without a trailing slash or API prefix; InvalidInput saying what is wrong.

    Passwords travel to it, so plain http is accepted only on this machine's loopback."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput(
            f"gateway address '{url}' is not a web address",
            hint="give it as https://HOST or, for the local stack, http://127.0.0.1:PORT",
        )
    if parts.scheme == "http" and not _loopback(parts.hostname):
        raise InvalidInput(
            f"gateway address '{url}' is plain http to another machine: passwords would cross"
            " the network unencrypted",
            hint="use https://",
        )
    path = parts.path.rstrip("/").removesuffix(API_PREFIX).rstrip("/")
    return f"{parts.scheme}://{parts.netloc}{path}"


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def http_pool() -> Any:
    """A urllib3 pool: bounded timeouts, retries only of connections never made."""
    import urllib3

    retries = urllib3.Retry(total=2, connect=2, read=0, status=0, other=0, redirect=0)
    timeout = urllib3.Timeout(connect=CONNECT_SECONDS, read=READ_SECONDS)
    return urllib3.PoolManager(retries=retries, timeout=timeout)


class GatewayClient:
    """Calls to one gateway; every method returns the decoded answer or raises an SbpError."""

    def __init__(self, base_url: str, pool: Any | None = None) -> None:
        self.base_url = gateway_base(base_url)
        self._pool = pool or http_pool()

    # accounts and sessions
    def register(self, username: str, email: str, password: str) -> dict[str, Any]:
        body = {"username": username, "email": email, "password": password}
        return self._call("POST", "/register", body, expect=201)

    def login(self, login: str, password: str, device_id: str, device_name: str) -> dict[str, Any]:
        device = {"id": device_id, "name": device_name}
        body = {"login": login, "password": password, "device": device}
        return self._call("POST", "/login", body)

    def refresh(self, refresh_token: str) -> dict[str, Any]:
        return self._call("POST", "/refresh", {"refresh_token": refresh_token})

    def logout(self, access_token: str, refresh_token: str) -> None:
        body = {"refresh_token": refresh_token}
        self._call("POST", "/logout", body, token=access_token, expect=204)

    def me(self, access_token: str) -> dict[str, Any]:
        return self._call("GET", "/me", token=access_token)

    # receipts, reports, alerts
    def presign_receipt(
        self, access_token: str, expense_id: str, content_type: str, size: int
    ) -> dict[str, Any]:
        body = {"expense_id": expense_id, "content_type": content_type, "size": size}
        return self._call("POST", "/receipts/presign", body, token=access_token)

    def receipt(self, access_token: str, expense_id: str, extension: str) -> dict[str, Any]:
        path = f"/receipts/{expense_id}?ext={extension}"
        return self._call("GET", path, token=access_token)

    def report(self, access_token: str, period: dict[str, str]) -> dict[str, Any]:
        return self._call("POST", "/reports", period, token=access_token)

    def alerts(self, access_token: str) -> dict[str, Any]:
        return self._call("GET", "/alerts", token=access_token)

    def change_alerts(self, access_token: str, change: dict[str, Any]) -> dict[str, Any]:
        return self._call("POST", "/alerts", change, token=access_token)

    def _call(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        *,
        token: str | None = None,
        expect: int = 200,
    ) -> dict[str, Any]:
        import urllib3

        headers = {"Accept": "application/json"}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        if body is not None:
            headers["Content-Type"] = "application/json"
        url = f"{self.base_url}{API_PREFIX}{path}"
        try:
            answer = self._pool.request(
                method,
                url,
                body=None if body is None else json.dumps(body).encode(),
                headers=headers,
            )
        except urllib3.exceptions.HTTPError as error:
            raise unreachable(self.base_url, error) from None
        if answer.status == expect:
            return _decoded(answer.data) if answer.data else {}
        raise problem_error(answer.status, _decoded_problem(answer.data), answer.headers)


def unreachable(where: str, error: Exception) -> CloudUnavailable:
    """The error for a server that could not be reached (its address, the kind of failure)."""
    why = _why(error)
    return CloudUnavailable(
        f"the gateway at {where} could not be reached ({why})",
        hint="check the address and the network; sbp keeps working offline meanwhile",
    )


def _why(error: BaseException) -> str:
    """The system's words for a failed connection ("Connection refused"), or the failure's kind."""
    seen: BaseException | None = getattr(error, "reason", None) or error
    while seen is not None:
        if isinstance(seen, TimeoutError) or "Timeout" in type(seen).__name__:
            return "timed out"
        if isinstance(seen, OSError) and seen.strerror:
            return seen.strerror.lower()
        seen = seen.__cause__ or seen.__context__
    return type(getattr(error, "reason", None) or error).__name__


def problem_error(status: int, problem: dict[str, Any], headers: Any) -> SbpError:
    """sbp's error for a problem object the gateway answered with `status`."""
    code = str(problem.get("code") or "")
    detail = str(problem.get("detail") or problem.get("title") or f"HTTP {status}")
    if code == "invalid_credentials":
        return CredentialsRefused(
            "the gateway did not accept that name and password",
            hint="check them; after several failures wait a few minutes before trying again",
        )
    if code in _SESSION_ENDED or status == 401:
        return NotSignedIn(
            f"this device's sign-in has ended ({code or status})", hint="sign in again: sbp login"
        )
    if code == "rate_limited" or status == 429:
        wait = headers.get("Retry-After") if headers is not None else None
        return RateLimited(detail, hint=f"wait {wait} seconds" if wait else "wait a minute")
    if code in ("username_taken", "email_taken"):
        return Conflict(detail, hint="choose another, or sign in with `sbp login`")
    if code in _REFUSED_INPUT or status in (400, 413, 415):
        return InvalidInput(detail)
    if code == "forbidden" or status == 403:
        return AccessDenied(detail)
    if code == "not_found" or status == 404:
        return NotFound(detail)
    request_id = problem.get("request_id")
    return CloudUnavailable(
        f"the gateway failed: {detail}",
        hint="try again in a minute"
        + (f"; quote request id {request_id} when reporting it" if request_id else ""),
    )


def _decoded(data: bytes) -> dict[str, Any]:
    try:
        value = json.loads(data)
    except ValueError:
        value = None
    if not isinstance(value, dict):
        raise CloudUnavailable(
            "the gateway's answer could not be read", hint="is the address that of sbp's gateway?"
        )
    return value


def _decoded_problem(data: bytes) -> dict[str, Any]:
    try:
        value = json.loads(data)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
