"""A store on a disk mounted read-only: every reading command works, every write is refused
with one line (exit 7). The disk is a tmpfs remounted read-only in a mount namespace of the
test's own (see mounts.py); root can write through file permissions, so they would prove
nothing here."""

from __future__ import annotations

import json
from pathlib import Path

from mounts import needs_mounts, run_mounted

SCENARIO = r"""
setup = [sbp("add", "12.50", "coffee", "--date", "2026-11-20"),
         sbp("budget", "set", "coffee", "60")]
subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
reads = [sbp("list", "--month", "2026-11"), sbp("status", "--month", "2026-11"), sbp("export"),
         sbp("budget", "list"), sbp("notifications"), sbp("show", setup[0]["out"].split()[1])]
writes = [sbp("add", "3", "tea"), sbp("budget", "set", "tea", "10"), sbp("undo")]
print(json.dumps({"setup": setup, "reads": reads, "writes": writes}))
"""


@needs_mounts
def test_a_read_only_store_reads_and_refuses_writes_in_one_line(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()

    done = run_mounted(SCENARIO, str(disk))

    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert [run["code"] for run in report["setup"]] == [0, 0], report["setup"]
    for run in report["reads"]:
        assert (run["code"], run["err"]) == (0, ""), run
    assert "coffee" in report["reads"][0]["out"]
    assert "12.50" in report["reads"][2]["out"]
    for run in report["writes"]:
        assert run["code"] == 7, run
        assert run["err"].count("\n") == 1, run
        assert run["err"].startswith("sbp: error: the store at "), run
        assert "is read-only" in run["err"], run
