"""Work on opening the store that takes more than a second (an upgrade that rewrites every
row, a check of the whole file) says what it is doing and how far it got, then clears."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

from sbp.cli.notices import StderrNotices
from sbp.store.migrations import MIGRATIONS
from sbp.store.sqlite import SqliteLedger, schema, slow

FOLDING = 3  # the upgrade that folds every description and note for search


class Told:
    """A `Notices` that keeps what it was told."""

    def __init__(self) -> None:
        self.lines: list[tuple[str, str]] = []
        self.cleared = 0

    def show(self, what: str, progress: str = "") -> None:
        self.lines.append((what, progress))

    def clear(self) -> None:
        self.cleared += 1


def older_store(path: Path, monkeypatch: pytest.MonkeyPatch, rows: int) -> None:
    """A store from before the search upgrade, holding `rows` expenses."""
    with monkeypatch.context() as older:
        older.setattr(schema, "MIGRATIONS", MIGRATIONS[: FOLDING - 1])
        SqliteLedger(path).close()
    with sqlite3.connect(path) as conn:
        conn.executemany(
            "INSERT INTO expenses (id, date, amount_minor, currency, description, category,"
            " category_source, note, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (f"01KAAAAAAA{n:016d}", "2026-11-02", 420, "USD", f"CAFÉ NUMBER {n}", "coffee",
                 "default", "with Bob" if n % 3 == 0 else "", "2026-11-02T09:00:00+00:00",
                 "2026-11-02T09:00:00+00:00")
                for n in range(rows)
            ],
        )  # fmt: skip


def test_a_slow_upgrade_says_what_it_does_and_how_far_it_got(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "sbp.db"
    older_store(path, monkeypatch, 30_000)
    monkeypatch.setattr(slow, "SLOW_SECONDS", 0.0)  # as if this machine took over a second
    told = Told()

    SqliteLedger(path, notices=told).close()

    folding = [p for w, p in told.lines if "folding every description and note" in w]
    assert folding, told.lines
    assert all(w.startswith("upgrading the store for this sbp, step ") for w, _ in told.lines)
    percents = [int(p.rstrip("%")) for p in folding]
    assert percents == sorted(percents) and percents[0] >= 0 and percents[-1] <= 100
    assert len(set(percents)) > 1
    assert told.cleared >= 1


def test_quick_work_on_opening_says_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "sbp.db"
    older_store(path, monkeypatch, 200)
    told = Told()

    SqliteLedger(path, notices=told).close()

    assert told.lines == []


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_sees_one_line_change_in_place_and_go() -> None:
    screen = Terminal()
    notices = StderrNotices(screen)

    notices.show("upgrading the store", "5%")
    notices.clear()

    assert screen.getvalue() == "\r\x1b[Ksbp: upgrading the store (5%)...\r\x1b[K"


def test_a_log_gets_one_plain_line_per_kind_of_work() -> None:
    log = io.StringIO()
    notices = StderrNotices(log)

    for percent in (5, 50, 95):
        notices.show("upgrading the store", f"{percent}%")
    notices.show("checking the whole store for damage")
    notices.clear()

    assert log.getvalue() == (
        "sbp: upgrading the store (5%)...\nsbp: checking the whole store for damage...\n"
    )
