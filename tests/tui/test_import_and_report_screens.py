"""Importing a bank file and writing a report from `sbp ui`."""

from __future__ import annotations

from pathlib import Path

from screens import column, paste, text_of, toasts

from sbp.planner import Planner
from sbp.tui.app import SbpApp

BANK_FILE = Path(__file__).parent.parent / "fixtures" / "banks" / "card_debit_credit.csv"


def _count(planner: Planner) -> int:
    return len(planner.expense_page(limit=1000).rows)


async def test_an_import_is_previewed_and_stored_only_after_confirming(planner: Planner) -> None:
    before = _count(planner)
    async with SbpApp(planner, poll_seconds=0).run_test(size=(100, 30)) as pilot:
        await pilot.press("i")
        await paste(pilot, "#import-path", str(BANK_FILE))
        await pilot.pause()
        assert set(column(pilot.app, "#import-rows", 1)) == {"new"}
        assert "6 new" in text_of(pilot.app, "#import-summary")
        assert _count(planner) == before
        await pilot.press("i", "y")
        await pilot.pause()
        assert "imported 6 expenses" in text_of(pilot.app, "#import-summary")
        assert column(pilot.app, "#import-rows", 1) == []  # no stale "new" rows left behind
    assert _count(planner) == before + 6


async def test_an_import_that_takes_a_budget_over_says_so_in_a_toast(planner: Planner) -> None:
    planner.set_budget("shopping", "40")  # Target: 64.10 less a 20.00 refund
    async with SbpApp(planner, poll_seconds=0).run_test(size=(100, 30)) as pilot:
        await pilot.press("i")
        await paste(pilot, "#import-path", str(BANK_FILE))
        await pilot.pause()
        await pilot.press("i", "y")
        await pilot.pause()
        assert "Shopping is over budget: $44.10 of $40.00 in 2026-11 (110.2%)" in toasts(pilot.app)
    assert len(planner.notifications(unread_only=True)) == 3  # with coffee's 80% of the seed


async def test_importing_the_same_file_again_shows_duplicates(planner: Planner) -> None:
    with BANK_FILE.open("rb") as stream:
        planner.import_file(BANK_FILE.name, stream)
    async with SbpApp(planner, poll_seconds=0).run_test(size=(100, 30)) as pilot:
        await pilot.press("i")
        await paste(pilot, "#import-path", str(BANK_FILE))
        await pilot.pause()
        assert set(column(pilot.app, "#import-rows", 1)) == {"duplicate"}


async def test_a_missing_file_is_named_in_the_summary(planner: Planner, tmp_path: Path) -> None:
    async with SbpApp(planner, poll_seconds=0).run_test(size=(100, 30)) as pilot:
        await pilot.press("i")
        await paste(pilot, "#import-path", str(tmp_path / "nope.csv"))
        await pilot.pause()
        assert text_of(pilot.app, "#import-summary").startswith("cannot read")


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
