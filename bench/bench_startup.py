"""Start-up benchmark: how a cold `sbp add` and `sbp status` compare with importing typer.

Each command runs as a fresh process, as a person runs it; the floor is `python -c "import typer"`
measured in the same run, so the ratios hold on any machine. Targets (issue 2): `add` at most
1.3x the floor, `status` at most 1.5x, and status over 1,000,000 expenses at most 1.2x status
over 1,000 (it reads the monthly aggregates, never the expenses).

    python bench/bench_startup.py [--runs 21] [--cache-dir DIR] [--baseline COMMIT]

With `--baseline`, `sbp add` of an everyday word and of a merchant's card description is also
timed with the `sbp` package of that commit (read with `git archive`, run with the same Python
and libraries), so a change's cost to start-up is a ratio measured in the same run (issue 14:
the merchant knowledge base must leave `sbp add` start-up unchanged).

The 1,000,000-expense store is built once with executemany and kept in the cache folder.
Every process runs with bytecode caching on (in a private folder under the cache folder), as an
installed sbp does, even where PYTHONDONTWRITEBYTECODE is set: compiling every module on every
run is a cost no user pays.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

CATEGORIES = ("groceries", "dining", "coffee", "transport", "fuel", "shopping", "other")


def sbp_command() -> list[str]:
    """The installed `sbp` script next to this Python, or `python -m sbp` without one."""
    script = Path(sys.executable).with_name("sbp")
    return [str(script)] if script.exists() else [sys.executable, "-m", "sbp"]


def wall_time(argv: Sequence[str], env: dict[str, str]) -> float:
    """Seconds one fresh process of `argv` takes, start to exit."""
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def medians(cases: dict[str, tuple[list[str], dict[str, str]]], runs: int) -> dict[str, float]:
    """The median wall time of each case, taking turns so a busy machine slows all alike."""
    times: dict[str, list[float]] = {name: [] for name in cases}
    for number in range(runs + 1):
        for name, (argv, env) in cases.items():
            seconds = wall_time(argv, env)
            if number:  # the first round warms the disk cache and writes the bytecode
                times[name].append(seconds)
    return {name: statistics.median(values) for name, values in times.items()}


def build_store(home: Path, count: int) -> Path:
    """An SBP_HOME whose store holds `count` expenses over the last year (built once)."""
    if (home / "ready").exists():
        return home
    home.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "SBP_HOME": str(home)}
    for category in CATEGORIES[:4]:
        argv = [*sbp_command(), "budget", "set", category, "500"]
        subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    with sqlite3.connect(home / "sbp.db") as conn:
        conn.executemany(
            "INSERT INTO expenses (id, date, amount_minor, currency, description, category,"
            " category_source, created_at, updated_at) VALUES (?, ?, ?, 'USD', ?, ?, 'default',"
            " '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')",
            _rows(count),
        )
    (home / "ready").write_text(str(count))
    return home


def _rows(count: int):  # type: ignore[no-untyped-def]
    pick = random.Random(count)
    today = date.today()
    for number in range(count):
        day = today - timedelta(days=pick.randrange(365))
        category = pick.choice(CATEGORIES)
        yield (
            f"01BENCH{number:019d}",
            day.isoformat(),
            pick.randrange(100, 10_000),
            f"{category} {number}",
            category,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--cache-dir", type=Path, default=Path(tempfile.gettempdir()) / "sbp-bench")
    parser.add_argument("--baseline", help="a commit whose `sbp add` start-up to compare with")
    options = parser.parse_args()
    sbp = sbp_command()
    base = {**os.environ, "NO_COLOR": "1", "PYTHONPYCACHEPREFIX": str(options.cache_dir / "pyc")}
    base.pop("PYTHONDONTWRITEBYTECODE", None)
    fresh = Path(tempfile.mkdtemp(prefix="sbp-bench-add-"))
    small = build_store(options.cache_dir / "store-1k", 1_000)
    large = build_store(options.cache_dir / "store-1m", 1_000_000)

    cases = {
        "floor": ([sys.executable, "-c", "import typer"], base),
        "add": ([*sbp, "add", "4.20", "coffee"], _home(base, fresh)),
        "status_1k": ([*sbp, "status"], _home(base, small)),
        "status_1m": ([*sbp, "status"], _home(base, large)),
    }
    baseline = _baseline(options.baseline, options.cache_dir) if options.baseline else None
    if baseline is not None:
        module = [sys.executable, "-m", "sbp", "add", "4.20"]
        before = {**base, "PYTHONPATH": str(baseline)}
        for label, text in (("word", "coffee"), ("merchant", "WAFFLE HOUSE 1204 ATLANTA GA")):
            cases[f"{label} now"] = ([*module, text], _home(base, Path(tempfile.mkdtemp())))
            cases[f"{label} before"] = ([*module, text], _home(before, Path(tempfile.mkdtemp())))
    found = medians(cases, options.runs)
    floor, add, status_1k, status_1m = (
        found[k] for k in ("floor", "add", "status_1k", "status_1m")
    )

    print(f"medians over {options.runs} runs ({' '.join(sbp)})")
    print(f"floor  python -c 'import typer'  {floor * 1000:7.1f} ms")
    for name, seconds, target in (
        ("sbp add", add, 1.3),
        ("sbp status (1k)", status_1k, 1.5),
        ("sbp status (1M)", status_1m, 1.5),
    ):
        ratio = seconds / floor
        print(f"{name:<31}  {seconds * 1000:7.1f} ms  {ratio:5.2f}x floor (target {target}x)")
    print(f"status 1M / status 1k            {status_1m / status_1k:5.2f}x (target 1.2x)")
    if baseline is not None:
        for label in ("word", "merchant"):
            now, then = found[f"{label} now"], found[f"{label} before"]
            print(
                f"sbp add, {label:<8} now / {options.baseline}  {now * 1000:7.1f} ms /"
                f" {then * 1000:5.1f} ms = {now / then:4.2f}x (python -m sbp)"
            )


def _baseline(commit: str, cache: Path) -> Path | None:
    """The `sbp` package of `commit`, unpacked once under the cache folder."""
    folder = cache / f"sbp-{commit}"
    if not (folder / "sbp").exists():
        folder.mkdir(parents=True, exist_ok=True)
        root = Path(__file__).resolve().parent.parent
        archive = subprocess.run(
            ["git", "archive", commit, "sbp"], cwd=root, capture_output=True, check=False
        )
        if archive.returncode:
            print(f"(no baseline: `git archive {commit}` failed)")
            return None
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def _home(env: dict[str, str], home: Path) -> dict[str, str]:
    return {**env, "SBP_HOME": str(home)}


if __name__ == "__main__":
    main()
