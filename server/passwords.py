"""Password rules and argon2id hashing, with a dummy hash so an unknown user costs the same time.

Rules (OWASP ASVS 5.0 V6.2, no second factor yet): 15 to 128 characters, counted after Unicode
NFC normalisation so the same phrase typed on any device is the same password; never truncated;
no composition rules; not a common password or a thin disguise of one; not the account's own
username or e-mail address.
"""

from __future__ import annotations

import secrets
import unicodedata

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from server.common_passwords import is_too_common
from server.config import HashProfile
from server.problems import Problem

MIN_LENGTH = 15
MAX_LENGTH = 128


def normalised(password: str) -> str:
    return unicodedata.normalize("NFC", password)


def check_policy(password: str, username: str, email: str) -> None:
    """Raise a `weak_password` problem if `password` may not be chosen."""
    text = normalised(password)
    if len(text) < MIN_LENGTH:
        raise _weak(f"use at least {MIN_LENGTH} characters: a phrase of a few words is easiest")
    if len(text) > MAX_LENGTH:
        raise _weak(f"use at most {MAX_LENGTH} characters")
    if text.lower() in {username.lower(), email.lower()}:
        raise _weak("the password may not be the username or e-mail address")
    if is_too_common(text):
        raise _weak("this password is too common or too easy to guess; choose a phrase of your own")


def _weak(detail: str) -> Problem:
    return Problem(400, "weak_password", "The password is too weak", detail)


class Passwords:
    """argon2id hashes with one cost profile; verifies against a dummy hash for unknown users."""

    def __init__(self, profile: HashProfile) -> None:
        self._hasher = PasswordHasher(
            time_cost=profile.time_cost,
            memory_cost=profile.memory_kib,
            parallelism=profile.parallelism,
            type=Type.ID,
        )
        self._dummy = self._hasher.hash(secrets.token_urlsafe(24))

    def hash(self, password: str) -> str:
        return self._hasher.hash(normalised(password))

    def verify(self, stored_hash: str | None, password: str) -> bool:
        """True when `password` matches; with no stored hash, spend the same time and say no."""
        try:
            return self._hasher.verify(stored_hash or self._dummy, normalised(password)) and (
                stored_hash is not None
            )
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, stored_hash: str) -> bool:
        """True when `stored_hash` was made with other parameters than today's."""
        return self._hasher.check_needs_rehash(stored_hash)
