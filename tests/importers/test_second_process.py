"""A big file's rows are prepared in a second process (Linux): the store must end up exactly as
when they are prepared in place, and every way that process can fail must leave it untouched."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bank_files import PinnedClock

from sbp.core.errors import InvalidInput, SbpError
from sbp.core.importers import prepare, run
from sbp.core.model import ExpenseQuery
from sbp.planner import Planner, import_worker
from sbp.store.sqlite import SqliteLedger

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the second process is Linux's")


def bank_file(path: Path, rows: int, tail: bytes = b"") -> Path:
    """Rows over a few days with many identical ones (which must stay apart), two bad rows."""
    lines = ["Date,Description,Amount"]
    for n in range(rows):
        lines.append(f"2026-10-{1 + n % 9:02d},{'Coffee' if n % 3 else f'Shop {n % 50}'},-3.50")
    lines[40] = "2026-10-40,Broken date,-1.00"
    lines[90] = "2026-10-02,Broken amount,abc"
    path.write_bytes("\n".join(lines).encode() + b"\n" + tail)
    return path


def stored(planner: Planner) -> list[tuple[Any, ...]]:
    """What the store holds, without the ids and times that differ between two imports."""
    expenses = planner.ledger.query(ExpenseQuery(newest_first=False))
    return sorted(
        (e.date, e.amount, e.description, e.category, e.import_fingerprint) for e in expenses
    )


def open_planner(folder: Path) -> Planner:
    folder.mkdir(exist_ok=True)
    return Planner(SqliteLedger(folder / "sbp.db"), PinnedClock(), base_currency="USD")


@pytest.fixture
def always_second(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Every import of a real file goes through the second process; records each decision."""
    decisions: list[bool] = []
    decide = import_worker.worth_a_second_process

    def forced(stream: Any) -> bool:
        monkeypatch.setattr(import_worker, "MIN_BYTES", 0)
        decisions.append(decide(stream))
        return decisions[-1]

    monkeypatch.setattr(import_worker, "worth_a_second_process", forced)
    monkeypatch.setattr(run, "CHUNK", 100)  # many chunks through the pipe
    return decisions


def test_a_file_prepared_in_a_second_process_is_stored_as_one_prepared_in_place(
    tmp_path: Path, always_second: list[bool]
) -> None:
    source = bank_file(tmp_path / "bank.csv", 1000)
    in_place = open_planner(tmp_path / "a")
    # a stream held in memory has no file behind it: prepared in place
    first = in_place.import_file("bank.csv", io.BytesIO(source.read_bytes()), skip_invalid=True)
    second_planner = open_planner(tmp_path / "b")
    with source.open("rb") as stream:
        second = second_planner.import_file("bank.csv", stream, skip_invalid=True)

    assert always_second == [False, True]
    assert (second.added, second.duplicates) == (first.added, first.duplicates) == (998, 0)
    assert [(bad.line, bad.reason) for bad in second.invalid] == [
        (bad.line, bad.reason) for bad in first.invalid
    ]
    assert [bad.line for bad in second.invalid] == [41, 91]
    assert stored(second_planner) == stored(in_place)
    with source.open("rb") as stream:
        again = second_planner.import_file("bank.csv", stream, skip_invalid=True)
    assert (again.added, again.duplicates) == (0, 998)


def test_an_error_in_the_second_process_reaches_the_person_whole(
    tmp_path: Path, always_second: list[bool]
) -> None:
    tail = "2026-10-03,Caf\xe9,-3.00\n".encode("cp1252")
    source = bank_file(tmp_path / "bank.csv", 20_000, tail)  # past what detection reads
    planner = open_planner(tmp_path)
    with source.open("rb") as stream, pytest.raises(InvalidInput, match="stops being UTF-8") as e:
        planner.import_file("bank.csv", stream, skip_invalid=True)

    assert always_second == [True]
    assert "encoding=cp1252" in (e.value.hint or "")
    assert stored(planner) == []
    assert_no_child_left()


def test_a_second_process_that_dies_leaves_the_store_untouched(
    tmp_path: Path, always_second: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    planner = open_planner(tmp_path)
    planner.add_expense("3.00", "coffee before")
    before = stored(planner)
    chunks = prepare.ChunkMaker.chunks

    def dies_after_one(self: prepare.ChunkMaker, rows: Any) -> Iterator[prepare.Chunk]:
        iterator = chunks(self, rows)
        yield next(iterator)
        os._exit(9)  # as if killed: no message, no clean-up

    monkeypatch.setattr(prepare.ChunkMaker, "chunks", dies_after_one)
    source = bank_file(tmp_path / "bank.csv", 1000)
    with source.open("rb") as stream, pytest.raises(SbpError, match="stopped before the end"):
        planner.import_file("bank.csv", stream, skip_invalid=True)

    assert stored(planner) == before
    assert planner.import_batches() == []
    assert_no_child_left()


def test_an_error_while_storing_stops_the_second_process(
    tmp_path: Path, always_second: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    planner = open_planner(tmp_path)
    add_many = planner.ledger.add_many
    calls: list[int] = []

    def fails_second_time(expenses: Any) -> None:
        calls.append(len(expenses))
        if len(calls) == 2:
            raise OSError("disk full")
        add_many(expenses)

    monkeypatch.setattr(planner.ledger, "add_many", fails_second_time)
    source = bank_file(tmp_path / "bank.csv", 5000)
    with source.open("rb") as stream, pytest.raises(OSError, match="disk full"):
        planner.import_file("bank.csv", stream, skip_invalid=True)

    assert len(calls) == 2
    assert stored(planner) == []
    assert_no_child_left()


def assert_no_child_left() -> None:
    """The second process was waited for: none is left running or unreaped."""
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_no_second_process_while_another_thread_runs(tmp_path: Path) -> None:
    import threading

    source = bank_file(tmp_path / "bank.csv", 100_000)
    assert source.stat().st_size >= import_worker.MIN_BYTES
    with source.open("rb") as stream:
        assert import_worker.worth_a_second_process(stream)
        stop = threading.Event()
        other = threading.Thread(target=stop.wait)
        other.start()
        try:
            assert not import_worker.worth_a_second_process(stream)  # forking it is unsafe
        finally:
            stop.set()
            other.join()


def test_an_import_puts_the_cycle_collector_back_as_it_was(tmp_path: Path) -> None:
    import gc

    before = gc.get_threshold()
    planner = open_planner(tmp_path)
    source = bank_file(tmp_path / "bank.csv", 1000)
    with source.open("rb") as stream:
        refused = planner.import_file("bank.csv", stream)  # two bad rows: nothing is stored

    assert refused.invalid and not refused.stored
    assert gc.get_threshold() == before
