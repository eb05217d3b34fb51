"""`sbp` on a disk that is really full: every write fails with one line and changes nothing.

The store lives on an 8 MiB tmpfs, filled to its last few KiB by another file, in a mount
namespace of its own (`unshare --mount`), so nothing outlives the test. That needs root (or
CAP_SYS_ADMIN) and Linux; elsewhere the test skips, and `tests/store/test_full_disk.py` still
covers the same errors through SQLite's page limit.
"""

from __future__ import annotations

import json
from pathlib import Path

from mounts import needs_mounts, run_mounted

# Runs inside the new mount namespace (after mounts.SCENARIO_START): fill the disk, try
# every write, report as JSON.
# Fills the disk in blocks with `filler` (after mounts.SCENARIO_START); the handle, still open.
FILL = r"""
filler = disk / "filler"

def fill():
    handle = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(handle, b"\0" * 4096):
            pass
    except OSError:
        pass
    return handle
"""

SCENARIO = r"""
bank, more = sys.argv[2], sys.argv[3]

def dump():
    conn = sqlite3.connect(home / "sbp.db")
    try:
        return [line for line in conn.iterdump() if line.startswith("INSERT INTO")]
    finally:
        conn.close()

setup = [sbp("import", bank), sbp("budget", "set", "coffee", "60")]
before = dump()
handle = fill()
os.close(handle)
os.truncate(filler, max(0, filler.stat().st_size - 48 * 1024))  # room to open, not to write
tried = [
    sbp("add", "12.50", "coffee"),
    sbp("budget", "set", "tea", "10"),
    sbp("import", more),
    sbp("export", "-o", str(disk / "out.csv")),
]
reading = sbp("list", "--month", "2026-11")
filler.unlink()
print(json.dumps({"setup": setup, "tried": tried, "reading": reading, "same": dump() == before,
                  "left": sorted(p.name for p in disk.iterdir())}))
"""


def bank_csv(path: Path, rows: int, first: int = 0) -> Path:
    lines = ["Date,Description,Amount"]
    lines += [
        f"2026-11-{1 + n % 28:02d},GROCERY STORE {n},-{n % 90 + 1}.25"
        for n in range(first, first + rows)
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


@needs_mounts
def test_every_write_on_a_full_disk_fails_with_one_line_and_changes_nothing(
    tmp_path: Path,
) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    bank = bank_csv(tmp_path / "bank.csv", 3000)
    more = bank_csv(tmp_path / "more.csv", 3000, first=3000)

    done = run_mounted(FILL + SCENARIO, str(disk), str(bank), str(more))

    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert [run["code"] for run in report["setup"]] == [0, 0], report["setup"]
    codes = {" ".join(run["args"][:2]): run["code"] for run in report["tried"]}
    assert codes == {
        "add 12.50": 7,
        "budget set": 7,
        f"import {more}": 7,
        "export -o": 1,
    }, report["tried"]
    for run in report["tried"]:
        assert run["err"].count("\n") == 1, run
        assert run["err"].startswith("sbp: error: "), run
        assert "full" in run["err"] or "No space left" in run["err"], run
    assert report["reading"]["code"] == 0, report["reading"]
    assert report["same"] is True
    assert report["left"] == ["home"]  # no half-written export, no temporary file


# The disk filled to its last byte while no sbp ran: SQLite cannot even make the shared-memory
# file it needs to open the store, yet what is stored can still be read.
FULL_TO_THE_LAST_BYTE = r"""
bank = sys.argv[2]
setup = [sbp("import", bank)]
handle = fill()
try:
    while os.write(handle, b"\0"):
        pass
except OSError:
    pass
os.close(handle)
runs = {
    "list": sbp("list", "--month", "2026-11"),
    "status": sbp("status", "--month", "2026-11", "--json"),
    "export": sbp("export"),
    "add": sbp("add", "12.50", "coffee"),
    "export -o": sbp("export", "-o", str(disk / "out.csv")),
}
filler.unlink()
runs["after"] = sbp("list", "--month", "2026-11", "--json")
print(json.dumps({"setup": setup, "runs": runs, "left": sorted(p.name for p in disk.iterdir())}))
"""


@needs_mounts
def test_a_disk_full_to_the_last_byte_still_lets_every_reading_command_work(
    tmp_path: Path,
) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    bank = bank_csv(tmp_path / "bank.csv", 300)

    done = run_mounted(FILL + FULL_TO_THE_LAST_BYTE, str(disk), str(bank))

    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    runs = report["runs"]
    assert report["setup"][0]["code"] == 0
    for name in ("list", "status", "export"):
        assert (runs[name]["code"], runs[name]["err"]) == (0, ""), runs[name]
    assert len(runs["export"]["out"].splitlines()) == 301
    assert runs["add"]["code"] == 7
    assert runs["add"]["err"].startswith("sbp: error: the disk holding the store is full")
    assert runs["export -o"]["code"] == 1
    assert "No space left" in runs["export -o"]["err"]
    assert len(json.loads(runs["after"]["out"])) == 300  # nothing added, nothing lost
    assert report["left"] == ["home"]
