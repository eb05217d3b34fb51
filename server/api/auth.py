"""Accounts and sessions: register, login, refresh, logout, me."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Blueprint, Response, g, jsonify

from sbp.core.ids import new_ulid
from server.access_log import event
from server.bodies import DEVICE_ID, EMAIL, USERNAME, json_body
from server.gateway import gateway
from server.guard import signed_in
from server.passwords import MAX_LENGTH, check_policy
from server.problems import Problem
from server.sign_in import session_body, sign_in
from server.tokens import RefreshToken, token_invalid

auth = Blueprint("auth", __name__)


@auth.post("/register")
def register() -> tuple[Response, int]:
    body = json_body("username", "email", "password")
    username = body.text(
        "username",
        max_length=32,
        pattern=USERNAME,
        hint="3 to 32 letters, digits, '.', '_' or '-', starting with a letter or digit",
    )
    email = body.text("email", max_length=254, pattern=EMAIL, hint="an e-mail address")
    password = body.text("password", max_length=4 * MAX_LENGTH)
    check_policy(password, username, email)
    gw = gateway()
    user_id = new_ulid(datetime.now(UTC))
    gw.accounts.create(user_id, username, email, gw.passwords.hash(password))
    g.user_id = user_id
    event("registered", user_id=user_id)
    return jsonify(user_id=user_id, username=username), 201


@auth.post("/login")
def login() -> Response:
    body = json_body("login", "password", "device")
    login_name = body.text("login", max_length=254)
    password = body.text("password", max_length=4 * MAX_LENGTH)
    device = body.object("device", {"id", "name"})
    device_id = device.text("id", max_length=16, pattern=DEVICE_ID, hint="16 of 0-9 and a-z")
    device_name = device.printable("name", max_length=64)
    gw = gateway()
    account = sign_in(gw, login_name, password, device_id, device_name)
    g.user_id = account.user_id
    issued = gw.sessions.start(account.user_id, account.username, device_id, device_name)
    return jsonify(session_body(gw, account.user_id, issued))


@auth.post("/refresh")
def refresh() -> Response:
    presented = RefreshToken.parse(json_body("refresh_token").text("refresh_token", max_length=200))
    gw = gateway()
    g.user_id = presented.user_id
    issued = gw.sessions.rotate(presented)
    event("refreshed", user_id=presented.user_id, family_id=issued.family_id)
    return jsonify(session_body(gw, presented.user_id, issued))


@auth.post("/logout")
def logout() -> Response:
    claims = signed_in()
    presented = RefreshToken.parse(json_body("refresh_token").text("refresh_token", max_length=200))
    if presented.user_id != claims.user_id:
        event("access_refused", reason="other_users_session", user_id=claims.user_id)
        raise Problem(403, "forbidden", "Not allowed", "that session belongs to another account")
    gateway().sessions.revoke(presented.user_id, presented.family_id)
    event("logged_out", user_id=claims.user_id, family_id=presented.family_id)
    return Response(status=204)


@auth.get("/me")
def me() -> Response:
    claims = signed_in()
    gw = gateway()
    account = gw.accounts.get(claims.user_id)
    if account is None:
        raise token_invalid("this account no longer exists")
    live = gw.sessions.signed_in_devices(account.user_id)
    devices = [
        {
            "id": device.id,
            "name": device.name,
            "first_seen": device.first_seen,
            "last_seen": device.last_seen,
            "signed_in": device.id in live,
        }
        for device in gw.accounts.devices(account.user_id)
    ]
    return jsonify(
        user_id=account.user_id, username=account.username, email=account.email, devices=devices
    )
