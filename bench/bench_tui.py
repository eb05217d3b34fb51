"""How fast `sbp ui` paints its dashboard and applies a search, with 100,000 and 1,000,000 expenses.

Run: python bench/bench_tui.py [--sizes 100000 1000000] [--repeat 5] [--keep DIR]
(--keep reuses the generated stores in DIR between runs; building 1,000,000 takes minutes.)
Targets at 1,000,000 expenses: first paint under 1 s, a search filter under 200 ms.
Prints medians per size and the ratio between sizes (a paged table should barely notice).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sbp.core.ids import new_ulid
from sbp.core.model import CategorySource, Expense
from sbp.planner import Planner
from sbp.store.sqlite import SqliteLedger
from sbp.tui.app import SbpApp
from sbp.tui.screens.expenses import ExpensesScreen

TODAY = date(2026, 11, 23)
MERCHANTS = [
    ("Starbucks", "coffee"), ("Blue Bottle", "coffee"), ("Whole Foods", "groceries"),
    ("Costco", "groceries"), ("Trader Joe's", "groceries"), ("Uber", "transport"),
    ("Metro ticket", "transport"), ("Shell", "fuel"), ("Netflix", "entertainment"),
    ("Cinema", "entertainment"), ("Amazon", "shopping"), ("Pharmacy", "health"),
    ("Electric bill", "utilities"), ("Chipotle", "dining"), ("Sushi bar", "dining"),
]  # fmt: skip
SEARCHES = {"common word": "uber", "rare word": "no-such-merchant", "category": None}
YEARS = 5


class FixedClock:
    def now(self) -> datetime:
        return datetime(2026, 11, 23, 12, tzinfo=UTC)

    def today(self) -> date:
        return TODAY


def build_store(path: Path, count: int) -> SqliteLedger:
    """A store with `count` expenses over five years, written in one bulk transaction."""
    ledger = SqliteLedger(path)
    rng = random.Random(42)
    now = FixedClock().now()
    span = YEARS * 365
    with ledger.transaction():
        for start in range(0, count, 10_000):
            for _ in range(min(10_000, count - start)):
                merchant, category = rng.choice(MERCHANTS)
                day = TODAY - timedelta(days=rng.randrange(span))
                amount = Decimal(rng.randrange(100, 20_000)).scaleb(-2)
                description = f"{merchant} #{rng.randrange(999)}"
                expense = Expense(
                    new_ulid(now), day, amount, "USD", description, category,
                    CategorySource.RULE, now, now,
                )  # fmt: skip
                ledger.add(expense)
    for category in ("coffee", "groceries", "transport", "dining"):
        Planner(ledger, FixedClock()).set_budget(category, "500")
    return ledger


async def first_paint(planner: Planner) -> float:
    """Seconds from creating the app to the dashboard drawn with its data."""
    started = time.perf_counter()
    app = SbpApp(planner, poll_seconds=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        return time.perf_counter() - started


async def filter_times(planner: Planner, repeat: int) -> dict[str, list[float]]:
    """Seconds to apply each kind of filter on the expenses screen and draw the table."""
    found: dict[str, list[float]] = {name: [] for name in SEARCHES}
    app = SbpApp(planner, poll_seconds=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        screen = app.screen
        assert isinstance(screen, ExpensesScreen)
        for _ in range(repeat):
            for name, term in SEARCHES.items():
                field = "#category" if term is None else "#search"
                started = time.perf_counter()
                screen.query_one(field).value = term or "groceries"  # type: ignore[attr-defined]
                await pilot.pause()
                found[name].append(time.perf_counter() - started)
                screen.query_one(field).value = ""  # type: ignore[attr-defined]
                await pilot.pause()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="keep and reuse the generated stores here")
    args = parser.parse_args()
    results: dict[int, dict[str, float]] = {}
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as scratch:
            path = (args.keep or Path(scratch)) / f"bench-{size}.db"
            built = time.perf_counter()
            ledger = SqliteLedger(path) if path.exists() else build_store(path, size)
            print(f"{size:>9,} expenses: store ready in {time.perf_counter() - built:.1f} s")
            planner = Planner(ledger, FixedClock())
            paints = [asyncio.run(first_paint(planner)) for _ in range(args.repeat)]
            filters = asyncio.run(filter_times(planner, args.repeat))
            row = {"first paint": statistics.median(paints)}
            row |= {f"filter: {k}": statistics.median(v) for k, v in filters.items()}
            results[size] = row
            for name, seconds in row.items():
                print(f"    {name:<22} median {seconds * 1000:8.1f} ms")
            ledger.close()
    if len(results) > 1:
        small, large = min(results), max(results)
        print(f"ratio {large:,} / {small:,}:")
        for name in results[small]:
            print(f"    {name:<22} {results[large][name] / results[small][name]:6.2f}x")


if __name__ == "__main__":
    main()
