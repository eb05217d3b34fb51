"""Alerts: which e-mail address and phone number get the user's budget alerts."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from server.alert_subscriptions import AlertSubscriptions
from server.bodies import E164, EMAIL, json_body
from server.gateway import gateway
from server.guard import signed_in
from server.problems import invalid

alerts = Blueprint("alerts", __name__)


def _subscriptions() -> AlertSubscriptions:
    gw = gateway()
    return AlertSubscriptions(gw.aws.sns, gw.config.alerts_topic, gw.accounts)


@alerts.get("/alerts")
def show() -> Response:
    claims = signed_in()
    return jsonify(_subscriptions().state(claims.user_id))


@alerts.post("/alerts")
def change() -> Response:
    claims = signed_in()
    body = json_body("email", "sms", "off")
    given = [name for name in ("email", "sms", "off") if body.has(name)]
    if len(given) != 1:
        raise invalid("send one of 'email', 'sms' or 'off': true")
    subscriptions = _subscriptions()
    if given == ["off"]:
        if not body.boolean("off"):
            raise invalid("'off' can only be true; send 'email' or 'sms' to turn alerts on")
        return jsonify(subscriptions.turn_off(claims.user_id))
    if given == ["email"]:
        address = body.text("email", max_length=254, pattern=EMAIL, hint="an e-mail address")
        return jsonify(subscriptions.subscribe(claims.user_id, "email", address))
    number = body.text(
        "sms",
        max_length=16,
        pattern=E164,
        hint="a phone number in international form, e.g. +447700900123",
    )
    return jsonify(subscriptions.subscribe(claims.user_id, "sms", number))
