"""A refused import changes nothing: an unreadable file among several stops the command before
any is imported, and a file that stored nothing saves no profile either (found by the fuzz
test, tests/cli/test_cli_fuzz.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sbp_process import Sbp


def bank(path: Path, bad: bool = False) -> Path:
    rows = "2026-11-04,-3.20,Blue Bottle\n" + ("2026-11-05,x,broken\n" if bad else "")
    path.write_text("Date,Amount,Description\n" + rows)
    return path


@pytest.mark.parametrize("unreadable", ["missing.csv", "a-folder"])
def test_an_unreadable_file_among_several_stops_before_any_is_imported(
    sbp: Sbp, tmp_path: Path, unreadable: str
) -> None:
    (tmp_path / "a-folder").mkdir()
    good = bank(tmp_path / "good.csv")

    run = sbp("import", str(good), str(tmp_path / unreadable))

    assert run.code == 1
    assert run.err.startswith(f"sbp: error: cannot read {tmp_path / unreadable}: ")
    assert sbp.snapshot() == []


def test_a_file_that_stored_nothing_saves_no_profile(sbp: Sbp, tmp_path: Path) -> None:
    broken = bank(tmp_path / "broken.csv", bad=True)

    refused = sbp("import", str(broken), "--save-profile", "mybank")
    dry = sbp("import", str(broken), "--dry-run", "--save-profile", "mybank")

    assert refused.code == dry.code == 1  # bad rows: exit 1, dry run or not
    assert "layout not saved: nothing was stored" in refused.err + dry.err
    assert "saved the layout" not in refused.out + dry.out
    assert sbp.snapshot() == []
    assert sbp("import", str(bank(tmp_path / "ok.csv")), "--profile", "mybank").code == 3
