"""Gateway benchmark: requests per second and p99 latency under gunicorn, against a hello world.

The gateway runs under gunicorn (2 sync workers) on loopback, over a moto server that holds its
tables, bucket, topic and role; a bare Flask hello world runs under the same gunicorn settings
in the same run, and is the floor the ratios are taken against. `wrk` (Debian package `wrk`)
drives `GET /api/v1/healthz`, `POST /api/v1/receipts/presign` and `POST /api/v1/refresh` (each
connection refreshes its own session in a chain: a refresh token works once). Targets (issue
12): presign and refresh at no less than half the hello world's rate, p99 under 50 ms.

Each endpoint is measured on two backends, side by side. "moto": every AWS call goes to the
moto server. "dynalite": a second gateway, the same code and keys, sends its own table calls to
dynalite, a faster local DynamoDB (`AWS_ENDPOINT_URL_DYNAMODB`; see dynamodb_double.py, installed
with npm on first use), while STS, S3 and SNS stay on moto. moto spends 6 to 9 ms of CPU on
each conditional UpdateItem, so on it the refresh figure is moto's; on dynalite it is the
gateway's. `--backends moto` skips dynalite (no node needed).

Both servers count the AWS calls they answer, so each line also says how many AWS calls a
request made; and the gateway's own refresh-token rotation (one conditional UpdateItem) is timed
straight against each backend in the same run, from a process of its own with no HTTP, Flask or
gunicorn around it (rotations_alone.py): the floor the backend puts under `/refresh`.

    python bench/bench_gateway.py [--seconds 10] [--rounds 3] [--connections 2]
                                  [--backends moto,dynalite]

Every figure is the median of the rounds, and the rounds take turns with the hello world so a
busy machine slows all alike. Production argon2 parameters are used (sign-in is not measured).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "server")]  # the stack and servers the tests use

from dynamodb_double import copy_items, dynalite_server  # noqa: E402 - a sibling, through sys.path
from gateway_stack import aws_client, build_stack, create_gateway_tables, stack_environ  # noqa: E402
from process_cpu import cpu_seconds, gunicorn_workers  # noqa: E402
from served_gateway import call, free_port, gunicorn, moto_server  # noqa: E402
from wrk_load import presign_script, refresh_script, wrk  # noqa: E402

from server.config import GatewayConfig  # noqa: E402

HELLO = """from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/")
def hello():
    return jsonify(status="ok")
"""
ENDPOINTS = (  # in the order measured; each on every backend in turn
    ("healthz", "/api/v1/healthz"),
    ("presign", "/api/v1/receipts/presign"),
    ("refresh", "/"),  # the script sets the path
)


class AwsCalls:
    """WSGI middleware around the moto server counting the calls it answers, by operation
    (DynamoDB's from its X-Amz-Target header, others by service from the signature's scope)."""

    def __init__(self, app: Any) -> None:
        self._app = app
        self._lock = threading.Lock()
        self.counts: Counter[str] = Counter()

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        with self._lock:
            self.counts[_operation(environ)] += 1
        result: Iterable[bytes] = self._app(environ, start_response)
        return result

    def snapshot(self) -> Counter[str]:
        with self._lock:
            return Counter(self.counts)


def _operation(environ: dict[str, Any]) -> str:
    target = environ.get("HTTP_X_AMZ_TARGET", "")
    if target:
        return target.rpartition(".")[2]
    scope = re.search(r"Credential=[^/]+/\d+/[^/]+/([^/]+)/", environ.get("HTTP_AUTHORIZATION", ""))
    return scope[1] if scope else "unsigned"


def environ_for(endpoint: str) -> dict[str, str]:
    """The gateway's environment on the moto server, with the production password hash."""
    return {
        **stack_environ(),
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": "bench",
        "AWS_SECRET_ACCESS_KEY": "bench",
        "SBP_TRUSTED_HOSTS": "127.0.0.1",
    }


def post(base: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    status, answer = call(base, path, body)
    if status >= 300:
        raise SystemExit(f"{path} answered {status}: {answer}")
    return dict(answer)


def new_user(base: str) -> dict[str, Any]:
    """Register the benchmark's user; the body that signs it in."""
    password = "a benchmark passphrase " + secrets.token_hex(4)
    user = {"username": "bench", "email": "bench@example.com", "password": password}
    post(base, "/api/v1/register", user)
    return {
        "login": "bench",
        "password": password,
        "device": {"id": "bench00000000000", "name": "bench"},
    }


def sessions(base: str, login: dict[str, Any], count: int) -> list[dict[str, Any]]:
    """`count` fresh sign-ins (a refresh token works once: each round needs its own)."""
    return [post(base, "/api/v1/login", login) for _ in range(count)]


def rotations_alone(endpoint: str, table: str, seconds: int, connections: int) -> dict[str, float]:
    """rotations_alone.py in a process of its own against `endpoint` (see its docstring)."""
    argv = [sys.executable, str(HERE / "rotations_alone.py"), endpoint, table, str(seconds)]
    out = subprocess.run([*argv, str(connections)], capture_output=True, text=True, check=True)
    return dict(json.loads(out.stdout))


@dataclass
class Backend:
    """A gateway whose tables live on one DynamoDB, and the counters of the AWS calls it makes."""

    name: str
    gateway: str
    dynamodb: str
    counters: list[Callable[[], Counter[str]]]
    servers: list[int]  # the processes answering its AWS calls
    presign: Path | None = None

    def calls(self) -> Counter[str]:
        return sum((count() for count in self.counters), Counter())


def on_dynalite(
    running: ExitStack, folder: Path, environ: dict[str, str], moto: str, moto_calls: AwsCalls
) -> Backend:
    """A second gateway with its tables on dynalite (the account copied from moto's table),
    everything else on moto."""
    config = GatewayConfig.from_environ(environ)
    double = running.enter_context(dynalite_server(free_port(), folder))
    dynamodb = aws_client("dynamodb", double.endpoint)
    create_gateway_tables(dynamodb, config, ttl=False)
    copy_items(aws_client("dynamodb", moto), dynamodb, config.users_table)
    gateway = running.enter_context(
        gunicorn(
            "server:create_app()",
            {**environ, "AWS_ENDPOINT_URL_DYNAMODB": double.endpoint},
            folder / "gateway-dynalite.log",
            "/api/v1/healthz",
            workers=2,
        )
    )
    counters = [moto_calls.snapshot, double.snapshot]
    return Backend("dynalite", gateway, double.endpoint, counters, [os.getpid(), double.pid])


@dataclass(frozen=True)
class Case:
    """One wrk run: what it hits, and the processes whose CPU time it is charged."""

    name: str
    backend: Backend | None
    url: str
    script: Path | None

    @property
    def key(self) -> tuple[str, str]:
        return (self.name, self.backend.name if self.backend else "-")

    def measure(self, seconds: int, connections: int) -> tuple[dict[str, float], Counter[str]]:
        """wrk's figures plus the CPU milliseconds per request of the workers serving the URL
        (`gw_cpu`) and of the AWS servers behind them (`aws_cpu`); the AWS calls made."""
        workers = gunicorn_workers(self.url.partition("/api/")[0].rstrip("/"))
        servers = self.backend.servers if self.backend else []
        calls_before = self.backend.calls() if self.backend else Counter()
        before = (cpu_seconds(workers), cpu_seconds(servers))
        measured = wrk(self.url, seconds, connections, self.script)
        after = (cpu_seconds(workers), cpu_seconds(servers))
        for name, start, end in zip(("gw_cpu", "aws_cpu"), before, after, strict=True):
            if start is not None and end is not None and measured["requests"]:
                measured[name] = (end - start) / measured["requests"] * 1000
        calls = self.backend.calls() - calls_before if self.backend else Counter()
        return measured, calls


def round_cases(
    hello: str, backends: list[Backend], login: dict[str, Any], folder: Path, connections: int
) -> list[Case]:
    """One round: the hello world, then each endpoint on every backend in turn (the refreshes
    with sessions of their own: a refresh token works once)."""
    cases = [Case("hello world", None, hello + "/", None)]
    refreshes = {
        backend.name: refresh_script(
            folder / backend.name, sessions(backend.gateway, login, connections)
        )
        for backend in backends
    }
    for name, path in ENDPOINTS:
        for backend in backends:
            scripts = {"presign": backend.presign, "refresh": refreshes[backend.name]}
            cases.append(Case(name, backend, backend.gateway + path, scripts.get(name)))
    return cases


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} (1, 5, 15 min) on {os.cpu_count()} cores"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="rounds; medians are printed")
    parser.add_argument("--connections", type=int, default=2, help="wrk connections (and threads)")
    parser.add_argument(
        "--backends", default="moto,dynalite", help="moto, or moto,dynalite (needs node and npm)"
    )
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        print("bench_gateway: needs wrk (apt-get install wrk)", file=sys.stderr)
        return 2
    wanted = {name.strip() for name in options.backends.split(",")}
    if "dynalite" in wanted and not (shutil.which("node") and shutil.which("npm")):
        print("bench_gateway: dynalite needs node and npm; use --backends moto", file=sys.stderr)
        return 2
    os.environ.update(AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench")
    print(f"load average at the start: {load()}")
    counted: list[AwsCalls] = []

    def counting(app: Any) -> AwsCalls:
        counted.append(AwsCalls(app))
        return counted[0]

    with ExitStack() as running:
        folder = Path(running.enter_context(tempfile.TemporaryDirectory()))
        (folder / "hello.py").write_text(HELLO)
        endpoint = running.enter_context(moto_server(wrap=counting))
        environ = environ_for(endpoint)
        build_stack(GatewayConfig.from_environ(environ), endpoint)
        gateway = running.enter_context(
            gunicorn(
                "server:create_app()", environ, folder / "gateway.log", "/api/v1/healthz", workers=2
            )
        )
        hello = running.enter_context(
            gunicorn("hello:app", {}, folder / "hello.log", "/", workers=2, pythonpath=folder)
        )
        login = new_user(gateway)  # registered on moto: dynalite has no transactions
        backends = [Backend("moto", gateway, endpoint, [counted[0].snapshot], [os.getpid()])]
        if "dynalite" in wanted:
            backends.append(on_dynalite(running, folder, environ, endpoint, counted[0]))
        for backend in backends:
            token = sessions(backend.gateway, login, 1)[0]["access_token"]
            backend.presign = presign_script(folder / backend.name, token)
        results: dict[tuple[str, str], list[dict[str, float]]] = {}
        calls: dict[tuple[str, str], Counter[str]] = {}
        requests: Counter[tuple[str, str]] = Counter()
        table = environ["SBP_SESSIONS_TABLE"]
        for _ in range(options.rounds):
            cases = round_cases(hello, backends, login, folder, options.connections)
            for case in cases:
                measured, made = case.measure(options.seconds, options.connections)
                results.setdefault(case.key, []).append(measured)
                calls.setdefault(case.key, Counter()).update(made)
                requests[case.key] += int(measured["requests"])
            for backend in backends:
                results.setdefault(("rotate only", backend.name), []).append(
                    rotations_alone(backend.dynamodb, table, options.seconds, options.connections)
                )
        print(f"load average at the end: {load()}")
    report(results, {key: per_request(calls[key], requests[key]) for key in calls})
    return 0


def per_request(calls: Counter[str], requests: int) -> dict[str, float]:
    """AWS calls per request, by operation."""
    return {operation: count / max(requests, 1) for operation, count in calls.most_common()}


def report(
    results: dict[tuple[str, str], list[dict[str, float]]],
    calls: dict[tuple[str, str], dict[str, float]],
) -> None:
    floor = statistics.median(run["rps"] for run in results[("hello world", "-")])
    print(
        f"{'endpoint':<12} {'backend':<9} {'req/s':>8} {'x hello':>8} {'p99 ms':>8} "
        f"{'non-2xx':>8} {'AWS/req':>8} {'gw CPU':>7} {'AWS CPU':>8}"
    )
    for (name, backend), runs in results.items():
        rate = statistics.median(run["rps"] for run in runs)
        p99 = statistics.median(run["p99_ms"] for run in runs)
        errors = int(sum(run["errors"] for run in runs))
        key = (name, backend)
        aws = "-" if backend == "-" else f"{sum(calls[key].values()):.3f}" if key in calls else "1"
        cpu = [_median_of(runs, field) for field in ("gw_cpu", "aws_cpu")]
        print(
            f"{name:<12} {backend:<9} {rate:>8.0f} {rate / floor:>8.2f} {p99:>8.1f} "
            f"{errors:>8} {aws:>8} {cpu[0]:>7} {cpu[1]:>8}"
        )
    print(
        "gw CPU: the gateway's (or hello world's) gunicorn workers, AWS CPU: the servers answering "
        "its AWS calls (moto, or dynalite with moto); CPU milliseconds per request"
    )
    print("targets: presign and refresh >= 0.50 x hello, p99 < 50 ms")
    for (name, backend), per in calls.items():
        if name in ("presign", "refresh"):
            named = ", ".join(f"{operation} {count:.3f}" for operation, count in per.items())
            print(f"AWS calls per {name} ({backend}): {named or 'none'}")
    for (name, backend), runs in results.items():
        if name == "rotate only":
            write = statistics.median(run["median_ms"] for run in runs)
            print(
                f"rotate only ({backend}): refresh's one conditional UpdateItem, no HTTP around "
                f"it, {write:.1f} ms each (median): the floor {backend} puts under /refresh"
            )


def _median_of(runs: list[dict[str, float]], field: str) -> str:
    values = [run[field] for run in runs if field in run]
    return f"{statistics.median(values):.2f}" if values else "-"


if __name__ == "__main__":
    raise SystemExit(main())
