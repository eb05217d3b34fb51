"""A Planner over a real SQLite store in a temporary folder, the clock pinned to 23 Nov 2026."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from bank_files import PinnedClock

from sbp.planner import Planner
from sbp.store.sqlite import SqliteLedger


@pytest.fixture
def planner(tmp_path: Path) -> Iterator[Planner]:
    ledger = SqliteLedger(tmp_path / "sbp.db")
    yield Planner(ledger, PinnedClock(), base_currency="USD")
    ledger.close()
