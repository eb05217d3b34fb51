"""Refresh-token rotations per second with no HTTP, Flask or gunicorn around them.

The gateway's own `SessionFamilies.rotate` (one conditional UpdateItem) against a DynamoDB
endpoint, from `connections` threads each rotating its own family in a chain: the floor that
endpoint puts under `/refresh`. `bench_gateway.py` runs it as a process of its own, so its
threads never share an interpreter lock with the moto server the benchmark hosts.

    python bench/rotations_alone.py ENDPOINT TABLE SECONDS CONNECTIONS   # prints one JSON line
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from server.aws_clients import new_session
from server.sessions import SessionFamilies
from server.tokens import RefreshToken

USER = "01KAB3XYZ0000000000000000A"


def rotations(endpoint: str, table: str, seconds: float, connections: int) -> dict[str, float]:
    def chain(number: int) -> list[float]:
        dynamodb = new_session("us-east-1").client("dynamodb", endpoint_url=endpoint)
        families = SessionFamilies(dynamodb, table)
        token = families.start(USER, "bench", f"rotate{number:010d}", "bench").token
        took, stop = [], time.monotonic() + seconds
        while time.monotonic() < stop:
            start = time.perf_counter()
            token = families.rotate(RefreshToken.parse(token)).token
            took.append(time.perf_counter() - start)
        return took

    with ThreadPoolExecutor(connections) as pool:
        times = sorted(t for run in pool.map(chain, range(connections)) for t in run)
    return {
        "rps": len(times) / seconds,
        "p99_ms": times[int(len(times) * 0.99)] * 1000,
        "median_ms": statistics.median(times) * 1000,
        "requests": len(times),
        "errors": 0,
    }


if __name__ == "__main__":
    endpoint, table, seconds, connections = sys.argv[1:5]
    print(json.dumps(rotations(endpoint, table, float(seconds), int(connections))))
