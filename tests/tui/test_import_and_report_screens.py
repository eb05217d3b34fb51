"""Importing a bank file and writing a report from `sbp ui`."""

from __future__ import annotations

import gc
import os
import threading
import time
from contextlib import suppress
from pathlib import Path

import pytest
from screens import column, paste, text_of, toasts
from textual.pilot import Pilot
from textual.widgets import Input

from sbp.planner import Planner
from sbp.tui.app import SbpApp

BANK_FILE = Path(__file__).parent.parent / "fixtures" / "banks" / "card_debit_credit.csv"


def _count(planner: Planner) -> int:
    return len(planner.expense_page(limit=100_000).rows)


async def settled(pilot: Pilot[None]) -> None:
    """Once the screen's import (in a worker) is done and its result shown."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def preview_and_import(pilot: Pilot[None], path: Path) -> None:
    """Go to the import screen, preview the file, and confirm its import."""
    await pilot.press("i")
    await paste(pilot, "#import-path", str(path))
    await settled(pilot)
    await pilot.press("i", "y")
    await settled(pilot)


async def test_an_import_is_previewed_and_stored_only_after_confirming(planner: Planner) -> None:
    before = _count(planner)
    async with SbpApp(planner, poll_seconds=0).run_test(size=(100, 30)) as pilot:
        await pilot.press("i")
        await paste(pilot, "#import-path", str(BANK_FILE))
        await settled(pilot)
        assert set(column(pilot.app, "#import-rows", 1)) == {"new"}
        assert "6 new" in text_of(pilot.app, "#import-summary")
        assert _count(planner) == before
        await pilot.press("i", "y")
        await settled(pilot)
        assert "imported 6 expenses" in text_of(pilot.app, "#import-summary")
        assert column(pilot.app, "#import-rows", 1) == []  # no stale "new" rows left behind
    assert _count(planner) == before + 6


async def test_an_import_that_takes_a_budget_over_says_so_in_a_toast(planner: Planner) -> None:
    planner.set_budget("shopping", "40")  # Target: 64.10 less a 20.00 refund
    async with SbpApp(planner, poll_seconds=0).run_test(size=(100, 30)) as pilot:
        await preview_and_import(pilot, BANK_FILE)
        assert "Shopping is over budget: $44.10 of $40.00 in 2026-11 (110.2%)" in toasts(pilot.app)
    assert len(planner.notifications(unread_only=True)) == 3  # with coffee's 80% of the seed


async def test_importing_the_same_file_again_shows_duplicates(planner: Planner) -> None:
    with BANK_FILE.open("rb") as stream:
        planner.import_file(BANK_FILE.name, stream)
    async with SbpApp(planner, poll_seconds=0).run_test(size=(100, 30)) as pilot:
        await pilot.press("i")
        await paste(pilot, "#import-path", str(BANK_FILE))
        await settled(pilot)
        assert set(column(pilot.app, "#import-rows", 1)) == {"duplicate"}


async def test_a_missing_file_is_named_in_the_summary(planner: Planner, tmp_path: Path) -> None:
    async with SbpApp(planner, poll_seconds=0).run_test(size=(100, 30)) as pilot:
        await pilot.press("i")
        await paste(pilot, "#import-path", str(tmp_path / "nope.csv"))
        await settled(pilot)
        assert text_of(pilot.app, "#import-summary").startswith("cannot read")


def bank_rows(count: int, start: int = 0) -> str:
    return "".join(
        f"2026-10-{1 + n % 28:02d},Shop {n % 90},-{1 + n % 40}.25\n"
        for n in range(start, start + count)
    )


async def test_a_big_preview_shows_its_first_rows_and_counts_them_all(
    planner: Planner, tmp_path: Path
) -> None:
    big = tmp_path / "big.csv"
    big.write_text("Date,Description,Amount\n" + bank_rows(12_345))
    async with SbpApp(planner, poll_seconds=0).run_test(size=(100, 30)) as pilot:
        await pilot.press("i")
        await paste(pilot, "#import-path", str(big))
        await settled(pilot)
        summary = text_of(pilot.app, "#import-summary")
        assert "12345 new" in summary
        assert "The table shows the first 500 of 12,345 rows." in summary
        assert column(pilot.app, "#import-rows", 0) == [str(line) for line in range(2, 502)]
        await pilot.press("i")
        await pilot.pause()
        assert "Import 12345 new expenses from big.csv?" in text_of(pilot.app, "#question")


async def test_the_screen_answers_while_an_import_runs_and_x_cancels_it(
    planner: Planner, tmp_path: Path
) -> None:
    pipe = tmp_path / "bank.csv"
    os.mkfifo(pipe)  # the test decides when the rest of the file arrives
    rest = threading.Event()

    def bank() -> None:
        with suppress(BrokenPipeError), pipe.open("w") as out:  # a cancelled import may leave
            out.write("Date,Description,Amount\n" + bank_rows(25_000))
            out.flush()
            rest.wait(timeout=60)
            out.write(bank_rows(10_000, start=25_000))

    writer = threading.Thread(target=bank)
    writer.start()
    before = _count(planner)
    try:
        async with SbpApp(planner, poll_seconds=0).run_test(size=(100, 30)) as pilot:
            await pilot.press("i")
            await paste(pilot, "#import-path", str(pipe))
            deadline = time.monotonic() + 30
            while "20,000 rows read" not in text_of(pilot.app, "#import-summary"):
                assert time.monotonic() < deadline, text_of(pilot.app, "#import-summary")
                await pilot.pause(0.05)  # the import waits for the file; the screen does not
            assert pilot.app.screen.query_one("#import-progress").display
            await pilot.press("o", "tab", *"joint")  # typing still works
            assert pilot.app.screen.query_one("#import-account", Input).value == "joint"
            await pilot.press("escape", "x")
            assert text_of(pilot.app, "#import-summary").startswith("cancelling")
            rest.set()
            await settled(pilot)
            assert text_of(pilot.app, "#import-summary") == "import cancelled: nothing was stored"
            assert not pilot.app.screen.query_one("#import-progress").display
    finally:
        rest.set()
        writer.join()
    assert _count(planner) == before


# the worker's connection is closed on its own thread: closing it from another is an error
@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
async def test_an_import_on_sqlite_is_written_from_the_workers_own_connection(
    sqlite_planner: Planner,
) -> None:
    before = _count(sqlite_planner)
    app = SbpApp(sqlite_planner, poll_seconds=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await preview_and_import(pilot, BANK_FILE)
        assert "imported 6 expenses" in text_of(pilot.app, "#import-summary")
        await pilot.press("d")
        await pilot.pause()
        assert "UBER" in " ".join(column(pilot.app, "#recent", 2)).upper()
    assert _count(sqlite_planner) == before + 6
    del app, pilot
    gc.collect()  # what the app and its workers held is let go of here, on this thread


async def test_a_report_shows_the_month_and_writes_a_pdf(planner: Planner, tmp_path: Path) -> None:
    target = tmp_path / "november.pdf"
    async with SbpApp(planner, poll_seconds=0).run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        assert text_of(pilot.app, "#report-status").startswith("November 2026")
        await paste(pilot, "#pdf", str(target))
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert text_of(pilot.app, "#report-status") == f"report written to {target}"
    assert target.read_bytes().startswith(b"%PDF")


async def test_a_bad_period_is_refused_with_the_reason(planner: Planner) -> None:
    async with SbpApp(planner, poll_seconds=0).run_test(size=(100, 30)) as pilot:
        await pilot.press("r", "p", *"2026-13", "enter")
        await pilot.pause()
        assert "2026-13" in text_of(pilot.app, "#report-status")
