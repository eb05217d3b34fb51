"""What changes when a person sits at a terminal: colour (unless NO_COLOR), and questions."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sbp_process import Sbp

pty = pytest.importorskip("pty")


def on_a_terminal(sbp: Sbp, *args: str, no_color: bool = False) -> str:
    """What `sbp args` prints when its stdout is a terminal."""
    leader, follower = pty.openpty()
    env = {**sbp.env, "NO_COLOR": "1"} if no_color else sbp.env
    try:
        subprocess.run(
            [sys.executable, "-m", "sbp", *args],
            env=env,
            stdout=follower,
            stderr=subprocess.PIPE,
            check=True,
            timeout=60,
        )
        os.close(follower)
        return everything_drawn(leader)
    finally:
        os.close(leader)


def everything_drawn(leader: int) -> str:
    """What was written to a terminal, read until the program closes it."""
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: everything was read
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode()


@pytest.fixture
def over_budget(sbp: Sbp) -> Sbp:
    sbp.ok("budget", "set", "coffee", "10")
    sbp.ok("add", "12", "coffee")
    return sbp


def test_status_on_a_terminal_draws_a_coloured_bar(over_budget: Sbp) -> None:
    shown = on_a_terminal(over_budget, "status")

    assert "\x1b[31m" + "█" * 20 in shown  # red: over budget


def test_no_color_keeps_the_terminal_plain(over_budget: Sbp) -> None:
    shown = on_a_terminal(over_budget, "status", no_color=True)

    assert "\x1b[" not in shown
    assert "[####################]" in shown


def test_a_pipe_gets_plain_text(over_budget: Sbp) -> None:
    assert "\x1b[" not in over_budget.ok("status").out


def answering(sbp: Sbp, answer: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `sbp args` with a terminal for input, typing `answer` at the prompt."""
    leader, follower = pty.openpty()
    try:
        os.write(leader, answer.encode() + b"\n")
        return subprocess.run(
            [sys.executable, "-m", "sbp", *args],
            env=sbp.env,
            stdin=follower,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        os.close(follower)
        os.close(leader)


def test_rm_asks_at_a_terminal_and_removes_only_on_yes(sbp: Sbp) -> None:
    expense_id = sbp.add("12.50", "coffee")

    kept = answering(sbp, "n", "rm", expense_id)
    assert kept.stdout.endswith("? [y/N] nothing removed\n")
    assert len(sbp.json("list")) == 1

    removed = answering(sbp, "y", "rm", expense_id)
    assert f"removed {expense_id[-6:]} 12.50 USD 'coffee'" in removed.stdout
    assert sbp.json("list") == []


def test_rm_answered_with_end_of_input_removes_nothing_on_a_line_of_its_own(sbp: Sbp) -> None:
    expense_id = sbp.add("12.50", "coffee")

    kept = answering(sbp, "\x04", "rm", expense_id)

    assert kept.stdout.endswith("? [y/N] \nnothing removed\n")
    assert len(sbp.json("list")) == 1


def test_ctrl_c_at_the_prompt_says_interrupted_and_exits_130(sbp: Sbp) -> None:
    expense_id = sbp.add("12.50", "coffee")
    # the person presses ctrl-c at the question (a real SIGINT could land before the read starts)
    program = (
        "import builtins, sys\n"
        "def ctrl_c(prompt):\n"
        "    print(prompt, end='', flush=True)\n"
        "    raise KeyboardInterrupt\n"
        "builtins.input = ctrl_c\n"
        "from sbp.cli import main\n"
        "sys.exit(main())\n"
    )
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-c", program, "rm", expense_id],
            env=sbp.env,
            stdin=follower,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        os.close(follower)
        os.close(leader)

    assert (done.returncode, done.stderr) == (130, "\nsbp: interrupted\n")
    assert done.stdout.endswith("? [y/N] ")
    assert len(sbp.json("list")) == 1


def import_on_a_terminal(sbp: Sbp, source: Path, from_stdin: bool) -> tuple[int, str, str]:
    """Import `source` (named, or on standard input) with stderr on a terminal: the exit code,
    what was drawn on the terminal and what was printed on stdout."""
    leader, follower = pty.openpty()
    try:
        with source.open("rb") as data:
            done = subprocess.Popen(
                [sys.executable, "-m", "sbp", "import", "-" if from_stdin else str(source)],
                env={**sbp.env, "COLUMNS": "300"},  # wide enough for the whole line
                stdin=data if from_stdin else subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=follower,
                text=True,
            )
            os.close(follower)
            drawn = everything_drawn(leader)
            out = done.communicate(timeout=120)[0]
    finally:
        os.close(leader)
    return done.returncode, drawn, out


@pytest.mark.parametrize("from_stdin", [False, True], ids=["file", "stdin"])
def test_a_big_import_shows_its_progress_on_a_terminal(
    sbp: Sbp, tmp_path: Path, from_stdin: bool
) -> None:
    rows = 40_000  # over a megabyte: a progress bar, and the rows prepared in a second process
    source = tmp_path / "big.csv"
    lines = (f"2026-10-{1 + n % 28:02d},Shop {n % 900},-{1 + n % 50}.25" for n in range(rows))
    source.write_text("Date,Description,Amount\n" + "\n".join(lines) + "\n")

    code, drawn, out = import_on_a_terminal(sbp, source, from_stdin)

    label = "<stdin>" if from_stdin else str(source)
    assert code == 0
    assert f"importing {label}: 10,000 rows read" in drawn
    assert f"{rows} new" in out
    assert [batch["new"] for batch in sbp.json("import", "list")] == [rows]


def test_a_small_file_imports_without_a_progress_bar(sbp: Sbp, tmp_path: Path) -> None:
    source = tmp_path / "small.csv"
    source.write_text("Date,Description,Amount\n2026-10-02,Tea,-2.00\n")

    code, drawn, out = import_on_a_terminal(sbp, source, from_stdin=False)

    assert code == 0 and "1 new" in out
    assert "importing" not in drawn
