"""Whether the gateway can reach its own tables, checked cheaply and remembered for a moment.

A load balancer asks every few seconds on every instance; DescribeTable on the three gateway
tables answers "reachable, and allowed" without reading anyone's data, and the answer is reused
for `CACHE_SECONDS` so health checks never add up to load.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from server.access_log import log

CACHE_SECONDS = 5.0


class HealthCheck:
    """DescribeTable on each table, remembered for a few seconds."""

    def __init__(self, dynamodb: Any, tables: tuple[str, ...]) -> None:
        self._db = dynamodb
        self._tables = tables
        self._checked_at = -CACHE_SECONDS
        self._healthy = False
        self._lock = threading.Lock()

    def healthy(self) -> bool:
        with self._lock:
            if time.monotonic() - self._checked_at < CACHE_SECONDS:
                return self._healthy
        healthy = self._check()
        with self._lock:
            self._healthy, self._checked_at = healthy, time.monotonic()
        return healthy

    def _check(self) -> bool:
        try:
            for table in self._tables:
                status = self._db.describe_table(TableName=table)["Table"]["TableStatus"]
                if status not in ("ACTIVE", "UPDATING"):
                    return False
        except (BotoCoreError, ClientError) as error:
            log.warning(
                "health check failed",
                extra={"event": "unhealthy", "error_type": type(error).__name__},
            )
            return False
        return True
