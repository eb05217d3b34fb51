"""Import speed: a generated N-row bank CSV into an empty store, then the same file again.

Prints rows per second (categorization included) and peak memory for both, as medians over
`--runs` rounds, each import in a process of its own; a big import prepares its rows in a second
process, and the peak counts both processes' peaks as if they were reached at once. Targets on a
2-core machine: 80,000 rows/s for the first import, 100,000 rows/s for the re-import, under 250 MB
either way. Machines differ: where `ledger` is installed, the same transactions are also loaded
by it as a journal, and the first import is printed as a ratio to that load time (the issue puts
ledger at about 13 s for 1,000,000 transactions, where 80,000 rows/s would be 12.5 s: 0.96x).

    python bench/bench_import.py                     # 1,000,000 rows, 3 rounds
    python bench/bench_import.py 200000 --runs 1     # a quicker look
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from resource import RUSAGE_CHILDREN, RUSAGE_SELF

MERCHANTS = [
    "STARBUCKS STORE {n} SEATTLE WA", "WHOLE FOODS MARKET #{n}", "SHELL OIL {n}", "UBER TRIP {n}",
    "AMAZON MKTPLACE PMTS {n}", "TRADER JOE'S #{n}", "NETFLIX.COM", "CHIPOTLE {n}",
    "CVS PHARMACY #{n}", "TARGET {n}", "LOCAL SHOP {n}", "PAYROLL ACME CORP",
]  # fmt: skip


def transactions(rows: int) -> Iterator[tuple[int, int, str, int]]:
    """(month, day, merchant, cents) of a year of card spending and salary, the same each run."""
    pick = random.Random(7)
    for n in range(rows):
        month, day = 1 + n * 12 // rows, 1 + pick.randrange(28)
        merchant = pick.choice(MERCHANTS).format(n=pick.randrange(400))
        cents = pick.randrange(100, 20000)
        yield month, day, merchant, cents if merchant.startswith("PAYROLL") else -cents


def generate(path: Path, rows: int) -> None:
    """A signed-amount CSV like a US checking export, written as a stream."""
    with path.open("w") as out:
        out.write("Posting Date,Description,Amount,Balance\n")
        for month, day, merchant, cents in transactions(rows):
            sign = "-" if cents < 0 else ""
            amount = f"{sign}{abs(cents) // 100}.{abs(cents) % 100:02d}"
            out.write(f"{month:02d}/{day:02d}/2026,{merchant},{amount},0\n")


def generate_journal(path: Path, rows: int) -> None:
    """The same transactions as a ledger journal, for the yardstick."""
    with path.open("w") as out:
        for month, day, merchant, cents in transactions(rows):
            spent = -cents  # what the expense account receives
            amount = f"{'-' if spent < 0 else ''}{abs(spent) // 100}.{abs(spent) % 100:02d}"
            out.write(
                f"2026-{month:02d}-{day:02d} {merchant}\n    Expenses:Bank  {amount} USD\n"
                "    Assets:Checking\n\n"
            )


def child(db: str, source: str) -> None:
    """Run one import in this process; print its seconds, counts and peak memory as JSON."""
    from datetime import UTC, date, datetime

    from sbp.planner import Planner
    from sbp.store.sqlite import SqliteLedger

    class Clock:
        def now(self) -> datetime:
            return datetime.now(UTC)

        def today(self) -> date:
            return date.today()

    planner = Planner(SqliteLedger(Path(db)), Clock(), "USD")
    started = time.perf_counter()
    with open(source, "rb") as stream:
        result = planner.import_file(source, stream)
    seconds = time.perf_counter() - started
    # a big import prepares its rows in a second process: both peaks count, as if at once
    peak_kb = sum(resource.getrusage(who).ru_maxrss for who in (RUSAGE_SELF, RUSAGE_CHILDREN))
    peak_mb = peak_kb / 1024
    print(json.dumps({"seconds": seconds, "added": result.added,
                      "duplicates": result.duplicates, "peak_mb": peak_mb}))  # fmt: skip


def measure(db: Path, source: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(db), str(source)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return dict(json.loads(done.stdout))


def ledger_seconds(folder: Path, rows: int, runs: int) -> float | None:
    """The median time `ledger` takes to load the same transactions and print a balance."""
    if shutil.which("ledger") is None:
        return None
    journal = folder / "bank.journal"
    generate_journal(journal, rows)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(["ledger", "-f", str(journal), "balance"], check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(rows: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "bank.csv"
        generate(source, rows)
        print(
            f"{rows:,} rows, {source.stat().st_size / 2**20:.0f} MB of CSV; medians of {runs} runs"
        )
        results: dict[str, list[dict[str, float]]] = {"first import": [], "re-import": []}
        for run in range(runs):
            db = Path(folder) / f"sbp{run}.db"  # a new store each round
            for kept in results.values():  # the first import, then the same file again
                kept.append(measure(db, source))
        reference = ledger_seconds(Path(folder), rows, runs)
        for label, kept in results.items():
            seconds = statistics.median(got["seconds"] for got in kept)
            peak = max(got["peak_mb"] for got in kept)
            last = kept[-1]
            print(
                f"{label:>13}: {seconds:6.1f} s  {rows / seconds:9,.0f} rows/s  "
                f"peak {peak:5.0f} MB  ({last['added']:,.0f} new, "
                f"{last['duplicates']:,.0f} duplicates)"
            )
        if reference is None:
            print("(install ledger to compare with its load time on this machine)")
            return
        first = statistics.median(got["seconds"] for got in results["first import"])
        print(
            f"       ledger: {reference:6.1f} s  to load the same transactions as a journal "
            f"(`ledger balance`)\n"
            f"first import / ledger load: {first / reference:.2f}x "
            "(the issue's 80,000 rows/s against its ~13 s ledger load: 0.96x)"
        )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3])
    else:
        parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
        parser.add_argument("rows", nargs="?", type=int, default=1_000_000)
        parser.add_argument("--runs", type=int, default=3)
        arguments = parser.parse_args()
        main(arguments.rows, arguments.runs)
