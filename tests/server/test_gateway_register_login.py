"""Registering and signing in: what a person gets back, and what is refused, and how."""

from __future__ import annotations

import json
from typing import Any

from flask.testing import FlaskClient
from gateway_stack import ACCOUNT, REGION, Person, log_in
from moto.sns.models import sns_backends

from server.gateway import Gateway

REGISTER = "/api/v1/register"
LOGIN = "/api/v1/login"


def test_registering_returns_the_new_account_and_stores_only_a_hash(
    client: FlaskClient, gw: Gateway, leaks: set[str]
) -> None:
    password = "correct horse battery staple"
    leaks.update({password, "ada@example.com"})
    answer = client.post(
        REGISTER, json={"username": "Ada", "email": "ada@example.com", "password": password}
    )
    assert answer.status_code == 201
    assert answer.json["username"] == "Ada"
    stored = gw.accounts.get(answer.json["user_id"])
    assert stored is not None and stored.email == "ada@example.com"
    assert stored.password_hash.startswith("$argon2id$") and password not in stored.password_hash


def test_a_username_or_address_is_taken_whatever_its_case(
    client: FlaskClient, people: Any, leaks: set[str]
) -> None:
    people("grace", sign_in=False)
    leaks.update({"GRACE@example.com", "other@example.com", "a different long passphrase"})
    same_name = client.post(
        REGISTER,
        json={
            "username": "GRACE",
            "email": "other@example.com",
            "password": "a different long passphrase",
        },
    )
    same_address = client.post(
        REGISTER,
        json={
            "username": "grace2",
            "email": "GRACE@example.com",
            "password": "a different long passphrase",
        },
    )
    assert (same_name.status_code, same_name.json["code"]) == (409, "username_taken")
    assert (same_address.status_code, same_address.json["code"]) == (409, "email_taken")
    assert same_address.mimetype == "application/problem+json"
    assert "GRACE@example.com" not in same_address.get_data(as_text=True)


def test_a_failed_registration_leaves_no_marker_behind(
    client: FlaskClient, people: Any, leaks: set[str]
) -> None:
    people("linus", sign_in=False)
    leaks.update({"new@example.com", "yet another long passphrase"})
    refused = client.post(
        REGISTER,
        json={
            "username": "linus",
            "email": "new@example.com",
            "password": "yet another long passphrase",
        },
    )
    assert refused.status_code == 409
    # the address was not kept by the cancelled transaction: it is still free
    taken = client.post(
        REGISTER,
        json={
            "username": "newname",
            "email": "new@example.com",
            "password": "yet another long passphrase",
        },
    )
    assert taken.status_code == 201


def test_bad_registrations_are_refused_with_a_reason(client: FlaskClient, leaks: set[str]) -> None:
    good = {
        "username": "alan",
        "email": "alan@example.com",
        "password": "a perfectly fine passphrase",
    }
    leaks.update({good["password"], good["email"]})
    cases = [
        ({**good, "username": "a"}, "invalid_request", "'username'"),
        ({**good, "email": "not-an-address"}, "invalid_request", "'email'"),
        ({**good, "password": "short"}, "weak_password", "at least 15"),
        ({**good, "password": "x" * 129}, "weak_password", "at most 128"),
        ({**good, "password": "password12345678!"}, "weak_password", "too common"),
        ({**good, "admin": True}, "invalid_request", "unexpected field"),
        ({"username": "alan"}, "invalid_request", "'email'"),
    ]
    for body, code, words in cases:
        answer = client.post(REGISTER, json=body)
        assert (answer.status_code, answer.json["code"]) == (400, code), body
        assert words in answer.json["detail"]
        assert good["password"] not in answer.get_data(as_text=True)
    assert (
        client.post(REGISTER, data="{", content_type="application/json").json["code"]
        == "invalid_request"
    )
    assert client.post(REGISTER, data="x=1").status_code == 415


def test_signing_in_by_name_or_address_returns_a_whole_session(
    client: FlaskClient, people: Any, leaks: set[str]
) -> None:
    ada = people("ada", sign_in=False)
    for login in ("ada", "ADA@example.com"):
        answer = client.post(
            LOGIN, json={"login": login, "password": ada.password, "device": ada.device}
        )
        assert answer.status_code == 200
        session = answer.json
        leaks.update(
            {
                session["access_token"],
                session["refresh_token"],
                session["credentials"]["secret_access_key"],
                session["credentials"]["session_token"],
            }
        )
        assert session["username"] == "ada"
        assert session["access_expires_at"].endswith("Z") and session[
            "refresh_expires_at"
        ].endswith("Z")
        assert session["credentials"]["access_key_id"] and session["credentials"][
            "expiration"
        ].endswith("Z")
        assert session["resources"] == {
            "region": REGION,
            "replica_table": "sbp-test-replica",
            "bucket": f"sbp-test-data-{ACCOUNT}-{REGION}",
            "categorize_queue_url": f"https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/sbp-test-categorize",
        }


def test_unknown_user_wrong_password_and_waiting_account_look_the_same(
    client: FlaskClient, people: Any, leaks: set[str]
) -> None:
    ada = people("ada", sign_in=False)
    leaks.add("not the right passphrase at all")

    def attempt(login: str, password: str) -> tuple[int, str, str, str]:
        answer = client.post(
            LOGIN, json={"login": login, "password": password, "device": ada.device}
        )
        body = answer.json
        return answer.status_code, body["code"], body["title"], body["detail"]

    unknown = attempt("nobody", "not the right passphrase at all")
    wrong = attempt("ada", "not the right passphrase at all")
    for _ in range(5):
        attempt("ada", "not the right passphrase at all")
    waiting = attempt("ada", ada.password)  # right password, but the account must wait now
    assert unknown == wrong == waiting
    assert unknown[:2] == (401, "invalid_credentials")


def test_device_must_be_named_and_well_formed(client: FlaskClient, people: Any) -> None:
    ada = people("ada", sign_in=False)
    for device in (
        {"id": "short", "name": "x"},
        {"id": "ABCDEFGHIJKLMNOP", "name": "x"},
        {"id": "laptop0000000001", "name": "\x1b[31mred"},
        {"id": "laptop0000000001"},
    ):
        answer = client.post(
            LOGIN, json={"login": "ada", "password": ada.password, "device": device}
        )
        assert (answer.status_code, answer.json["code"]) == (400, "invalid_request"), device


def test_me_lists_the_account_and_its_devices(
    client: FlaskClient, people: Any, leaks: set[str]
) -> None:
    ada = people("ada")
    phone = Person(
        ada.username, ada.email, ada.password, device={"id": "phone00000000001", "name": "phone"}
    )
    assert log_in(client, phone, leaks).status_code == 200
    client.post(
        "/api/v1/logout",
        json={"refresh_token": phone.session["refresh_token"]},
        headers=phone.bearer,
    )
    me = client.get("/api/v1/me", headers=ada.bearer)
    assert me.status_code == 200
    assert (me.json["username"], me.json["email"]) == ("ada", "ada@example.com")
    devices = {device["id"]: device for device in me.json["devices"]}
    assert devices["laptop0000000001"]["signed_in"] is True
    assert devices["phone00000000001"]["signed_in"] is False
    assert devices["phone00000000001"]["name"] == "phone"
    assert client.get("/api/v1/me").json["code"] == "token_invalid"


def test_a_sign_in_from_a_new_device_is_published_for_that_user_only(
    client: FlaskClient, people: Any, gw: Gateway, leaks: set[str]
) -> None:
    ada = people("ada")
    topic = sns_backends[ACCOUNT][REGION].topics[gw.config.alerts_topic]
    assert topic.sent_notifications == []  # the first device of an account is not news
    assert log_in(client, ada, leaks).status_code == 200
    assert topic.sent_notifications == []  # nor is a device seen before
    phone = Person(
        ada.username,
        ada.email,
        ada.password,
        device={"id": "phone00000000001", "name": "Ada's phone"},
    )
    assert log_in(client, phone, leaks).status_code == 200
    [(_, message, subject, attributes, _)] = topic.sent_notifications
    assert "Ada's phone" in message and subject.startswith("sbp:")
    assert attributes["user_id"]["Value"] == ada.user_id
    assert json.dumps(attributes).count(ada.user_id) == 1
