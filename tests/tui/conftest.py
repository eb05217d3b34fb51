"""Fixtures for the TUI tests: a Planner with a pinned clock over a memory or SQLite ledger."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from sbp.bootstrap import build_planner
from sbp.config import Settings
from sbp.planner import Planner
from sbp.store.memory import MemoryLedger

TODAY = date(2026, 11, 23)


class PinnedClock:
    """Always 23 November 2026 at noon, so screens and snapshots never move."""

    def now(self) -> datetime:
        return datetime(2026, 11, 23, 12, 0, tzinfo=UTC)

    def today(self) -> date:
        return TODAY


def seed(planner: Planner) -> Planner:
    """A month that reads like a person's: a few budgets, one near its limit."""
    planner.set_budget("coffee", "60")
    planner.set_budget("groceries", "400")
    planner.set_budget("transport", "100")
    for amount, text, day, category in [
        ("4.50", "Starbucks latte", "2026-11-02", "coffee"),
        ("82.10", "Whole Foods weekly shop", "2026-11-03", "groceries"),
        ("2.75", "Metro ticket", "2026-11-05", "transport"),
        ("45.00", "Blue Bottle beans", "2026-11-12", "coffee"),
        ("120.40", "Costco run", "2026-11-15", "groceries"),
        ("30.00", "Uber to the airport", "2026-11-20", "transport"),
        ("15.99", "Cinema tickets", "2026-11-21", "entertainment"),
        ("3.80", "Corner cafe espresso", "2026-11-22", "coffee"),
        ("12.00", "Bakery", "2026-10-30", "groceries"),
    ]:
        planner.add_expense(amount, text, on=day, category=category)
    return planner


@pytest.fixture
def planner() -> Planner:
    """A seeded Planner over the in-memory ledger."""
    return seed(Planner(MemoryLedger(), PinnedClock(), "USD"))


@pytest.fixture
def empty_planner() -> Planner:
    return Planner(MemoryLedger(), PinnedClock(), "USD")


@pytest.fixture
def sqlite_planner(tmp_path: Path) -> Iterator[Planner]:
    """A seeded Planner over a real SQLite file, built the way `sbp ui` builds it."""
    built = build_planner(Settings(data_dir=tmp_path, config_file=tmp_path / "config.toml"))
    pinned = Planner(built.ledger, PinnedClock(), "USD")
    yield seed(pinned)
