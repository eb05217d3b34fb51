"""Import speed: a generated N-row bank CSV into an empty store, then the same file again.

Prints rows per second (categorization included) and peak memory for both runs; each import
runs in its own process so its peak memory is its own. Targets on a 2-core machine: 80,000
rows/s for the first import, 100,000 rows/s for the re-import, under 250 MB either way.

    python bench/bench_import.py            # 1,000,000 rows
    python bench/bench_import.py 200000     # a quicker look
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MERCHANTS = [
    "STARBUCKS STORE {n} SEATTLE WA", "WHOLE FOODS MARKET #{n}", "SHELL OIL {n}", "UBER TRIP {n}",
    "AMAZON MKTPLACE PMTS {n}", "TRADER JOE'S #{n}", "NETFLIX.COM", "CHIPOTLE {n}",
    "CVS PHARMACY #{n}", "TARGET {n}", "LOCAL SHOP {n}", "PAYROLL ACME CORP",
]  # fmt: skip


def generate(path: Path, rows: int) -> None:
    """A signed-amount CSV like a US checking export, written as a stream."""
    pick = random.Random(7)
    with path.open("w") as out:
        out.write("Posting Date,Description,Amount,Balance\n")
        for n in range(rows):
            month, day = 1 + n * 12 // rows, 1 + pick.randrange(28)
            merchant = pick.choice(MERCHANTS).format(n=pick.randrange(400))
            cents = pick.randrange(100, 20000)
            sign = "" if merchant.startswith("PAYROLL") else "-"
            amount = f"{sign}{cents // 100}.{cents % 100:02d}"
            out.write(f"{month:02d}/{day:02d}/2026,{merchant},{amount},0\n")


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
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "added": result.added,
                      "duplicates": result.duplicates, "peak_mb": peak_mb}))  # fmt: skip


def measure(db: Path, source: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(db), str(source)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return dict(json.loads(done.stdout))


def main(rows: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source, db = Path(folder) / "bank.csv", Path(folder) / "sbp.db"
        generate(source, rows)
        print(f"{rows:,} rows, {source.stat().st_size / 2**20:.0f} MB of CSV")
        for label in ("first import", "re-import"):
            got = measure(db, source)
            rate = rows / got["seconds"]
            print(
                f"{label:>13}: {got['seconds']:6.1f} s  {rate:9,.0f} rows/s  "
                f"peak {got['peak_mb']:5.0f} MB  ({got['added']:,.0f} new, "
                f"{got['duplicates']:,.0f} duplicates)"
            )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3])
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
