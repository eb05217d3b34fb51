"""Passwords: the rules a new one must meet, and the hash that keeps it."""

from __future__ import annotations

from typing import Any

import pytest
from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST
from flask.testing import FlaskClient
from gateway_stack import CHEAP_HASH, log_in

from server.common_passwords import common_passwords, is_too_common
from server.config import HashProfile
from server.gateway import Gateway
from server.passwords import Passwords, check_policy
from server.problems import Problem

FLOOR = {"m": 19 * 1024, "t": 2, "p": 1}  # OWASP / ASVS 5.0 appendix C minimum for argon2id


def _parameters(encoded: str) -> dict[str, int]:
    _, kind, _, costs, *_ = encoded.split("$")
    assert kind == "argon2id"
    return {name: int(value) for name, value in (part.split("=") for part in costs.split(","))}


def test_production_hashes_meet_the_argon2id_floor() -> None:
    production = _parameters(Passwords(HashProfile()).hash("a long enough passphrase"))
    assert production == {"m": 65536, "t": 3, "p": 4}
    assert all(production[name] >= FLOOR[name] for name in FLOOR)
    default = PasswordHasher()  # the library's RFC 9106 low-memory profile
    assert (production["m"], production["t"], production["p"]) == (
        default.memory_cost,
        default.time_cost,
        default.parallelism,
    )


def test_the_test_profile_is_argon2s_cheapest() -> None:
    assert (CHEAP_HASH.memory_kib, CHEAP_HASH.time_cost, CHEAP_HASH.parallelism) == (
        CHEAPEST.memory_cost,
        CHEAPEST.time_cost,
        CHEAPEST.parallelism,
    )


@pytest.mark.parametrize(
    "password",
    [
        "fourteen chars",  # 14
        "x" * 129,
        "passwordpassword",  # a common one repeated
        "qwertyqwertyqwertyqwerty",
        "aaaaaaaaaaaaaaaaaaaa",
        "1234567890123456789",
        "Password123456789!!",  # a common one padded
        "!!!iloveyou2024!!!",
        "ada@example.com.....".rstrip("."),  # the address itself
    ],
)
def test_weak_passwords_are_refused(password: str) -> None:
    with pytest.raises(Problem) as refused:
        check_policy(password, "ada", "ada@example.com")
    assert refused.value.code == "weak_password"


@pytest.mark.parametrize(
    "password",
    [
        "correct horse battery staple",
        ("the quick brown fox jumps over the lazy dog " * 3)[:128],
        "fifteen chars!!",
        "Ünïcödé pässphräse ✓",
        "tr0ub4dor&3 is not enough?",
    ],
)
def test_long_personal_phrases_are_accepted_without_composition_rules(password: str) -> None:
    check_policy(password, "ada", "ada@example.com")


def test_the_bundled_list_has_the_three_thousand_most_common() -> None:
    listed = common_passwords()
    assert len(listed) == 3000
    assert {"123456", "password", "qwerty", "iloveyou"} <= listed
    assert is_too_common("PASSWORD") and not is_too_common("a phrase nobody has used")


def test_a_password_is_the_same_however_unicode_composes_it() -> None:
    passwords = Passwords(CHEAP_HASH)
    stored = passwords.hash("caf\u00e9 au lait every morning")
    assert passwords.verify(stored, "cafe\u0301 au lait every morning")
    assert not passwords.verify(None, "anything at all here")


def test_an_old_hash_is_upgraded_at_sign_in(
    client: FlaskClient, people: Any, gw: Gateway, leaks: set[str]
) -> None:
    ada = people("ada", sign_in=False)
    weaker = Passwords(HashProfile(memory_kib=16, time_cost=1, parallelism=1))
    gw.accounts.replace_hash(ada_id := gw.accounts.find("ada").user_id, weaker.hash(ada.password))  # type: ignore[union-attr]
    assert gw.passwords.needs_rehash(gw.accounts.get(ada_id).password_hash)  # type: ignore[union-attr]
    assert log_in(client, ada, leaks).status_code == 200
    upgraded = gw.accounts.get(ada_id).password_hash  # type: ignore[union-attr]
    assert not gw.passwords.needs_rehash(upgraded) and gw.passwords.verify(upgraded, ada.password)
