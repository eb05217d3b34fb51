"""Guessing is slowed down: per account and per address in DynamoDB (every instance sees the
same counts), and a coarse per-address guard in each process."""

from __future__ import annotations

import time
from typing import Any

import time_machine
from flask.testing import FlaskClient
from gateway_stack import log_in

from server.attempts import ACCOUNT_RULE, ADDRESS_RULE
from server.gateway import Gateway

WRONG = "certainly not the passphrase"


def _login(client: FlaskClient, login: str, password: str, address: str = "192.0.2.1") -> Any:
    return client.post(
        "/api/v1/login",
        json={
            "login": login,
            "password": password,
            "device": {"id": "laptop0000000001", "name": "laptop"},
        },
        environ_base={"REMOTE_ADDR": address},
    )


def test_the_account_waits_after_failures_then_the_right_password_works(
    client: FlaskClient, people: Any, leaks: set[str]
) -> None:
    ada = people("ada", sign_in=False)
    leaks.add(WRONG)
    start = time.time()
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(ACCOUNT_RULE.free):
            assert _login(client, "ada", WRONG).status_code == 401
        # from another address too: the count is the account's
        assert _login(client, "ada", ada.password, address="198.51.100.7").status_code == 401
        delay = ACCOUNT_RULE.delay_after(ACCOUNT_RULE.free)
        clock.shift(delay - 1)
        assert _login(client, "ada", ada.password).status_code == 401
        clock.shift(2)
        answer = _login(client, "ada", ada.password)
        assert answer.status_code == 200
        leaks.update({answer.json["access_token"], answer.json["refresh_token"]})
        # success clears the count: one more mistake does not make the account wait
        assert _login(client, "ada", WRONG).status_code == 401
        answer = _login(client, "ada", ada.password)
        assert answer.status_code == 200
        leaks.update({answer.json["access_token"], answer.json["refresh_token"]})


def test_the_delay_doubles_and_stays_under_asvs_cap() -> None:
    delays = [ACCOUNT_RULE.delay_after(n) for n in range(ACCOUNT_RULE.free, ACCOUNT_RULE.free + 12)]
    assert delays[:4] == [2, 4, 8, 16]
    assert max(delays) == ACCOUNT_RULE.max_delay == 900
    guesses, clock = ACCOUNT_RULE.free, 0  # the most an attacker gets in an hour
    while clock + ACCOUNT_RULE.delay_after(guesses) <= 3600:
        clock += ACCOUNT_RULE.delay_after(guesses)
        guesses += 1
    assert guesses < 100


def test_an_address_guessing_across_accounts_is_told_to_wait(
    client: FlaskClient, people: Any, leaks: set[str]
) -> None:
    ada = people("ada", sign_in=False)
    leaks.add(WRONG)
    with time_machine.travel(time.time(), tick=False) as clock:
        for number in range(ADDRESS_RULE.free):
            if number == ADDRESS_RULE.free // 2:
                clock.shift(61)  # under the coarse per-minute guard: this is the table's count
            assert (
                _login(client, f"someone{number}", WRONG, address="203.0.113.9").status_code == 401
            )
        refused = _login(client, "ada", ada.password, address="203.0.113.9")
        assert (refused.status_code, refused.json["code"]) == (429, "rate_limited")
        assert "failed sign-ins from this address" in refused.json["detail"]
        assert int(refused.headers["Retry-After"]) > 0
        assert _login(client, "ada", ada.password, address="203.0.113.10").status_code == 200
        clock.shift(ADDRESS_RULE.delay_after(ADDRESS_RULE.free) + 1)
        assert _login(client, "ada", ada.password, address="203.0.113.9").status_code == 200


def test_counters_are_forgotten_after_their_window(gw: Gateway, app: Any) -> None:
    with app.test_request_context(), time_machine.travel(time.time(), tick=False) as clock:
        for _ in range(ACCOUNT_RULE.free + 3):
            gw.attempts.record_failure("user#X", ACCOUNT_RULE)
        assert gw.attempts.wait_seconds("user#X", ACCOUNT_RULE) > 0
        clock.shift(
            ACCOUNT_RULE.window + 1
        )  # the item may still be there (TTL is lazy): it is ignored
        assert gw.attempts.wait_seconds("user#X", ACCOUNT_RULE) == 0
        gw.attempts.record_failure("user#X", ACCOUNT_RULE)  # and a new count starts from one
        assert gw.attempts.wait_seconds("user#X", ACCOUNT_RULE) == 0


def test_a_flood_of_sign_ins_meets_the_coarse_guard(
    client: FlaskClient, people: Any, leaks: set[str]
) -> None:
    ada = people("ada", sign_in=False)
    answers = [
        log_in(client, ada, leaks, environ_base={"REMOTE_ADDR": "192.0.2.50"}) for _ in range(31)
    ]
    assert [a.status_code for a in answers[:30]] == [200] * 30
    assert (answers[30].status_code, answers[30].json["code"]) == (429, "rate_limited")
    assert answers[30].mimetype == "application/problem+json"
    # the guard's own headers count the sign-ins; other requests carry none (it has no limit
    # for them, and its hooks do not run for them)
    assert answers[0].headers["X-RateLimit-Limit"] == "30"
    assert int(answers[29].headers["X-RateLimit-Remaining"]) == 0
    health = client.get("/api/v1/healthz", environ_base={"REMOTE_ADDR": "192.0.2.50"})
    assert health.status_code == 200
    assert "X-RateLimit-Limit" not in health.headers
