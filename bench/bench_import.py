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

The first import is also run with the categorizer sbp had before its merchant knowledge base,
bank codes and model (commit BASELINE, read with `git show`), in the same rounds, so the cost
of the richer categorizer is a ratio on one machine (issue 14: at most 10% more).
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

BASELINE = "569bec5"
"""The last commit whose categorizer had no merchant knowledge base, bank codes or model."""
_BASELINE_FILES = {
    "baseline_categorize": "sbp/core/categorize.py",
    "baseline_keywords": "sbp/core/keywords.py",
    "baseline_categories": "sbp/core/importers/categories.py",
}

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


def baseline_modules(folder: Path, commit: str) -> Path | None:
    """The categorizer of `commit` as modules in `folder` (its categorize module or package,
    keywords and import categories, renamed), or None without git."""
    root = Path(__file__).resolve().parent.parent
    package = subprocess.run(  # since the first merchant knowledge base: a package with data
        ["git", "archive", commit, "sbp/core/categorize"], cwd=root, capture_output=True
    )
    if not package.returncode:
        subprocess.run(["tar", "x", "-C", str(folder)], input=package.stdout, check=True)
        (folder / "sbp" / "core" / "categorize").rename(folder / "baseline_categorize")
        shutil.rmtree(folder / "sbp")  # else it would hide the real sbp from the child
    files = dict(_BASELINE_FILES)
    if not package.returncode:
        del files["baseline_categorize"]
    for module, path in files.items():
        shown = subprocess.run(
            ["git", "show", f"{commit}:{path}"], cwd=root, capture_output=True, text=True
        )
        if shown.returncode:
            return None
        (folder / f"{module}.py").write_text(shown.stdout)
    for source in folder.rglob("*.py"):
        text = source.read_text().replace("sbp.core.keywords", "baseline_keywords")
        source.write_text(text.replace("sbp.core.categorize", "baseline_categorize"))
    return folder


def use_baseline(folder: str) -> None:
    """Make this process's imports categorize with the baseline modules in `folder`."""
    sys.path.insert(0, folder)
    import baseline_categories  # type: ignore[import-not-found]
    import baseline_categorize  # type: ignore[import-not-found]

    from sbp.core.importers import run

    class Old(baseline_categories.ImportCategorizer):  # type: ignore[misc]
        """The older categorizer, taking (and ignoring) what today's callers also pass."""

        def __init__(self, categorizer: object, own_categories: bool = False) -> None:
            super().__init__(baseline_categorize.Categorizer())

        def choose(self, description, money_in, given="", line=None):  # type: ignore[no-untyped-def]
            return super().choose(description, money_in, given)

        def choose_all(self, descriptions, money_in, kinds=None, mccs=None, lines=None):  # type: ignore[no-untyped-def]
            return super().choose_all(descriptions, money_in)

    run.ImportCategorizer = Old  # type: ignore[assignment,misc]


def child(db: str, source: str, baseline: str = "") -> None:
    """Run one import in this process; print its seconds, counts and peak memory as JSON."""
    from datetime import UTC, date, datetime

    if baseline:
        use_baseline(baseline)

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


def measure(db: Path, source: Path, baseline: Path | None = None) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(db), str(source), str(baseline or "")],
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


def main(rows: int, runs: int, commit: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "bank.csv"
        generate(source, rows)
        print(
            f"{rows:,} rows, {source.stat().st_size / 2**20:.0f} MB of CSV; medians of {runs} runs"
        )
        (Path(folder) / "baseline").mkdir()
        baseline = baseline_modules(Path(folder) / "baseline", commit) if commit else None
        results: dict[str, list[dict[str, float]]] = {"first import": [], "re-import": []}
        before: list[dict[str, float]] = []
        for run in range(runs):
            db = Path(folder) / f"sbp{run}.db"  # a new store each round
            for kept in results.values():  # the first import, then the same file again
                kept.append(measure(db, source))
            if baseline is not None:  # the same first import with the older categorizer
                before.append(measure(Path(folder) / f"baseline{run}.db", source, baseline))
        report_baseline(results["first import"], before, commit)
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


def report_baseline(
    now: list[dict[str, float]], before: list[dict[str, float]], commit: str
) -> None:
    if not before:
        print(f"(no baseline: `git show {commit}` failed; run from a clone with its history)")
        return
    richer = statistics.median(got["seconds"] for got in now)
    older = statistics.median(got["seconds"] for got in before)
    print(
        f"first import with the categorizer of {commit}: {older:6.1f} s; with today's:"
        f" {richer:.1f} s ({richer / older - 1:+.1%}; issue 14 allows +10%)"
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else "")
    else:
        parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
        parser.add_argument("rows", nargs="?", type=int, default=1_000_000)
        parser.add_argument("--runs", type=int, default=3)
        parser.add_argument(
            "--baseline", default=BASELINE, help="commit of the categorizer to compare with"
        )
        arguments = parser.parse_args()
        main(arguments.rows, arguments.runs, arguments.baseline)
