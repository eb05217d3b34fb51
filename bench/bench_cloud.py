"""Cloud benchmark: the categorizer over SQS batches of 10, 10,000 changes written to the
replica, and the Lambdas' cold start. AWS is moto, in this process; figures are medians.

    python bench/bench_cloud.py [--runs 3] [--changes 10000] [--batches 10] [--imports 11]

- Replica writes: 10,000 changes committed in commits of 10, 100, 1,000 and 10,000 changes,
  each into a fresh table; milliseconds and AWS calls per change. The floor is the cheapest way
  to store the same items (BatchWriteItem, 25 a call, no log, no conditions) in the same run.
  Calls per change must not grow with the commit: a commit costs three calls per 98 records.
- Categorizer: the handler over batches of 10 SQS records, all of one user and each of its own
  user; milliseconds and AWS calls per record, by operation.
- Cold start: a fresh `python -c "import lambdas.<handler>"` against `python -c "import boto3"`
  (target: at most 1.3x); the in-process import time of each beside it.

moto deep-copies the whole table once per action of every transaction (its rollback copy), so
a 100-action transaction into a 10,000-item table costs it seconds; AWS has no such cost. The
writes below skip that copy (a single writer's transactions never roll back here), so what is
measured is the adapter and moto's request handling, not moto's rollback.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

REGION = "us-east-1"
TABLE = "sbp-bench-replica"
USER = "01KA11CE00000000000000000A"
VERSION = "1795000000000-0000-laptop0000000000"
AT = "2026-11-20T09:00:00+00:00"


def change(n: int, user_category: bool = False) -> Any:
    from sbp.core.sync.records import Kind, stamp_all

    values = {
        "date": f"2026-11-{1 + n % 28:02d}",
        "amount": 250 + n % 900,
        "currency": "USD",
        "description": ("BLUE BOTTLE #12", "WHOLE FOODS MKT", "SHELL OIL 5521")[n % 3],
        "category": "coffee" if user_category else "other",
        "source": "user" if user_category else "default",
        "note": "",
        "created": AT,
        "updated": AT,
        "deleted": False,
    }
    return stamp_all(Kind.EXPENSE, f"01KAEXP{n:019d}", values, VERSION)


class CallCounter(Counter[str]):
    """AWS calls made by the clients it listens to, by operation (retries not counted)."""

    def listen(self, client: Any) -> None:
        client.meta.events.register("before-call", self._count)

    def _count(self, model: Any, **_: Any) -> None:
        self[model.name] += 1


@contextlib.contextmanager
def moto_without_rollback_copies() -> Iterator[None]:
    """moto's transactions, minus the whole-table deep copy they make per action."""
    from moto.dynamodb.models import DynamoDBBackend
    from moto.dynamodb.models import copy as moto_copy
    from moto.dynamodb.models.table import Table

    real_deepcopy, transact = copy.deepcopy, DynamoDBBackend.transact_write_items

    def deepcopy(value: Any, memo: Any = None) -> Any:
        return value if isinstance(value, Table) else real_deepcopy(value, memo)

    def without_copies(self: Any, items: Any) -> Any:
        moto_copy.deepcopy = deepcopy
        try:
            return transact(self, items)
        finally:
            moto_copy.deepcopy = real_deepcopy

    DynamoDBBackend.transact_write_items = without_copies  # type: ignore[method-assign]
    try:
        yield
    finally:
        DynamoDBBackend.transact_write_items = transact  # type: ignore[method-assign]


@contextlib.contextmanager
def fresh_table() -> Iterator[Any]:
    from moto import mock_aws

    from sbp.cloud.clients import aws_client
    from tests.moto_resources import create_replica_table

    with mock_aws(), moto_without_rollback_copies():
        client = aws_client("dynamodb", region=REGION)
        create_replica_table(client, TABLE)
        yield client


def replica_writes(total: int, size: int) -> tuple[float, float]:
    """(ms per change, calls per change) for `total` changes committed `size` at a time."""
    from sbp.cloud.replica import DynamoReplica

    changes = [change(n) for n in range(total)]
    with fresh_table() as client:
        calls = CallCounter()
        calls.listen(client)
        replica = DynamoReplica(USER, TABLE, client)
        start = time.perf_counter()
        for first in range(0, total, size):
            replica.commit(changes[first : first + size], "laptop", AT)
        seconds = time.perf_counter() - start
    return seconds * 1000 / total, sum(calls.values()) / total


def floor_writes(total: int) -> tuple[float, float]:
    """(ms per change, calls per change) of BatchWriteItem with the same items."""
    from sbp.cloud.items import record_item

    items = [record_item(USER, change(n)) for n in range(total)]
    with fresh_table() as client:
        calls = CallCounter()
        calls.listen(client)
        start = time.perf_counter()
        for first in range(0, total, 25):
            batch = [{"PutRequest": {"Item": item}} for item in items[first : first + 25]]
            client.batch_write_item(RequestItems={TABLE: batch})
        seconds = time.perf_counter() - start
    return seconds * 1000 / total, sum(calls.values()) / total


def bench_replica(total: int, runs: int) -> None:
    print(f"\nReplica: {total:,} changes, commits of N changes (median of {runs})")
    print(f"{'commit size':>12} {'ms/change':>10} {'calls/change':>13} {'vs floor':>9}")
    floor = [floor_writes(total) for _ in range(runs)]
    floor_ms = statistics.median(ms for ms, _ in floor)
    print(f"{'floor':>12} {floor_ms:10.3f} {floor[0][1]:13.3f} {1:8.2f}x  (BatchWriteItem)")
    for size in sorted({10, 100, 1000, total}):
        done = [replica_writes(total, size) for _ in range(runs)]
        ms = statistics.median(m for m, _ in done)
        print(f"{size:>12,} {ms:10.3f} {done[0][1]:13.3f} {ms / floor_ms:8.2f}x")


def sqs_event(bodies: list[str]) -> dict[str, Any]:
    arn = f"arn:aws:sqs:{REGION}:123456789012:sbp-bench-categorize"
    return {
        "Records": [
            {
                "messageId": str(uuid.uuid4()),
                "receiptHandle": "AQEB" + uuid.uuid4().hex,
                "body": body,
                "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "1795000000000"},
                "messageAttributes": {},
                "md5OfBody": "",
                "eventSource": "aws:sqs",
                "eventSourceARN": arn,
                "awsRegion": REGION,
            }
            for body in bodies
        ]
    }


def bench_categorizer(batches: int, runs: int) -> None:
    print(f"\nCategorizer: {batches} batches of 10 SQS records (median of {runs})")
    print(f"{'records from':>14} {'ms/batch':>9} {'calls/record':>13}  calls by operation")
    for users in (1, 10):
        done = [categorizer_run(batches, users) for _ in range(runs)]
        ms = statistics.median(m for m, _ in done)
        calls = done[0][1]
        per_record = sum(calls.values()) / (batches * 10)
        shown = ", ".join(f"{op} {n / (batches * 10):.1f}" for op, n in sorted(calls.items()))
        label = "one user" if users == 1 else f"{users} users"
        print(f"{label:>14} {ms:9.1f} {per_record:13.1f}  {shown}")


def categorizer_run(batches: int, users: int) -> tuple[float, Counter[str]]:
    import json

    from moto import mock_aws

    from lambdas import categorizer
    from lambdas.environment import resources
    from sbp.cloud.clients import aws_client
    from sbp.cloud.replica import DynamoReplica
    from tests.lambdas.conftest import LambdaContext, household
    from tests.moto_resources import (
        create_idempotency_table,
        create_replica_table,
        create_topic,
    )

    owners = [f"01KA11CE{n:018d}" for n in range(users)]
    with mock_aws():
        dynamodb, sns = aws_client("dynamodb", region=REGION), aws_client("sns", region=REGION)
        create_replica_table(dynamodb, TABLE)
        create_idempotency_table(dynamodb, "sbp-bench-idempotency")
        os.environ.update(
            AWS_DEFAULT_REGION=REGION,
            SBP_REPLICA_TABLE=TABLE,
            SBP_IDEMPOTENCY_TABLE="sbp-bench-idempotency",
            SBP_ALERTS_TOPIC=create_topic(sns, "sbp-bench-alerts"),
            SBP_BUCKET="unused",
        )
        total = batches * 10
        for n, owner in enumerate(owners):
            mine = [change(i) for i in range(total) if i % users == n]
            DynamoReplica(owner, TABLE, dynamodb).commit(household() + mine, "laptop", AT)
        resources.cache_clear()
        categorizer.categorize_once.cache_clear()
        calls = CallCounter()
        calls.listen(resources().dynamodb)
        calls.listen(resources().sns)
        times = []
        with quiet():
            for batch in range(batches):
                bodies = [
                    json.dumps({"user_id": owners[i % users], "expense_id": f"01KAEXP{i:019d}"})
                    for i in range(batch * 10, batch * 10 + 10)
                ]
                start = time.perf_counter()
                answer = categorizer.handler(sqs_event(bodies), LambdaContext())
                times.append(time.perf_counter() - start)
                assert answer == {"batchItemFailures": []}, answer
    return statistics.median(times) * 1000, calls


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """The handlers' log lines and metrics go nowhere (Powertools' Logger keeps its stream)."""
    from lambdas.observability import logger

    handler = logger.registered_handler
    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
        kept, handler.stream = handler.stream, sink
        try:
            yield
        finally:
            handler.stream = kept


IMPORTS = {
    "import boto3 (floor)": "import boto3",
    "lambdas.categorizer": "import lambdas.categorizer",
    "lambdas.budget_alert": "import lambdas.budget_alert",
    "lambdas.report_generator": "import lambdas.report_generator",
    "  + its first report": "import lambdas.report_generator, sbp.render.pdf",
}


def bench_imports(runs: int) -> None:
    print(f"\nCold start: fresh processes, median of {runs} (taking turns)")
    # bytecode cached (in a private folder) as in a deployed function, even where
    # PYTHONDONTWRITEBYTECODE is set: compiling sbp on every start is a cost Lambda never pays
    cache = Path(tempfile.gettempdir()) / "sbp-bench-cloud-pyc"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONPYCACHEPREFIX": str(cache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    wall: dict[str, list[float]] = {name: [] for name in IMPORTS}
    inside: dict[str, list[float]] = {name: [] for name in IMPORTS}
    timed = "import time; t = time.perf_counter(); {}; print(time.perf_counter() - t)"
    for number in range(runs + 1):
        for name, code in IMPORTS.items():
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-c", timed.format(code)],
                env=env,
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
            )
            if number:  # the first round warms the disk cache and writes the bytecode
                wall[name].append(time.perf_counter() - start)
                inside[name].append(float(done.stdout))
    floor_wall = statistics.median(wall["import boto3 (floor)"])
    floor_inside = statistics.median(inside["import boto3 (floor)"])
    print(f"{'module':>26} {'process ms':>11} {'ratio':>6} {'import ms':>10} {'ratio':>6}")
    for name in IMPORTS:
        w, i = statistics.median(wall[name]), statistics.median(inside[name])
        print(
            f"{name:>26} {w * 1000:11.1f} {w / floor_wall:5.2f}x"
            f" {i * 1000:10.1f} {i / floor_inside:5.2f}x"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--changes", type=int, default=10_000)
    parser.add_argument("--batches", type=int, default=10)
    parser.add_argument("--imports", type=int, default=11)
    args = parser.parse_args()
    os.environ.setdefault("AWS_DEFAULT_REGION", REGION)
    bench_imports(args.imports)
    bench_categorizer(args.batches, args.runs)
    bench_replica(args.changes, args.runs)


if __name__ == "__main__":
    main()
