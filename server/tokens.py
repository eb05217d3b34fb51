"""Access tokens (short-lived signed JWTs) and refresh tokens (opaque, only their hash is kept).

Access tokens are HS256 JWTs signed with the first key of `SBP_TOKEN_KEYS` and verified with any
of them, so a key can be rotated in without signing anyone out: add the new key first, keep the
old one until the last token it signed has expired (`ACCESS_SECONDS`), then drop it. Only HS256
is accepted (never `none`), and `exp`, `nbf`, `iat`, `aud`, `iss`, `sub` and the `typ` claim are
all required and checked. A token that passed every check is remembered (a bounded number per
process) with its time claims, so the same token sent again is not decoded and its signature not
computed again; its `nbf`, `iat` and `exp` are still compared with the clock on every use.

A refresh token is `<user id>.<family id>.<generation>.<secret>`: the ids say where its session
family lives and the generation how many times the family has rotated; the 256-bit secret is
what proves possession, and the gateway stores only its SHA-256.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

import jwt

from server.problems import Problem

ACCESS_SECONDS = 15 * 60
AUDIENCE = "sbp"
ISSUER = "sbp-gateway"
ALGORITHM = "HS256"
ACCESS_TYPE = "access"
_REQUIRED_CLAIMS = ["exp", "nbf", "iat", "aud", "iss", "sub", "typ", "dev"]
_VERIFIED_KEPT = 4096  # tokens remembered per process: a few hundred bytes each
_REFRESH = re.compile(r"^([0-9A-Z]{26})\.([0-9a-f]{32})\.([0-9]{1,9})\.([A-Za-z0-9_-]{43})$")


@dataclass(frozen=True)
class AccessClaims:
    """Who an access token speaks for: the user and the device it was issued to."""

    user_id: str
    device_id: str
    expires_at: int


@dataclass(frozen=True)
class _Verified:
    """A token's claims once verified, with the times the clock is checked against."""

    claims: AccessClaims
    not_before: int
    issued_at: int


def expired() -> Problem:
    return Problem(
        401,
        "token_expired",
        "Sign-in expired",
        "the token has expired; refresh it or sign in again",
        {"WWW-Authenticate": 'Bearer error="invalid_token"'},
    )


def token_invalid(detail: str = "the token is not valid; sign in again") -> Problem:
    return Problem(
        401,
        "token_invalid",
        "Sign-in required",
        detail,
        {"WWW-Authenticate": 'Bearer error="invalid_token"'},
    )


class AccessTokens:
    """Issues and verifies access tokens with the configured keys."""

    def __init__(self, keys: tuple[str, ...]) -> None:
        if not keys:
            raise ValueError("at least one signing key is needed")
        self._keys = keys
        self._verified: OrderedDict[str, _Verified] = OrderedDict()
        self._lock = threading.Lock()

    def issue(self, user_id: str, device_id: str) -> tuple[str, int]:
        """A new access token and the Unix time it expires."""
        now = int(time.time())
        claims = {
            "sub": user_id,
            "dev": device_id,
            "aud": AUDIENCE,
            "iss": ISSUER,
            "typ": ACCESS_TYPE,
            "iat": now,
            "nbf": now,
            "exp": now + ACCESS_SECONDS,
            "jti": secrets.token_hex(8),
        }
        token = jwt.encode(claims, self._keys[0], algorithm=ALGORITHM, headers={"typ": "at+jwt"})
        return token, now + ACCESS_SECONDS

    def verify(self, token: str) -> AccessClaims:
        """The claims of a valid token, or a `token_expired` / `token_invalid` problem."""
        with self._lock:
            known = self._verified.get(token)
            if known is not None:
                self._verified.move_to_end(token)
        if known is None:
            known = self._decode(token)
            with self._lock:
                self._verified[token] = known
                while len(self._verified) > _VERIFIED_KEPT:
                    self._verified.popitem(last=False)
        # The clock checks PyJWT makes, in its order, with no leeway: run on every use.
        now = time.time()
        if known.issued_at > now or known.not_before > now:
            raise token_invalid()
        if known.claims.expires_at <= now:
            raise expired()
        return known.claims

    def _decode(self, token: str) -> _Verified:
        for key in self._keys:
            try:
                claims = jwt.decode(
                    token,
                    key,
                    algorithms=[ALGORITHM],
                    audience=AUDIENCE,
                    issuer=ISSUER,
                    options={"require": _REQUIRED_CLAIMS},
                )
            except jwt.ExpiredSignatureError:
                raise expired() from None
            except jwt.InvalidSignatureError:
                continue  # perhaps signed with another key of the rotation
            except jwt.PyJWTError:
                raise token_invalid() from None
            if claims["typ"] != ACCESS_TYPE or not isinstance(claims["sub"], str):
                raise token_invalid()
            return _Verified(
                AccessClaims(claims["sub"], str(claims["dev"]), int(claims["exp"])),
                not_before=int(claims["nbf"]),
                issued_at=int(claims["iat"]),
            )
        raise token_invalid()


@dataclass(frozen=True)
class RefreshToken:
    """A refresh token taken apart: where its family is, its generation, its secret's hash."""

    user_id: str
    family_id: str
    generation: int
    secret_hash: str

    @classmethod
    def parse(cls, text: str) -> RefreshToken:
        match = _REFRESH.match(text)
        if match is None:
            raise token_invalid("the refresh token is not valid; sign in again")
        return cls(match[1], match[2], int(match[3]), secret_hash(match[4]))


def new_family_id() -> str:
    return secrets.token_hex(16)


def new_refresh_token(user_id: str, family_id: str, generation: int) -> tuple[str, str]:
    """A new refresh token of the family's `generation`, and its secret's hash (what is stored)."""
    secret = secrets.token_urlsafe(32)
    return f"{user_id}.{family_id}.{generation}.{secret}", secret_hash(secret)


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
