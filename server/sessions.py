"""Refresh-token families in the `{p}-sessions` table: rotation, reuse detection, expiry.

A sign-in starts a family (one per device sign-in). Each refresh replaces the family's current
token by a new one in a conditional update, and remembers the old one as spent. A spent token
presented again means two parties hold the family's tokens (a thief, or the owner after a
thief): the whole family is revoked and the event logged (RFC 9700 4.14.2). A family ends
`IDLE_SECONDS` after its last use and `ABSOLUTE_SECONDS` after the sign-in, whichever is first;
the table's TTL removes it later, so every read compares the expiry itself.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import ClientError

from server.access_log import event
from server.dynamo import N, S, condition_failed, item_number, item_text, or_unavailable
from server.problems import Problem
from server.tokens import RefreshToken, expired, new_family_id, new_refresh_token, token_invalid

IDLE_SECONDS = 14 * 24 * 3600
ABSOLUTE_SECONDS = 60 * 24 * 3600
_SPENT_PREFIX = 32  # hex characters of a spent token's hash kept: 128 bits, half the space


@dataclass(frozen=True)
class Issued:
    """A refresh token just issued, with its family's device and the time it lapses."""

    token: str
    family_id: str
    device_id: str
    expires_at: int


def family_key(family_id: str) -> str:
    return f"family#{family_id}"


class SessionFamilies:
    """Starts, rotates and revokes refresh-token families."""

    def __init__(self, dynamodb: Any, table: str) -> None:
        self._db = dynamodb
        self._table = table

    def start(self, user_id: str, device_id: str, device_name: str) -> Issued:
        now = int(time.time())
        family_id = new_family_id()
        token, digest = new_refresh_token(user_id, family_id)
        expires_at = min(now + IDLE_SECONDS, now + ABSOLUTE_SECONDS)
        with or_unavailable():
            self._db.put_item(
                TableName=self._table,
                Item={
                    "user_id": S(user_id),
                    "sk": S(family_key(family_id)),
                    "device_id": S(device_id),
                    "device_name": S(device_name),
                    "current": S(digest),
                    "created_at": N(now),
                    "last_used": N(now),
                    "absolute_expires_at": N(now + ABSOLUTE_SECONDS),
                    "expires_at": N(expires_at),
                },
                ConditionExpression="attribute_not_exists(sk)",
            )
        return Issued(token, family_id, device_id, expires_at)

    def rotate(self, presented: RefreshToken) -> Issued:
        """Swap a current refresh token for a new one; refuse and revoke on reuse."""
        family = self._family(presented.user_id, presented.family_id)
        now = int(time.time())
        if family is None or family.get("revoked", {}).get("BOOL"):
            raise token_invalid("this session has ended; sign in again")
        if now >= item_number(family, "expires_at"):
            raise expired()
        if presented.secret_hash == item_text(family, "current"):
            return self._replace(presented, family, now)
        spent = family.get("spent", {}).get("SS", [])
        if presented.secret_hash[:_SPENT_PREFIX] in spent:
            raise self._reused(presented)
        raise token_invalid("the refresh token is not valid; sign in again")

    def _replace(self, presented: RefreshToken, family: dict[str, Any], now: int) -> Issued:
        token, digest = new_refresh_token(presented.user_id, presented.family_id)
        expires_at = min(now + IDLE_SECONDS, item_number(family, "absolute_expires_at"))
        try:
            with or_unavailable():
                self._db.update_item(
                    TableName=self._table,
                    Key=self._key(presented.user_id, presented.family_id),
                    UpdateExpression=(
                        "SET #c = :new, last_used = :now, expires_at = :exp ADD spent :old"
                    ),
                    ConditionExpression="#c = :current AND attribute_not_exists(revoked)",
                    ExpressionAttributeNames={"#c": "current"},
                    ExpressionAttributeValues={
                        ":new": S(digest),
                        ":now": N(now),
                        ":exp": N(expires_at),
                        ":old": {"SS": [presented.secret_hash[:_SPENT_PREFIX]]},
                        ":current": S(presented.secret_hash),
                    },
                )
        except ClientError as error:
            if not condition_failed(error):
                raise
            # Another refresh with this same token won the race: it is spent now, so this is reuse.
            raise self._reused(presented) from None
        return Issued(token, presented.family_id, item_text(family, "device_id"), expires_at)

    def _reused(self, presented: RefreshToken) -> Problem:
        self.revoke(presented.user_id, presented.family_id, reason="reuse")
        event("refresh_reused", user_id=presented.user_id, family_id=presented.family_id)
        return Problem(
            401,
            "refresh_reused",
            "Refresh token reused",
            "this refresh token was already used, so the session was ended on every device "
            "that shared it; sign in again",
        )

    def revoke(self, user_id: str, family_id: str, reason: str = "logout") -> None:
        """End a family (kept, marked, until its TTL, so a later reuse is still recognised)."""
        try:
            with or_unavailable():
                self._db.update_item(
                    TableName=self._table,
                    Key=self._key(user_id, family_id),
                    UpdateExpression="SET revoked = :yes, revoked_reason = :why",
                    ConditionExpression="attribute_exists(sk)",
                    ExpressionAttributeValues={":yes": {"BOOL": True}, ":why": S(reason)},
                )
        except ClientError as error:
            if not condition_failed(error):
                raise

    def signed_in_devices(self, user_id: str) -> set[str]:
        """The devices with a live (unrevoked, unexpired) session family."""
        now = int(time.time())
        with or_unavailable():
            pages = self._db.get_paginator("query").paginate(
                TableName=self._table,
                KeyConditionExpression="user_id = :u AND begins_with(sk, :f)",
                ExpressionAttributeValues={":u": S(user_id), ":f": S("family#")},
            )
            items = [item for page in pages for item in page.get("Items", [])]
        return {
            item_text(item, "device_id")
            for item in items
            if "revoked" not in item and item_number(item, "expires_at") > now
        }

    def _family(self, user_id: str, family_id: str) -> dict[str, Any] | None:
        with or_unavailable():
            item: dict[str, Any] | None = self._db.get_item(
                TableName=self._table, Key=self._key(user_id, family_id), ConsistentRead=True
            ).get("Item")
        return item

    @staticmethod
    def _key(user_id: str, family_id: str) -> dict[str, Any]:
        return {"user_id": S(user_id), "sk": S(family_key(family_id))}
