"""Sync benchmark on a moto server on loopback: first syncs of big stores, incremental syncs,
and `sbp add` signed in against signed out.

    python bench/bench_sync.py [--sizes 100000,1000000] [--runs 3] [--adds 11]

Every sync runs as its own `sbp` process over the real sign-in path (a device signed in as
`sbp login` leaves it, with credentials that outlast the run, pointed at the moto server), so
its wall time and its peak memory (ru_maxrss) are a person's. AWS calls are counted by
operation inside that process.

- First sync: a store of N expenses (written straight into SQLite beforehand) uploaded into an
  empty replica: a load with BatchWriteItem and a gzip'd snapshot in S3. Seconds, AWS calls per
  1,000 expenses, peak MB (target: under 250 MB). The floor is the cheapest way to put the same
  items, BatchWriteItem of 25 from this process, per 1,000, measured in the same run.
- Incremental sync: 10 changes made on a store of N, synced (push, pull, device report): the
  median of `--runs`, against the same on a store of 1,000 (target: the same at 1,000,000).
  Wall time, the part spent on the device (not waiting for AWS), and AWS calls: moto answers
  a Query by reading every item of the partition (AWS reads the key range alone), so its
  answers slow down with the store while the device's work and the calls stay flat.
- `sbp add`: fresh processes on a signed-in device that syncs (the change recorded, a
  background sync started) and on a signed-out one, taking turns (target: at most 1.1x).

The moto server runs in a process of its own, so its memory (it holds every item as Python
objects) is not counted as the sync's; as in bench_cloud, it skips the whole-table copy moto
makes on every transaction action (a 100-action transaction into a table of a million items
would take it minutes; AWS has no such cost).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REGION = "us-east-1"


# the child: one sync, measured -----------------------------------------------------------------
def child(home: str, upload: bool) -> None:
    """Run one sync of the store in `home`; print its time, calls and peak memory as JSON."""
    os.environ["SBP_HOME"] = home
    from sbp.cloud import clients

    # moto answers a Query by reading the whole partition: at a million items one page takes
    # it longer than the 20 s a device waits for AWS
    clients.READ_TIMEOUT_SECONDS = 900
    from sbp.bootstrap import build_planner, build_syncer
    from sbp.cloud import sync_ports as ports
    from sbp.config import load_settings

    calls: Counter[str] = Counter()
    waited = [0.0, 0.0]  # seconds spent in AWS calls, and when the current one started
    made = ports.sync_ports

    def before(model: Any, **_: Any) -> None:
        calls.update([model.name])
        waited[1] = time.perf_counter()

    def after(**_: Any) -> None:
        waited[0] += time.perf_counter() - waited[1]

    def counted(session: Any) -> Any:
        replica, snapshots = made(session)
        for client in (replica.client, snapshots.client):
            client.meta.events.register("before-call", before)
            client.meta.events.register("after-call", after)
        return replica, snapshots

    ports.sync_ports = counted  # type: ignore[assignment]
    import sbp.bootstrap

    sbp.bootstrap.sync_ports = counted  # type: ignore[attr-defined]
    settings = load_settings()
    planner = build_planner(settings)
    start = time.perf_counter()
    from sbp.cloud.session import require_session

    replica, snapshots = counted(require_session(settings))
    from sbp.sync.engine import Syncer

    report = Syncer(planner.ledger, replica, snapshots, planner.clock).sync(upload=upload)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "calls": dict(calls), "peak_mb": peak_mb,
                      "aws_seconds": waited[0], "words": report.words()}))  # fmt: skip
    del build_syncer


# the parent ------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def moto_server(port: int) -> None:
    """Serve moto on `port` until killed, without its per-action whole-table copies (see
    bench_cloud: a single writer's transactions never roll back here)."""
    import logging

    from moto.server import ThreadedMotoServer

    sys.path.insert(0, str(ROOT / "bench"))
    from bench_cloud import moto_without_rollback_copies

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    with moto_without_rollback_copies():
        ThreadedMotoServer(ip_address="127.0.0.1", port=port).start()
        time.sleep(10**9)


def start_moto() -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, __file__, "--moto-server", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    from tests.moto_resources import create_bucket, create_replica_table
    from tests.sync.signed_in import MotoServer

    handle = MotoServer(url, None)
    create_replica_table(handle.client("dynamodb"))
    create_bucket(handle.client("s3"))
    return server, url


def fill(home: Path, count: int) -> None:
    """A store of `count` expenses, written straight in (as an import would, unsynced)."""
    from sbp.core.importers.rows import ImportedExpense
    from sbp.store.sqlite import SqliteLedger

    ledger = SqliteLedger(home / "sbp.db")
    ledger.set_setting("base_currency", "USD")
    at = "2026-11-20T09:00:00+00:00"
    for start in range(0, count, 20_000):
        rows = [
            ImportedExpense(
                f"01KAB{n:021d}", f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}", 100 + n % 9000,
                "USD", f"SHOP NUMBER {n % 5000}", "other", "default", "", f"key{n}", "BATCH",
                at, f"shop number {n % 5000}",
            )
            for n in range(start, min(count, start + 20_000))
        ]  # fmt: skip
        ledger.add_many(rows)
    ledger.close()


def run_child(home: Path, upload: bool) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "SBP_"))}
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(home), *(["--upload"] if upload else [])],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode:
        raise SystemExit(f"the sync failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def device(root: Path, name: str, user: str, url: str) -> Path:
    from tests.sync.signed_in import sign_in

    home = root / name
    sign_in(home, user, url, expires_in=__import__("datetime").timedelta(days=2))
    (home / "config.toml").write_text("sync_in_background = false\n")
    return home


def sbp(home: Path, *args: str) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "SBP_"))}
    env["SBP_HOME"] = str(home)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sbp", *args], env=env, check=True,
                   capture_output=True)  # fmt: skip
    return time.perf_counter() - start


def per_thousand(value: float, count: int) -> float:
    return value * 1000 / count


def floor_put(url: str, count: int) -> tuple[float, float]:
    """Seconds and calls per 1,000 items for BatchWriteItem of 25 straight from here."""
    from sbp.cloud.items import record_item
    from sbp.core.sync.codec import expense_record
    from tests.moto_resources import create_replica_table
    from tests.sync.signed_in import MotoServer

    client = MotoServer(url, None).client("dynamodb")
    create_replica_table(client, "sbp-bench-floor")
    from datetime import UTC, date, datetime
    from decimal import Decimal

    from sbp.core.model import CategorySource, Expense

    at = datetime(2026, 11, 20, 9, tzinfo=UTC)
    items = [
        record_item("01KAF1000R000000000000000A", expense_record(Expense(
            f"01KAB{n:021d}", date(2026, 11, 1 + n % 28), Decimal(100 + n % 9000) / 100, "USD",
            f"SHOP NUMBER {n % 5000}", "other", CategorySource.DEFAULT, at, at,
        ), "1795000000000-0000-laptop0000000000"))
        for n in range(count)
    ]  # fmt: skip
    start = time.perf_counter()
    calls = 0
    for first in range(0, count, 25):
        client.batch_write_item(RequestItems={"sbp-bench-floor": [
            {"PutRequest": {"Item": item}} for item in items[first:first + 25]]})  # fmt: skip
        calls += 1
    return per_thousand(time.perf_counter() - start, count), per_thousand(calls, count)


def incremental(home: Path, runs: int) -> tuple[float, float, float]:
    """Medians of a sync of 10 changes made on the store in `home`: seconds in all, seconds
    on this side (not waiting for AWS), and AWS calls."""
    seconds, here, calls = [], [], []
    for run in range(runs):
        for n in range(10):
            sbp(home, "add", f"{n + 1}.{run:02d}", f"incremental {run} {n}")
        result = run_child(home, upload=False)
        seconds.append(result["seconds"])
        here.append(result["seconds"] - result["aws_seconds"])
        calls.append(sum(result["calls"].values()))
    return statistics.median(seconds), statistics.median(here), statistics.median(calls)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--adds", type=int, default=11)
    parser.add_argument("--child")
    parser.add_argument("--upload", action="store_true")
    parser.add_argument("--moto-server", type=int)
    args = parser.parse_args()
    if args.moto_server:
        moto_server(args.moto_server)
        return
    if args.child:
        child(args.child, args.upload)
        return
    sizes = [int(s) for s in args.sizes.split(",") if s]
    server, url = start_moto()
    try:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            floor_seconds, floor_calls = floor_put(url, 20_000)
            print(f"floor: BatchWriteItem of 25 from one process: {floor_seconds * 1000:.0f} ms"
                  f" and {floor_calls:.0f} calls per 1,000 items")  # fmt: skip
            adds(root, url, args.adds)  # first: a server holding a million items answers slowly
            small = device(root, "small", "01KASMA110000000000000000A", url)
            fill(small, 1000)
            run_child(small, upload=True)
            small_seconds, small_here, small_calls = incremental(small, args.runs)
            print(f"incremental sync of 10 changes, store of 1,000: {small_seconds:.2f} s"
                  f" ({small_here:.2f} s on the device), {small_calls:.0f} AWS calls"
                  f" (median of {args.runs})")  # fmt: skip
            for size in sizes:
                home = device(root, f"n{size}", f"01KAS1ZE{size:018d}", url)
                started = time.perf_counter()
                fill(home, size)
                print(f"store of {size:,}: filled in {time.perf_counter() - started:.0f} s")
                first = run_child(home, upload=True)
                calls = sum(first["calls"].values())
                print(
                    f"first sync of {size:,}: {first['seconds']:.0f} s"
                    f" ({per_thousand(first['seconds'], size) * 1000:.0f} ms per 1,000,"
                    f" {per_thousand(first['seconds'], size) / floor_seconds:.1f}x the floor),"
                    f" {per_thousand(calls, size):.1f} AWS calls per 1,000"
                    f" ({dict(first['calls'])}), peak {first['peak_mb']:.0f} MB"
                )
                seconds, here, calls = incremental(home, args.runs)
                print(f"incremental sync of 10 changes, store of {size:,}: {seconds:.2f} s"
                      f" ({seconds / small_seconds:.2f}x the 1,000 store); on the device"
                      f" {here:.2f} s ({here / small_here:.2f}x), {calls:.0f} AWS calls"
                      f" ({calls / small_calls:.2f}x)")  # fmt: skip
    finally:
        server.kill()


def adds(root: Path, url: str, runs: int) -> None:
    """`sbp add` on a signed-in device that syncs (background sync on) and a signed-out one."""
    signed_in = device(root, "adds-in", "01KAADD5000000000000000000", url)
    (signed_in / "config.toml").write_text("")  # background sync on, as a person has it
    sbp(signed_in, "sync")
    signed_out = root / "adds-out"
    inside, outside = [], []
    for n in range(runs):
        inside.append(sbp(signed_in, "add", "4.50", f"coffee {n}"))
        outside.append(sbp(signed_out, "add", "4.50", f"coffee {n}"))
    ratio = statistics.median(inside) / statistics.median(outside)
    print(f"sbp add: signed in and syncing {statistics.median(inside) * 1000:.0f} ms,"
          f" signed out {statistics.median(outside) * 1000:.0f} ms: {ratio:.2f}x"
          f" (median of {runs})")  # fmt: skip


if __name__ == "__main__":
    main()
