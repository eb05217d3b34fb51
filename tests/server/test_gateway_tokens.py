"""Tokens: tampered, expired, forged and replayed ones are refused; refresh tokens rotate, and a
reused one ends its whole family; signing keys rotate without signing anyone out."""

from __future__ import annotations

import base64
import json
import time
from dataclasses import replace
from typing import Any

import jwt
import time_machine
from flask.testing import FlaskClient
from gateway_stack import Person, aws_client, log_in, refresh

from server import create_app
from server.config import GatewayConfig
from server.problems import Problem
from server.sessions import ABSOLUTE_SECONDS, IDLE_SECONDS, SPENT_KEPT
from server.tokens import ACCESS_SECONDS, AccessTokens

ME = "/api/v1/me"


def _me(client: FlaskClient, token: str) -> tuple[int, str]:
    answer = client.get(ME, headers={"Authorization": f"Bearer {token}"})
    return answer.status_code, answer.json["code"] if answer.status_code != 200 else "ok"


def _claims(token: str) -> dict[str, Any]:
    payload = token.split(".")[1]
    return dict(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))))


def _flipped(signature: str) -> str:
    return signature[:-2] + ("AA" if signature[-2:] != "AA" else "BB")


def test_an_access_token_works_until_it_expires(client: FlaskClient, people: Any) -> None:
    ada = people("ada")
    token = ada.session["access_token"]
    claims = _claims(token)
    assert (claims["aud"], claims["typ"], claims["sub"]) == ("sbp", "access", ada.user_id)
    assert claims["exp"] - claims["iat"] == ACCESS_SECONDS == 15 * 60
    assert _me(client, token) == (200, "ok")
    with time_machine.travel(time.time() + ACCESS_SECONDS + 1, tick=False):
        assert _me(client, token) == (401, "token_expired")


def test_tampered_and_forged_access_tokens_are_refused(
    client: FlaskClient, people: Any, config: GatewayConfig
) -> None:
    ada = people("ada")
    bob = people("bob")
    header, payload, signature = ada.session["access_token"].split(".")
    bobs_payload = bob.session["access_token"].split(".")[1]
    claims = _claims(ada.session["access_token"])
    forged = {
        "spliced payload": f"{header}.{bobs_payload}.{signature}",
        "flipped signature": f"{header}.{payload}.{_flipped(signature)}",
        "alg none": jwt.encode(claims, None, algorithm="none"),
        "unknown key": jwt.encode(claims, "k" * 64, algorithm="HS256"),
        "HS512 with the right key": jwt.encode(claims, config.token_keys[0], algorithm="HS512"),
        "wrong audience": jwt.encode(
            {**claims, "aud": "other"}, config.token_keys[0], algorithm="HS256"
        ),
        "not an access token": jwt.encode(
            {**claims, "typ": "refresh"}, config.token_keys[0], algorithm="HS256"
        ),
        "no expiry": jwt.encode(
            {k: v for k, v in claims.items() if k != "exp"}, config.token_keys[0], algorithm="HS256"
        ),
        "not yet valid": jwt.encode(
            {**claims, "nbf": claims["nbf"] + 3600}, config.token_keys[0], algorithm="HS256"
        ),
        "garbage": "not-a-token",
    }
    for name, token in forged.items():
        assert _me(client, token) == (401, "token_invalid"), name
    assert client.get(ME, headers={"Authorization": "Basic abc"}).json["code"] == "token_invalid"
    answer = client.get(ME, headers={"Authorization": f"Bearer {forged['garbage']}"})
    assert answer.headers["WWW-Authenticate"].startswith("Bearer")


def _refusal(tokens: AccessTokens, token: str) -> str:
    try:
        tokens.verify(token)
    except Problem as problem:
        return problem.code
    return "ok"


def test_a_token_verified_before_is_still_checked_against_the_clock_and_its_bytes() -> None:
    """Verified tokens are remembered so they are not decoded again: the clock checks still
    run on every use, and any other string (a changed signature) is verified in full."""
    tokens = AccessTokens(("k" * 64,))
    start = time.time()
    with time_machine.travel(start, tick=False) as clock:
        token, expires_at = tokens.issue("01KAB3XYZ0000000000000000A", "device0000000000")
        assert tokens.verify(token).expires_at == expires_at
        assert _refusal(tokens, token) == "ok"
        header, payload, signature = token.split(".")
        assert _refusal(tokens, f"{header}.{payload}.{_flipped(signature)}") == "token_invalid"
        clock.move_to(start - 60)  # before it was issued: not yet valid
        assert _refusal(tokens, token) == "token_invalid"
        clock.move_to(expires_at - 1)
        assert _refusal(tokens, token) == "ok"
        clock.move_to(expires_at)
        assert _refusal(tokens, token) == "token_expired"
        clock.move_to(start)
    assert _refusal(AccessTokens(("j" * 64,)), token) == "token_invalid"  # another key's process


def test_tokens_signed_with_the_second_key_still_verify_during_a_rotation(
    aws: None, app: Any, config: GatewayConfig, people: Any, leaks: set[str]
) -> None:
    ada = people("ada")
    old_key, new_key = config.token_keys
    rotated = create_app(replace(config, token_keys=(new_key, old_key)))  # the new key signs now
    assert _me(rotated.test_client(), ada.session["access_token"]) == (200, "ok")
    retired = create_app(replace(config, token_keys=(new_key,)))  # the old key is gone
    assert _me(retired.test_client(), ada.session["access_token"]) == (401, "token_invalid")


def test_a_refresh_rotates_the_token_and_gives_fresh_access(
    client: FlaskClient, people: Any, leaks: set[str]
) -> None:
    ada = people("ada")
    first = dict(ada.session)
    answer = refresh(client, ada, leaks)
    assert answer.status_code == 200
    assert ada.session["refresh_token"] != first["refresh_token"]
    assert (
        ada.session["refresh_token"].split(".")[:2] == first["refresh_token"].split(".")[:2]
    )  # same family
    assert _me(client, ada.session["access_token"]) == (200, "ok")
    assert refresh(client, ada, leaks).status_code == 200  # the new one works in turn


def test_a_replayed_refresh_token_ends_the_whole_family(
    client: FlaskClient, people: Any, leaks: set[str], no_secrets_in_logs: list[str]
) -> None:
    ada = people("ada")
    stolen = ada.session["refresh_token"]
    assert refresh(client, ada, leaks).status_code == 200  # the owner refreshes first
    replay = client.post("/api/v1/refresh", json={"refresh_token": stolen})
    assert (replay.status_code, replay.json["code"]) == (401, "refresh_reused")
    # the family is over: the owner's newest token is refused too, and says so
    newest = client.post("/api/v1/refresh", json={"refresh_token": ada.session["refresh_token"]})
    assert (newest.status_code, newest.json["code"]) == (401, "token_invalid")
    events = [json.loads(line) for line in no_secrets_in_logs]
    assert any(
        event.get("event") == "refresh_reused" and event["user_id"] == ada.user_id
        for event in events
    )
    # a sign-in on another device is not affected
    assert log_in(client, ada, leaks).status_code == 200


def test_made_up_refresh_tokens_are_refused(client: FlaskClient, people: Any) -> None:
    ada = people("ada")
    user_id, family, generation, secret = ada.session["refresh_token"].split(".")
    for token in (
        f"{user_id}.{family}.{generation}.{'A' * 43}",
        f"{user_id}.{family}.7.{secret}",
        f"{user_id}.{'0' * 32}.{generation}.{secret}",
        f"{user_id}.{family}.{secret}",
        "nonsense",
        "",
    ):
        answer = client.post("/api/v1/refresh", json={"refresh_token": token})
        assert answer.status_code in (400, 401), token
        assert answer.json["code"] in ("token_invalid", "invalid_request")
    # a guessed secret is not a reuse: the family lives on
    assert (
        client.post(
            "/api/v1/refresh", json={"refresh_token": ada.session["refresh_token"]}
        ).status_code
        == 200
    )


def test_refresh_tokens_lapse_when_idle_and_at_their_absolute_end(
    client: FlaskClient, people: Any, leaks: set[str]
) -> None:
    ada = people("ada")
    start = time.time()
    with time_machine.travel(start + IDLE_SECONDS + 1, tick=False):
        lapsed = client.post(
            "/api/v1/refresh", json={"refresh_token": ada.session["refresh_token"]}
        )
        assert (lapsed.status_code, lapsed.json["code"]) == (401, "token_expired")
    bob = people("bob")
    step = IDLE_SECONDS - 3600
    moment = start
    while moment + step < start + ABSOLUTE_SECONDS:  # used often enough never to go idle
        moment += step
        with time_machine.travel(moment, tick=False):
            assert refresh(client, bob, leaks).status_code == 200
    with time_machine.travel(start + ABSOLUTE_SECONDS + 1, tick=False):
        ended = client.post("/api/v1/refresh", json={"refresh_token": bob.session["refresh_token"]})
        assert (ended.status_code, ended.json["code"]) == (401, "token_expired")


def test_logout_ends_the_session_and_only_ones_own(
    client: FlaskClient, people: Any, leaks: set[str]
) -> None:
    ada, bob = people("ada"), people("bob")
    other = client.post(
        "/api/v1/logout", json={"refresh_token": bob.session["refresh_token"]}, headers=ada.bearer
    )
    assert (other.status_code, other.json["code"]) == (403, "forbidden")
    assert refresh(client, bob, leaks).status_code == 200  # bob's session survived
    unsigned = client.post("/api/v1/logout", json={"refresh_token": ada.session["refresh_token"]})
    assert unsigned.status_code == 401
    out = client.post(
        "/api/v1/logout", json={"refresh_token": ada.session["refresh_token"]}, headers=ada.bearer
    )
    assert out.status_code == 204 and out.get_data() == b""
    after = client.post("/api/v1/refresh", json={"refresh_token": ada.session["refresh_token"]})
    assert (after.status_code, after.json["code"]) == (401, "token_invalid")


def test_signing_in_again_after_logout_starts_a_new_family(
    client: FlaskClient, people: Any, leaks: set[str]
) -> None:
    ada = people("ada")
    family = ada.session["refresh_token"].split(".")[1]
    client.post(
        "/api/v1/logout", json={"refresh_token": ada.session["refresh_token"]}, headers=ada.bearer
    )
    again = Person(ada.username, ada.email, ada.password)
    assert log_in(client, again, leaks).status_code == 200
    assert again.session["refresh_token"].split(".")[1] != family


def test_the_family_remembers_its_last_spent_tokens_and_stays_small(
    client: FlaskClient, people: Any, gw: Any, leaks: set[str]
) -> None:
    ada = people("ada")
    spent = []
    for _ in range(SPENT_KEPT + 3):
        spent.append(ada.session["refresh_token"])
        assert refresh(client, ada, leaks).status_code == 200
    user_id, family = ada.session["refresh_token"].split(".")[:2]
    item = aws_client("dynamodb").get_item(
        TableName=gw.config.sessions_table,
        Key={"user_id": {"S": user_id}, "sk": {"S": f"family#{family}"}},
    )["Item"]
    assert len(item["spent"]["M"]) == SPENT_KEPT
    # older than the ring: refused, but it cannot prove a reuse, so the family lives on
    oldest = client.post("/api/v1/refresh", json={"refresh_token": spent[0]})
    assert (oldest.status_code, oldest.json["code"]) == (401, "token_invalid")
    assert refresh(client, ada, leaks).status_code == 200
    # within the ring: a reuse, and the family ends
    recent = client.post("/api/v1/refresh", json={"refresh_token": spent[-2]})
    assert (recent.status_code, recent.json["code"]) == (401, "refresh_reused")
    assert refresh(client, ada, leaks).status_code == 401
