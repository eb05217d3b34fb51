"""Refresh-token families in the `{p}-sessions` table: rotation, reuse detection, expiry.

A sign-in starts a family (one per device sign-in). Each refresh replaces the family's current
token by a new one in a conditional update, and remembers the old one as spent, in a ring of the
last `SPENT_KEPT` (so the item, and the cost of each write, stays small). A spent token presented
again means two parties hold the family's tokens (a thief, or the owner after a thief): the
whole family is revoked and the event logged (RFC 9700 4.14.2). A token older than the ring is
still refused, as invalid. A family ends
`IDLE_SECONDS` after its last use and `ABSOLUTE_SECONDS` after the sign-in, whichever is first;
the table's TTL (`expires_at`, the idle end) removes it late, so the rotation's condition
compares both ends itself. A refresh is one conditional write: the family as it was, returned
when the condition fails, tells an ended, lapsed, reused or made-up token apart.
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
SPENT_KEPT = 32  # spent tokens remembered per family: 8 hours of refreshes every 15 minutes
_SPENT_PREFIX = 32  # hex characters of a spent token's hash kept: 128 bits, half the space


@dataclass(frozen=True)
class Issued:
    """A refresh token just issued, with its family's user, device and the time it lapses."""

    token: str
    family_id: str
    username: str
    device_id: str
    expires_at: int


def _slot(generation: int) -> str:
    """Where in the ring of spent tokens the token of `generation` is remembered."""
    return str(generation % SPENT_KEPT)


def _lapses(now: int, absolute_end: int) -> int:
    """When a token issued `now` lapses unless used: idle or absolute expiry, the earlier."""
    return min(now + IDLE_SECONDS, absolute_end)


def family_key(family_id: str) -> str:
    return f"family#{family_id}"


class SessionFamilies:
    """Starts, rotates and revokes refresh-token families."""

    def __init__(self, dynamodb: Any, table: str) -> None:
        self._db = dynamodb
        self._table = table

    def start(self, user_id: str, username: str, device_id: str, device_name: str) -> Issued:
        now = int(time.time())
        family_id = new_family_id()
        token, digest = new_refresh_token(user_id, family_id, 0)
        with or_unavailable():
            self._db.put_item(
                TableName=self._table,
                Item={
                    "user_id": S(user_id),
                    "sk": S(family_key(family_id)),
                    "username": S(username),
                    "device_id": S(device_id),
                    "device_name": S(device_name),
                    "current": S(digest),
                    "generation": N(0),
                    "spent": {"M": {}},
                    "created_at": N(now),
                    "last_used": N(now),
                    "absolute_expires_at": N(now + ABSOLUTE_SECONDS),
                    "expires_at": N(now + IDLE_SECONDS),
                },
                ConditionExpression="attribute_not_exists(sk)",
            )
        return Issued(token, family_id, username, device_id, _lapses(now, now + ABSOLUTE_SECONDS))

    def rotate(self, presented: RefreshToken) -> Issued:
        """Swap a current refresh token for a new one in one conditional write; on refusal, the
        family as it was says why (ended, lapsed, reused or never issued)."""
        now = int(time.time())
        generation = presented.generation + 1
        token, digest = new_refresh_token(presented.user_id, presented.family_id, generation)
        try:
            with or_unavailable():
                family = self._db.update_item(
                    TableName=self._table,
                    Key=self._key(presented.user_id, presented.family_id),
                    UpdateExpression=(
                        "SET #c = :new, #g = :next, spent.#slot = :old, last_used = :now, "
                        "expires_at = :idle"
                    ),
                    ConditionExpression=(
                        "#c = :current AND #g = :gen AND attribute_not_exists(revoked) "
                        "AND expires_at > :now AND absolute_expires_at > :now"
                    ),
                    ExpressionAttributeNames={
                        "#c": "current",
                        "#g": "generation",
                        "#slot": _slot(presented.generation),
                    },
                    ExpressionAttributeValues={
                        ":new": S(digest),
                        ":next": N(generation),
                        ":gen": N(presented.generation),
                        ":old": S(presented.secret_hash[:_SPENT_PREFIX]),
                        ":now": N(now),
                        ":idle": N(now + IDLE_SECONDS),
                        ":current": S(presented.secret_hash),
                    },
                    ReturnValues="ALL_NEW",
                    ReturnValuesOnConditionCheckFailure="ALL_OLD",
                )["Attributes"]
        except ClientError as error:
            if not condition_failed(error):
                raise
            raise self._refusal(presented, error.response.get("Item"), now) from None
        absolute = item_number(family, "absolute_expires_at")
        return Issued(
            token,
            presented.family_id,
            item_text(family, "username"),
            item_text(family, "device_id"),
            _lapses(now, absolute),
        )

    def _refusal(self, presented: RefreshToken, family: dict[str, Any] | None, now: int) -> Problem:
        if family is None or "revoked" in family:
            return token_invalid("this session has ended; sign in again")
        if now >= min(
            item_number(family, "expires_at"), item_number(family, "absolute_expires_at")
        ):
            return expired()
        spent = family.get("spent", {}).get("M", {}).get(_slot(presented.generation), {})
        if spent.get("S") == presented.secret_hash[:_SPENT_PREFIX]:
            return self._reused(presented)  # also when a concurrent refresh with it won the race
        return token_invalid("the refresh token is not valid; sign in again")

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

    @staticmethod
    def _key(user_id: str, family_id: str) -> dict[str, Any]:
        return {"user_id": S(user_id), "sk": S(family_key(family_id))}
