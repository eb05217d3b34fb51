"""A faster local DynamoDB for the gateway benchmark: dynalite (npm, Apache-2.0) on loopback.

moto answers a conditional UpdateItem in 6 to 9 ms of pure-Python work on one core, so against
moto a refresh measures moto. dynalite answers the same write in a fraction of that, and the
gateway's own tables can be moved to it alone with `AWS_ENDPOINT_URL_DYNAMODB` while STS, S3 and
SNS stay on moto. It is installed on first use into a cache folder (`SBP_BENCH_CACHE`, else
`~/.cache/sbp-bench`), never shipped and never needed by the tests; node runs it in memory.

What dynalite lacks, and how the benchmark lives with it: no TransactWriteItems (registration),
so the account is registered through the gateway on moto and the users table's items copied
over as they are; no time to live, so the tables are made without it; no
ReturnValuesOnConditionCheckFailure, so there a reused refresh token is refused as invalid
without revoking its family. The benchmark only ever sends current tokens, whose rotation is
the same conditional write on both.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

DYNALITE = "dynalite@4.0.0"
# dynalite's own server, in memory, tables ACTIVE at once; one more listener counts requests by
# operation (X-Amz-Target) and prints the counts as JSON for each line read on standard input.
LAUNCHER = """
const dynalite = require(process.argv[2]);
const server = dynalite({createTableMs: 0, deleteTableMs: 0, updateTableMs: 0});
const counts = {};
server.on("request", (request) => {
  const target = String(request.headers["x-amz-target"] || "unsigned").split(".").pop();
  counts[target] = (counts[target] || 0) + 1;
});
server.listen(Number(process.argv[3]), "127.0.0.1", () => process.stdout.write("ready\\n"));
const lines = require("readline").createInterface({input: process.stdin});
lines.on("line", () => process.stdout.write(JSON.stringify(counts) + "\\n"));
lines.on("close", () => process.exit(0));
"""


def cache_folder() -> Path:
    return Path(os.environ.get("SBP_BENCH_CACHE") or Path.home() / ".cache" / "sbp-bench")


def installed() -> Path:
    """dynalite's package folder, installed with npm into the cache folder when missing."""
    prefix = cache_folder() / "dynalite"
    package = prefix / "node_modules" / "dynalite"
    if not (package / "package.json").exists():
        prefix.mkdir(parents=True, exist_ok=True)
        quietly = ("--no-save", "--no-audit", "--no-fund")
        subprocess.run(
            ["npm", "install", *quietly, "--prefix", str(prefix), DYNALITE],
            check=True,
            stdout=subprocess.DEVNULL,
            timeout=600,
        )
    return package


class CountingDynalite:
    """A running dynalite and the calls it has answered, by operation."""

    def __init__(self, process: subprocess.Popen[str], endpoint: str) -> None:
        self._process = process
        self.endpoint = endpoint
        self.pid = process.pid

    def snapshot(self) -> Counter[str]:
        stdin: IO[str] | None = self._process.stdin
        stdout: IO[str] | None = self._process.stdout
        assert stdin is not None and stdout is not None
        stdin.write("\n")
        stdin.flush()
        return Counter(json.loads(stdout.readline()))


@contextmanager
def dynalite_server(port: int, folder: Path) -> Iterator[CountingDynalite]:
    """dynalite on `127.0.0.1:port`, counting, until the block ends."""
    package = installed()
    launcher = folder / "dynalite_counting.js"
    launcher.write_text(LAUNCHER)
    process = subprocess.Popen(
        ["node", str(launcher), str(package), str(port)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        if process.stdout.readline().strip() != "ready":
            raise RuntimeError(f"dynalite did not start (exit {process.poll()})")
        yield CountingDynalite(process, f"http://127.0.0.1:{port}")
    finally:
        if process.stdin is not None:
            process.stdin.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.terminate()
            process.wait(timeout=10)


def copy_items(source: Any, target: Any, table: str) -> int:
    """Every item of `table` from one DynamoDB to another, as stored; how many."""
    copied = 0
    for page in source.get_paginator("scan").paginate(TableName=table):
        for item in page.get("Items", []):
            target.put_item(TableName=table, Item=item)
            copied += 1
    return copied
