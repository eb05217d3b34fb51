"""A Planner over the in-memory ledger, with the clock pinned to 23 November 2026."""

from __future__ import annotations

import pytest
from fixed_clock import FixedClock

from sbp.planner import Planner
from sbp.store.memory import MemoryLedger


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def ledger() -> MemoryLedger:
    return MemoryLedger()


@pytest.fixture
def planner(ledger: MemoryLedger, clock: FixedClock) -> Planner:
    return Planner(ledger, clock, base_currency="USD")
