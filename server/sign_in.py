"""Signing in: counters first, one password check whatever happens, then a new session.

An unknown login, a wrong password and an account that must wait after failures all get the same
401 after the same work (the counter read and write, one argon2 verification, against a dummy
hash when there is no account), so the answer tells a guesser nothing. Only the per-address
limit answers 429: it says something about the caller, nothing about any account.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError
from flask import request

from server.access_log import event
from server.accounts import Account
from server.attempts import ACCOUNT_RULE, ADDRESS_RULE
from server.gateway import Gateway
from server.problems import Problem
from server.sessions import Issued
from server.times import iso

INVALID_CREDENTIALS = Problem(
    401,
    "invalid_credentials",
    "Sign-in failed",
    "the sign-in details were not accepted; check them, or wait a few minutes after several "
    "failed attempts",
)


def sign_in(gw: Gateway, login: str, password: str, device_id: str, device_name: str) -> Account:
    """The account `login` names when `password` is right and no limit applies; else a problem."""
    address_key = f"addr#{request.remote_addr}"
    wait = gw.attempts.wait_seconds(address_key, ADDRESS_RULE)
    if wait:
        event("login_refused", reason="address_limited")
        raise Problem(
            429,
            "rate_limited",
            "Too many attempts",
            f"too many failed sign-ins from this address; try again in {wait} seconds",
            {"Retry-After": str(wait)},
        )
    account = gw.accounts.find(login)
    # Unknown logins are counted too, under a hash of the name, so they behave like real ones.
    account_key = f"user#{account.user_id}" if account else f"login#{_digest(login.lower())}"
    locked = gw.attempts.wait_seconds(account_key, ACCOUNT_RULE) > 0
    matches = gw.passwords.verify(account.password_hash if account else None, password)
    if account is None or locked or not matches:
        if not locked:
            gw.attempts.record_failure(account_key, ACCOUNT_RULE)
            gw.attempts.record_failure(address_key, ADDRESS_RULE)
        reason = "unknown_login" if account is None else "waiting" if locked else "wrong_password"
        event("login_failed", user_id=account.user_id if account else None, reason=reason)
        raise INVALID_CREDENTIALS
    gw.attempts.clear(account_key)
    if gw.passwords.needs_rehash(account.password_hash):
        gw.accounts.replace_hash(account.user_id, gw.passwords.hash(password))
    if gw.accounts.saw_device(account.user_id, device_id, device_name):
        _tell_of_new_device(gw, account, device_id, device_name)
    event("login_succeeded", user_id=account.user_id, device_id=device_id)
    return account


def session_body(gw: Gateway, user_id: str, issued: Issued) -> dict[str, Any]:
    """The Session object login and refresh return (GATEWAY.md)."""
    access_token, access_expires = gw.tokens.issue(user_id, issued.device_id)
    config = gw.config
    resources = {
        "region": config.region,
        "replica_table": config.replica_table,
        "bucket": config.bucket,
        "categorize_queue_url": config.categorize_queue_url,
    }
    if config.endpoint_url:
        resources["endpoint_url"] = config.endpoint_url
    return {
        "user_id": user_id,
        "username": issued.username,
        "access_token": access_token,
        "access_expires_at": iso(access_expires),
        "refresh_token": issued.token,
        "refresh_expires_at": iso(issued.expires_at),
        "credentials": gw.credentials.for_user(user_id).as_json(),
        "resources": resources,
    }


def _tell_of_new_device(gw: Gateway, account: Account, device_id: str, device_name: str) -> None:
    """Publish a notice on the alerts topic, for the user's own subscriptions only; the first
    device of an account is not news."""
    if len(gw.accounts.devices(account.user_id)) < 2:
        return
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    message = (
        f"New sign-in to sbp as {account.username} from the device '{device_name}' at {when}. "
        "If this was not you, change your password and sign out everywhere."
    )
    try:
        gw.aws.sns.publish(
            TopicArn=gw.config.alerts_topic,
            Subject="sbp: sign-in from a new device",
            Message=message,
            MessageAttributes={"user_id": {"DataType": "String", "StringValue": account.user_id}},
        )
    except (BotoCoreError, ClientError) as error:  # the sign-in itself went well: do not fail it
        event("notice_failed", user_id=account.user_id, error_type=type(error).__name__)
        return
    event("new_device_notice", user_id=account.user_id, device_id=device_id)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]
