"""Dry-run memory: `sbp import --dry-run` (table and --json) against the import itself.

A dry run lists every row, but writes each one out as it is read rather than keeping it, so
its peak memory should stay at the import's, whatever the file's size. Each command runs in a
process of its own over a new store, output thrown away; the peak counts a second process
preparing the rows, as `bench_import.py` does. Prints medians of `--runs` rounds and the
ratio of each dry run's peak to the import's (target: 1.2 or less).

    python bench/bench_dry_run.py                    # 1,000,000 rows, 3 rounds
    python bench/bench_dry_run.py 200000 --runs 1    # a quicker look
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from resource import RUSAGE_CHILDREN, RUSAGE_SELF

sys.path.insert(0, str(Path(__file__).parent))
from bench_import import generate  # the same generated bank export

COMMANDS = {
    "import": ["import"],
    "dry run": ["import", "--dry-run"],
    "dry run --json": ["import", "--dry-run", "--json"],
}


def child(home: str, *args: str) -> None:
    """Run one `sbp` command in this process, its output thrown away; print its peak (MB)."""
    os.environ["SBP_HOME"] = home
    from sbp.cli import main

    with open(os.devnull, "w") as nowhere:
        saved, sys.stdout = sys.stdout, nowhere
        try:
            code = main(list(args))
        finally:
            sys.stdout = saved
    peak_kb = sum(resource.getrusage(who).ru_maxrss for who in (RUSAGE_SELF, RUSAGE_CHILDREN))
    print(json.dumps({"code": code, "peak_mb": peak_kb / 1024}))


def measure(folder: Path, args: list[str], source: Path) -> float:
    home = tempfile.mkdtemp(dir=folder)  # a new store each time
    Path(home, "config.toml").write_text('base_currency = "USD"\n')
    done = subprocess.run(
        [sys.executable, __file__, "--child", home, *args, str(source)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    got = json.loads(done.stdout)
    if got["code"] != 0:
        raise SystemExit(f"sbp {' '.join(args)} exited {got['code']}: {done.stderr}")
    return float(got["peak_mb"])


def main(rows: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "bank.csv"
        generate(source, rows)
        print(f"{rows:,} rows, {source.stat().st_size / 2**20:.0f} MB of CSV; medians of {runs}")
        peaks = {
            label: statistics.median(measure(Path(folder), args, source) for _ in range(runs))
            for label, args in COMMANDS.items()
        }
        floor = peaks["import"]
        for label, peak in peaks.items():
            print(f"{label:>15}: peak {peak:6.0f} MB  ({peak / floor:.2f}x the import's)")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], *sys.argv[3:])
    else:
        parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
        parser.add_argument("rows", nargs="?", type=int, default=1_000_000)
        parser.add_argument("--runs", type=int, default=3)
        arguments = parser.parse_args()
        main(arguments.rows, arguments.runs)
