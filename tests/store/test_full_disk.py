"""A full disk in the middle of a write: one clear error (exit 7 in the CLI) and nothing changed.

SQLite reports a full disk as SQLITE_FULL ("database or disk is full"). Here it is provoked with
`PRAGMA max_page_count`, which makes SQLite's pager refuse to grow the file exactly as it does
when the disk has no room: same error code, same rollback. It does not involve the operating
system; `tests/cli/test_full_disk_cli.py` fills a real (small) filesystem for that.
"""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from dumps import dump

from sbp.core.errors import StoreFull
from sbp.planner import Planner
from sbp.store.sqlite import SqliteLedger


class Clock:
    def now(self) -> datetime:
        return datetime(2026, 11, 23, 9, 30, tzinfo=UTC)

    def today(self) -> date:
        return date(2026, 11, 23)


@pytest.fixture
def crowded(tmp_path: Path) -> Iterator[tuple[Planner, Path]]:
    """A Planner over a store that may not grow past the pages it has now."""
    path = tmp_path / "sbp.db"
    ledger = SqliteLedger(path)
    planner = Planner(ledger, Clock(), base_currency="USD")
    planner.add_expense("4.20", "Blue Bottle")
    pages = ledger.connection.execute("PRAGMA page_count").fetchone()[0]
    ledger.connection.execute(f"PRAGMA max_page_count = {pages}")
    yield planner, path
    ledger.close()


def until_full(write: Callable[[int], object], path: Path) -> tuple[StoreFull, list[str]]:
    """Repeat a write until the disk is full; the error and the store just before it."""
    for attempt in range(5000):
        before = dump(path)
        try:
            write(attempt)
        except StoreFull as full:
            return full, before
    raise AssertionError("the store never filled up")


def csv_of(rows: int) -> io.BytesIO:
    lines = ["Date,Description,Amount"]
    lines += [f"2026-11-{1 + n % 28:02d},SHOP NUMBER {n},-{n + 1}.00" for n in range(rows)]
    return io.BytesIO("\n".join(lines).encode())


def test_an_add_on_a_full_disk_fails_clearly_and_stores_nothing(
    crowded: tuple[Planner, Path],
) -> None:
    planner, path = crowded

    full, before = until_full(lambda n: planner.add_expense("1", f"lunch number {n}"), path)

    assert full.message.startswith("the disk holding the store is full")
    assert full.hint == "free some space and try again"
    assert dump(path) == before


def test_a_budget_set_on_a_full_disk_fails_clearly_and_stores_nothing(
    crowded: tuple[Planner, Path],
) -> None:
    planner, path = crowded

    full, before = until_full(lambda n: planner.set_budget(f"category {n:04d}", "60"), path)

    assert "full" in full.message
    assert dump(path) == before


def test_an_import_on_a_full_disk_fails_clearly_and_stores_nothing(
    crowded: tuple[Planner, Path],
) -> None:
    planner, path = crowded
    before = dump(path)

    with pytest.raises(StoreFull):
        planner.import_file("bank.csv", csv_of(3000))

    assert dump(path) == before


def test_the_store_works_again_once_there_is_room(crowded: tuple[Planner, Path]) -> None:
    planner, path = crowded
    until_full(lambda n: planner.add_expense("1", f"lunch number {n}"), path)
    with sqlite3.connect(path) as other:
        pages = other.execute("PRAGMA page_count").fetchone()[0]
    planner.ledger.connection.execute(f"PRAGMA max_page_count = {pages + 100}")  # type: ignore[attr-defined]

    planner.add_expense("2", "dinner")

    assert "dinner" in [e.description for e in planner.list_expenses()]
