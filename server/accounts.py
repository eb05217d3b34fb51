"""Accounts in the `{p}-users` table: profiles, unique names and addresses, known devices.

A username and an e-mail address each own a marker item (`username#<name>` / `email#<address>`,
lower case) created in the same transaction as the profile, each on the condition that it does
not exist yet: two people racing for one name cannot both win, and no index is needed.
Devices a user has signed in from live under the profile's partition (`device#<id>`), which is
how a sign-in from a new device is noticed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from botocore.exceptions import ClientError

from server.dynamo import S, item_text, or_unavailable
from server.problems import Problem
from server.times import now_iso

PROFILE = "profile"
MARKER = "marker"


@dataclass(frozen=True)
class Account:
    """A user's profile as stored (the password hash never leaves the gateway)."""

    user_id: str
    username: str
    email: str
    password_hash: str

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> Account:
        return cls(
            user_id=item_text(item, "user_id"),
            username=item_text(item, "username"),
            email=item_text(item, "email"),
            password_hash=item_text(item, "password_hash"),
        )


@dataclass(frozen=True)
class Device:
    """A device that has signed in to the account, and when it first and last did."""

    id: str
    name: str
    first_seen: str
    last_seen: str


def user_key(user_id: str) -> str:
    return f"user#{user_id}"


class Accounts:
    """Reads and writes accounts in the users table."""

    def __init__(self, dynamodb: Any, table: str) -> None:
        self._db = dynamodb
        self._table = table

    def create(self, user_id: str, username: str, email: str, password_hash: str) -> None:
        """Store a new account, or a `username_taken` / `email_taken` problem."""
        now = now_iso()
        profile = {
            "pk": S(user_key(user_id)),
            "sk": S(PROFILE),
            "user_id": S(user_id),
            "username": S(username),
            "email": S(email),
            "password_hash": S(password_hash),
            "created_at": S(now),
        }
        markers = [_marker("username", username, user_id), _marker("email", email, user_id)]
        puts = [
            {
                "Put": {
                    "TableName": self._table,
                    "Item": item,
                    "ConditionExpression": "attribute_not_exists(pk)",
                }
            }
            for item in (profile, *markers)
        ]
        try:
            with or_unavailable():
                self._db.transact_write_items(TransactItems=puts)
        except ClientError as error:
            reasons = [
                reason.get("Code") for reason in error.response.get("CancellationReasons", [])
            ]
            if len(reasons) == 3 and reasons[1] == "ConditionalCheckFailed":
                raise Problem(
                    409,
                    "username_taken",
                    "Username taken",
                    "that username is taken; choose another",
                ) from None
            if len(reasons) == 3 and reasons[2] == "ConditionalCheckFailed":
                raise Problem(
                    409,
                    "email_taken",
                    "E-mail address in use",
                    "that e-mail address already has an account; sign in instead",
                ) from None
            raise

    def find(self, login: str) -> Account | None:
        """The account whose username or e-mail address is `login` (any case)."""
        kind = "email" if "@" in login else "username"
        with or_unavailable():
            marker = self._db.get_item(
                TableName=self._table, Key={"pk": S(f"{kind}#{login.lower()}"), "sk": S(MARKER)}
            ).get("Item")
        return self.get(item_text(marker, "user_id")) if marker else None

    def get(self, user_id: str) -> Account | None:
        with or_unavailable():
            item = self._db.get_item(
                TableName=self._table, Key={"pk": S(user_key(user_id)), "sk": S(PROFILE)}
            ).get("Item")
        return Account.from_item(item) if item else None

    def replace_hash(self, user_id: str, password_hash: str) -> None:
        with or_unavailable():
            self._db.update_item(
                TableName=self._table,
                Key={"pk": S(user_key(user_id)), "sk": S(PROFILE)},
                UpdateExpression="SET password_hash = :h",
                ExpressionAttributeValues={":h": S(password_hash)},
            )

    def saw_device(self, user_id: str, device_id: str, name: str) -> bool:
        """Remember a sign-in from a device; True when the device had never signed in before."""
        now = now_iso()
        with or_unavailable():
            old = self._db.update_item(
                TableName=self._table,
                Key={"pk": S(user_key(user_id)), "sk": S(f"device#{device_id}")},
                UpdateExpression=(
                    "SET #n = :n, last_seen = :t, first_seen = if_not_exists(first_seen, :t)"
                ),
                ExpressionAttributeNames={"#n": "name"},
                ExpressionAttributeValues={":n": S(name), ":t": S(now)},
                ReturnValues="UPDATED_OLD",
            ).get("Attributes")
        return not old

    def devices(self, user_id: str) -> list[Device]:
        with or_unavailable():
            items = self._db.query(
                TableName=self._table,
                KeyConditionExpression="pk = :pk AND begins_with(sk, :device)",
                ExpressionAttributeValues={":pk": S(user_key(user_id)), ":device": S("device#")},
            ).get("Items", [])
        return [
            Device(
                id=item_text(item, "sk").removeprefix("device#"),
                name=item_text(item, "name"),
                first_seen=item_text(item, "first_seen"),
                last_seen=item_text(item, "last_seen"),
            )
            for item in items
        ]

    def alert_targets(self, user_id: str) -> dict[str, str]:
        """The stored alert subscriptions: `email`, `email_arn`, `sms`, `sms_arn` when set."""
        with or_unavailable():
            item = self._db.get_item(
                TableName=self._table,
                Key={"pk": S(user_key(user_id)), "sk": S("alerts")},
                ConsistentRead=True,
            ).get("Item", {})
        return {name: value["S"] for name, value in item.items() if name not in ("pk", "sk")}

    def set_alert_targets(self, user_id: str, targets: dict[str, str]) -> None:
        item = {"pk": S(user_key(user_id)), "sk": S("alerts")}
        item.update((name, S(value)) for name, value in targets.items())
        with or_unavailable():
            self._db.put_item(TableName=self._table, Item=item)


def _marker(kind: str, value: str, user_id: str) -> dict[str, Any]:
    return {"pk": S(f"{kind}#{value.lower()}"), "sk": S(MARKER), "user_id": S(user_id)}
