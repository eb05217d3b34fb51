"""Failed sign-ins counted in the `{p}-login-attempts` table, so every gateway instance sees them.

Two counters slow guessing down: one per account (a few free failures, then a delay that doubles
with each further failure, capped at 15 minutes: at most 16 guesses in the first hour, well under
ASVS's 100) and one per client address with more free failures (for guessing across accounts).
A counter is forgotten an hour after its last failure; DynamoDB's TTL deletes late, so the
expiry is compared on every read. A correct password clears the account's counter.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import ClientError

from server.dynamo import N, S, condition_failed, item_number, or_unavailable


@dataclass(frozen=True)
class LimitRule:
    """How many failures are free, and how long to wait after each one past them."""

    free: int
    base_delay: int
    max_delay: int
    window: int

    def delay_after(self, failures: int) -> int:
        """Seconds to wait after the last of `failures` failures before trying again."""
        if failures < self.free:
            return 0
        return int(min(self.base_delay * 2 ** (failures - self.free), self.max_delay))


ACCOUNT_RULE = LimitRule(free=5, base_delay=2, max_delay=15 * 60, window=3600)
ADDRESS_RULE = LimitRule(free=30, base_delay=2, max_delay=15 * 60, window=3600)


class LoginAttempts:
    """Reads and bumps failure counters keyed `user#<id>`, `login#<hash>` or `addr#<address>`."""

    def __init__(self, dynamodb: Any, table: str) -> None:
        self._db = dynamodb
        self._table = table

    def wait_seconds(self, key: str, rule: LimitRule) -> int:
        """How long the counter `key` still refuses attempts (0: go ahead)."""
        with or_unavailable():
            item = self._db.get_item(
                TableName=self._table, Key={"key": S(key)}, ConsistentRead=True
            ).get("Item")
        now = int(time.time())
        if not item or item_number(item, "expires_at") <= now:
            return 0
        delay = rule.delay_after(item_number(item, "failures"))
        return max(0, item_number(item, "last_failure") + delay - now)

    def record_failure(self, key: str, rule: LimitRule) -> None:
        """Count one more failure, starting afresh when the previous count has expired."""
        now = int(time.time())
        values = {":now": N(now), ":exp": N(now + rule.window), ":one": N(1)}
        try:
            with or_unavailable():
                self._db.update_item(
                    TableName=self._table,
                    Key={"key": S(key)},
                    UpdateExpression="SET last_failure = :now, expires_at = :exp ADD failures :one",
                    ConditionExpression="attribute_not_exists(expires_at) OR expires_at > :now",
                    ExpressionAttributeValues=values,
                )
            return
        except ClientError as error:
            if not condition_failed(error):
                raise
        try:  # the old count had expired: this failure is the first of a new one
            with or_unavailable():
                self._db.put_item(
                    TableName=self._table,
                    Item={
                        "key": S(key),
                        "failures": N(1),
                        "last_failure": N(now),
                        "expires_at": N(now + rule.window),
                    },
                    ConditionExpression="expires_at <= :now",
                    ExpressionAttributeValues={":now": N(now)},
                )
        except ClientError as error:
            if not condition_failed(error):  # lost a race to a concurrent reset: counted there
                raise

    def clear(self, key: str) -> None:
        with or_unavailable():
            self._db.delete_item(TableName=self._table, Key={"key": S(key)})
