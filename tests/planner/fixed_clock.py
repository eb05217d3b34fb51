"""A clock for tests: it says what the test tells it, so dates and alerts are reproducible."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta


@dataclass
class FixedClock:
    """A clock that says what the test tells it; `advance` moves it on."""

    instant: datetime = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)

    def now(self) -> datetime:
        return self.instant

    def today(self) -> date:
        return self.instant.date()

    def advance(self, **delta: float) -> None:
        self.instant += timedelta(**delta)
