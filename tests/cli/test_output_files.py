"""Writing to `-o`: whole or not at all, through temporary files nobody can plant, into pipes and
devices as streams, links kept as links, leftovers of a killed run removed by the next one."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from inprocess import InProcess
from sbp_process import Sbp


@pytest.fixture
def filled(sbp: Sbp) -> Sbp:
    sbp.ok("add", "12.50", "coffee", "-d", "2026-11-02")
    sbp.ok("add", "40", "groceries", "-d", "2026-11-03")
    return sbp


def test_a_link_planted_at_the_temporary_name_is_never_followed(
    sbp_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(os, "getpid", lambda: 4242)  # the number a temporary name was made of
    for name in ("report.md", "export.csv"):
        for planted in (f".{name}.4242.part", f".{name}.4242", f".{name}.sbp-4242.part"):
            (out / planted).symlink_to(victim)
    sbp = InProcess(sbp_home)
    sbp.ok("add", "3", "coffee", "-d", "2026-11-02")

    sbp.ok("report", "--month", "2026-11", "--format", "md", "-o", str(out / "report.md"))
    sbp.ok("export", "-o", str(out / "export.csv"))

    assert victim.read_text() == "precious\n"
    assert "coffee" in (out / "export.csv").read_text()
    assert (out / "report.md").read_text().startswith("# Spending report")


def test_export_writes_through_a_link_and_the_link_stays(filled: Sbp, tmp_path: Path) -> None:
    real = tmp_path / "archive" / "all.csv"
    real.parent.mkdir()
    link = tmp_path / "latest.csv"
    link.symlink_to(real)

    filled.ok("export", "-o", str(link))

    assert link.is_symlink()
    assert "groceries" in real.read_text()


@pytest.mark.parametrize(
    "command", [["export"], ["report", "--month", "2026-11", "--format", "csv"]]
)
def test_a_named_pipe_is_written_as_a_stream_and_stays_a_pipe(
    filled: Sbp, tmp_path: Path, command: list[str]
) -> None:
    pipe = tmp_path / "out.pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()

    run = filled.ok(*command, "-o", str(pipe))
    reader.join(timeout=60)

    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert b"groceries" in received[0]
    assert run.out == ""


def character_device(path: Path, minor: int) -> Path:
    """A device node like /dev/null (minor 3) or /dev/full (minor 7), made in the test's folder
    (so a writer that replaced it would harm nothing); skips where nodes cannot be made."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except PermissionError:
        pytest.skip("making a device node needs CAP_MKNOD")
    return path


def test_a_character_device_is_written_as_a_stream_and_stays_one(
    filled: Sbp, tmp_path: Path
) -> None:
    null = character_device(tmp_path / "null", 3)
    full = character_device(tmp_path / "full", 7)

    quiet = filled("export", "-o", str(null))
    refused = filled("export", "-o", str(full))  # writes fail there: the bytes went in

    assert (quiet.code, quiet.out, quiet.err) == (0, "", "")
    assert refused.code == 1 and "No space left on device" in refused.err
    assert stat.S_ISCHR(null.lstat().st_mode) and stat.S_ISCHR(full.lstat().st_mode)


@pytest.mark.parametrize(
    ("command", "target", "reason"),
    [
        (["export"], ".", "it is a folder"),
        (["export"], "", "no file name given for the output"),
        (["export"], "/", "it is a folder"),
        (["export"], "{tmp}", "it is a folder"),
        (["export"], "{tmp}/missing/all.csv", "does not exist"),
        (["report"], "{tmp}/" + "r" * 300 + ".pdf", "File name too long"),
        (["export"], "{tmp}/" + "e" * 300 + ".csv", "File name too long"),
        (["report", "--format", "md"], "{tmp}", "it is a folder"),
    ],
)
def test_a_destination_that_cannot_be_written_is_one_line_and_exit_1(
    filled: Sbp, tmp_path: Path, command: list[str], target: str, reason: str
) -> None:
    before = sorted(os.listdir(tmp_path))
    run = filled(*command, "-o", target.format(tmp=tmp_path))

    assert run.code == 1
    assert run.err.count("\n") == 1 and reason in run.err
    assert "Traceback" not in run.err
    assert sorted(os.listdir(tmp_path)) == before


def part_files(folder: Path) -> list[str]:
    return [name for name in os.listdir(folder) if name.endswith(".part")]


def test_a_killed_export_leaves_a_temporary_file_the_next_one_removes(
    sbp: Sbp, tmp_path: Path
) -> None:
    rows = [
        f"2026-10-{1 + n % 28:02d},Shop {n % 500} number {n},-{1 + n % 90}.25"
        for n in range(60_000)
    ]
    bank = tmp_path / "bank.csv"
    bank.write_text("Date,Description,Amount\n" + "\n".join(rows) + "\n")
    sbp.ok("import", str(bank))
    out = tmp_path / "out"
    out.mkdir()
    target = out / "all.csv"

    export = [sys.executable, "-m", "sbp", "export", "-o", str(target)]
    with subprocess.Popen(export, env=sbp.env, stdout=subprocess.DEVNULL) as run:
        deadline = time.monotonic() + 60
        while not part_files(out) and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.0005)
        run.send_signal(signal.SIGKILL)  # no chance to clean up
    [left] = part_files(out)
    assert left.startswith(".all.csv.sbp-") and not target.exists()

    sbp.ok("export", "-o", str(target))

    assert part_files(out) == []
    assert target.read_text().count("\n") == 60_001


def test_a_temporary_file_of_a_running_export_is_left_alone(sbp: Sbp, tmp_path: Path) -> None:
    running = tmp_path / f".all.csv.sbp-{os.getpid()}-abcd1234.part"  # this test is running
    running.write_text("being written\n")
    stranger = tmp_path / ".notes.txt.part"  # not sbp's
    stranger.write_text("mine\n")

    sbp.ok("export", "-o", str(tmp_path / "all.csv"))

    assert running.exists() and stranger.exists()
