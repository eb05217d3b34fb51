"""`sbp undo` takes back this terminal's last change; one that no longer applies is skipped
with a line saying so, and never blocks the changes before it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sbp_process import Run, Sbp


def in_terminal(sbp: Sbp, *commands: str) -> Run:
    """`sbp` commands typed one after another in a terminal of their own: a shell in a new
    session, as a terminal window's shell is."""
    script = " && ".join(f"{sys.executable} -m sbp {command}" for command in commands)
    done = subprocess.run(
        ["sh", "-c", script],
        env=sbp.env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        timeout=60,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def test_after_import_undo_an_edit_of_the_batch_is_skipped_not_a_jam(
    sbp: Sbp, tmp_path: Path
) -> None:
    bank = tmp_path / "bank.csv"
    bank.write_text("Date,Description,Amount\n2026-11-02,CORNER BAKERY,-4.10\n")
    sbp.ok("budget", "set", "coffee", "60")
    sbp.ok("import", str(bank))
    [imported] = sbp.json("list", "--month", "2026-11")
    sbp.ok("edit", imported["id"], "--amount", "5")
    [batch] = sbp.json("import", "list")
    sbp.ok("import", "undo", batch["batch"])

    run = sbp("undo")

    assert run.code == 0, run.err
    assert run.lines == [
        f"skipped: edited $5.00 'CORNER BAKERY' ({imported['category']}, {imported['id'][-6:]})"
        " (that expense no longer exists)",
        "undid: set the coffee every-month budget to $60.00",
    ]
    assert sbp.json("budget", "list") == []
    assert sbp("undo").code == 6


def test_each_terminal_undoes_its_own_changes_only(sbp: Sbp) -> None:
    first = in_terminal(sbp, "add 4.20 'tea in the first terminal'")
    second = in_terminal(sbp, "add 3.10 'tea in the second terminal'", "undo")

    assert (first.code, second.code) == (0, 0), second.err
    assert second.lines[-1].startswith("undid: added $3.10 'tea in the second terminal'")
    here = sbp("undo")  # this test's own terminal made no change
    assert (here.code, here.err) == (6, "sbp: error: nothing to undo\n")
    assert [e["description"] for e in sbp.json("list")] == ["tea in the first terminal"]
