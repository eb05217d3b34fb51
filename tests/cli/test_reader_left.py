"""A reader that leaves early (`sbp list | head`) is not an error: sbp stops quietly and exits
141, the shell's code for a program stopped by SIGPIPE, and an import it stops claims nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sbp_process import Sbp


def bank_file(path: Path, rows: int, day: int = 1) -> Path:
    lines = [f"2026-10-{day + n % 20:02d},Shop {n % 90},-{1 + n % 40}.25" for n in range(rows)]
    path.write_text("Date,Description,Amount\n" + "\n".join(lines) + "\n")
    return path


def read_one_line_then_leave(sbp: Sbp, *args: str) -> tuple[bytes, int, bytes]:
    """Run sbp, read its first line as `head -1` would, close the pipe; (line, code, stderr)."""
    command = [sys.executable, "-m", "sbp", *args]
    with subprocess.Popen(
        command, env=sbp.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as run:
        assert run.stdout is not None and run.stderr is not None
        first = run.stdout.readline()
        run.stdout.close()
        err = run.stderr.read()
        return first, run.wait(timeout=120), err


def test_a_dry_run_read_by_head_stops_quietly_with_141(sbp: Sbp, tmp_path: Path) -> None:
    big = bank_file(tmp_path / "big.csv", 25_000)

    first, code, err = read_one_line_then_leave(sbp, "import", "--dry-run", str(big))

    assert first.split()[0] == b"LINE"
    assert (code, err) == (141, b"")
    assert sbp.json("list", "--from", "2000-01-01") == []


def test_a_listing_read_by_head_stops_quietly_with_141(sbp: Sbp, tmp_path: Path) -> None:
    sbp.ok("import", str(bank_file(tmp_path / "bank.csv", 4_000)))

    first, code, err = read_one_line_then_leave(sbp, "list", "--from", "2000-01-01")

    assert first.split()[0] == b"ID"
    assert (code, err) == (141, b"")


def test_an_import_whose_reader_left_does_not_claim_success(sbp: Sbp, tmp_path: Path) -> None:
    first = bank_file(tmp_path / "first.csv", 3_000, day=1)
    second = bank_file(tmp_path / "second.csv", 3_000, day=2)
    command = [sys.executable, "-m", "sbp", "import", str(first), str(second)]
    with subprocess.Popen(
        command, env=sbp.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as run:
        assert run.stdout is not None and run.stderr is not None
        run.stdout.close()  # the reader is gone before sbp says anything
        err = run.stderr.read()
        code = run.wait(timeout=120)

    assert code == 141  # not 0: the person was not told everything went well
    assert b"Traceback" not in err and b"error" not in err  # only what was guessed
    stored = len(sbp.json("list", "--from", "2000-01-01"))
    assert stored in (0, 3_000, 6_000)  # each file whole or not at all


def test_json_and_a_pdf_read_by_head_stop_quietly_with_141(sbp: Sbp, tmp_path: Path) -> None:
    # Each is far more than a pipe holds, and was written in one piece: the reader left after
    # the first part, which Python reported as a success, so sbp exited 0.
    sbp.ok("import", str(bank_file(tmp_path / "bank.csv", 4_000)))

    for args in (
        ("list", "--from", "2000-01-01", "--json"),
        ("report", "--month", "2026-10", "-o", "-"),
    ):
        first, code, err = read_one_line_then_leave(sbp, *args)

        assert first, args
        assert (code, err) == (141, b""), args
