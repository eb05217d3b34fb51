"""Times as the API writes them: ISO 8601 in UTC with a `Z`."""

from __future__ import annotations

import time
from datetime import UTC, datetime


def iso(unix_time: float) -> str:
    return datetime.fromtimestamp(int(unix_time), UTC).isoformat().replace("+00:00", "Z")


def now_iso() -> str:
    return iso(time.time())
