"""An import killed mid-way (SIGKILL: no clean-up runs) leaves the store exactly as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sbp_process import Sbp

ROWS = 300_000


def big_file(path: Path) -> Path:
    with path.open("w") as out:
        out.write("Date,Description,Amount\n")
        for n in range(ROWS):
            day = f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}"
            out.write(f"{day},Shop {n % 5000},-{1 + n % 97}.{n % 100:02d}\n")
    return path


def importing(sbp: Sbp, source: Path) -> subprocess.Popen[bytes]:
    """`sbp import source` in a process group of its own, once it is writing rows."""
    wal = sbp.home / "sbp.db-wal"
    start = wal.stat().st_size if wal.exists() else 0
    process = subprocess.Popen(
        [sys.executable, "-m", "sbp", "import", str(source)],
        env=sbp.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # as a terminal starts a command
    )
    # rows are being written (uncommitted pages spill into the WAL) long before the commit
    while process.poll() is None and (wal.stat().st_size if wal.exists() else 0) < start + 2**20:
        os.sched_yield()
    return process


@pytest.mark.slow
def test_an_import_killed_mid_way_leaves_the_store_as_it_was(sbp: Sbp, tmp_path: Path) -> None:
    sbp.ok("add", "3.00", "coffee before the import")
    before = sbp.snapshot()

    process = importing(sbp, big_file(tmp_path / "big.csv"))
    process.send_signal(signal.SIGKILL)  # no clean-up of any kind runs
    process.communicate(timeout=60)

    assert process.returncode == -signal.SIGKILL, "the import finished before it was killed"
    assert sbp.snapshot() == before
    assert sbp.json("import", "list") == []
    small = tmp_path / "small.csv"
    small.write_text("Date,Description,Amount\n2026-11-02,Tea,-2.00\n")
    assert "1 new" in sbp.ok("import", str(small)).out


@pytest.mark.slow
def test_ctrl_c_stops_both_processes_of_an_import_and_stores_nothing(
    sbp: Sbp, tmp_path: Path
) -> None:
    before = sbp.snapshot()

    process = importing(sbp, big_file(tmp_path / "big.csv"))
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C does: every process of the group
    _, err = process.communicate(timeout=60)

    assert process.returncode == 130, "the import finished before Ctrl-C"
    assert err.decode().strip().endswith("sbp: interrupted")
    with pytest.raises(ProcessLookupError):  # the second process is gone too
        os.killpg(process.pid, 0)
    assert sbp.snapshot() == before
