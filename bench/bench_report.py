"""Report benchmark: a month of 10,000 expenses and a year of 100,000, to PDF.

Targets (issue 4): the month under 2 s and the year under 10 s, from a real SQLite store:
streaming the expenses, aggregating them and rendering every page. Prints the median of each,
how it splits between aggregation and rendering, and the ratio to its target.

    python bench/bench_report.py [--runs 3]

The stores are built in a temporary folder through the ledger, one transaction each.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sbp.core.ids import new_ulid
from sbp.core.model import Budget, CategorySource, Expense
from sbp.core.periods import Month
from sbp.core.report_periods import ReportPeriod
from sbp.planner import Planner
from sbp.render.pdf import render_pdf
from sbp.store.sqlite import SqliteLedger

NOW = datetime(2026, 12, 31, 12, 0, tzinfo=UTC)
CATEGORIES = ("groceries", "dining", "coffee", "transport", "fuel", "shopping", "other")
MERCHANTS = ("Rewe Straße", "Café Müller", "Tesco £", "Sushi ¥", "Shell", "Amazon", "Uber")


class PinnedClock:
    def now(self) -> datetime:
        return NOW

    def today(self) -> date:
        return NOW.date()


def build_store(path: Path, count: int, first: date, days: int) -> SqliteLedger:
    rng = random.Random(count)
    ledger = SqliteLedger(path)
    with ledger.transaction():
        for category in CATEGORIES[:4]:
            ledger.set_budget(Budget(category, Decimal(rng.randrange(200, 2000)), "USD"))
        for n in range(count):
            day = first + timedelta(days=rng.randrange(days))
            ledger.add(
                Expense(
                    id=new_ulid(NOW),
                    date=day,
                    amount=Decimal(rng.randrange(100, 20000)).scaleb(-2),
                    currency="USD",
                    description=f"{rng.choice(MERCHANTS)} #{rng.randrange(1, 40)}",
                    category=rng.choice(CATEGORIES),
                    category_source=CategorySource.RULE,
                    created_at=NOW,
                    updated_at=NOW,
                    receipt_key=f"receipts/{n}.jpg" if n % 9 == 0 else None,
                )
            )
    return ledger


def measure(planner: Planner, period: ReportPeriod, runs: int) -> tuple[float, float, int]:
    """Median seconds to aggregate, median seconds to render, and the page count."""
    aggregate, render, pages = [], [], 0
    for _ in range(runs):
        started = time.perf_counter()
        report = planner.report(period)
        middle = time.perf_counter()
        data = render_pdf(report)
        aggregate.append(middle - started)
        render.append(time.perf_counter() - middle)
        pages = data.count(b"/Type /Page\n")
    return statistics.median(aggregate), statistics.median(render), pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    cases = [
        (
            "month of 10,000",
            10_000,
            date(2026, 11, 1),
            30,
            ReportPeriod.month(Month(2026, 11)),
            2.0,
        ),
        ("year of 100,000", 100_000, date(2026, 1, 1), 365, ReportPeriod.year(2026), 10.0),
    ]
    with tempfile.TemporaryDirectory() as folder:
        for name, count, first, days, period, target in cases:
            ledger = build_store(Path(folder) / f"{count}.db", count, first, days)
            planner = Planner(ledger, PinnedClock(), base_currency="USD")
            aggregate, render, pages = measure(planner, period, args.runs)
            total = aggregate + render
            split = f"aggregate {aggregate:4.2f} s, render {render:4.2f} s, {pages} pages"
            print(
                f"{name:>16}: median {total:5.2f} s ({split}); "
                f"target {target:.0f} s, ratio {total / target:.2f}"
            )
            ledger.close()


if __name__ == "__main__":
    main()
