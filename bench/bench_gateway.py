"""Gateway benchmark: requests per second and p99 latency under gunicorn, against a hello world.

The gateway runs under gunicorn (2 sync workers) on loopback, over a moto server that holds its
tables, bucket, topic and role; a bare Flask hello world runs under the same gunicorn settings
in the same run, and is the floor the ratios are taken against. `wrk` (Debian package `wrk`)
drives `GET /api/v1/healthz`, `POST /api/v1/receipts/presign` and `POST /api/v1/refresh` (each
connection refreshes its own session in a chain: a refresh token works once). Targets (issue
12): presign and refresh at no less than half the hello world's rate, p99 under 50 ms.

The moto server counts the AWS calls it answers, so each endpoint's line also says how many AWS
calls a request made; and the gateway's own refresh-token rotation (one conditional UpdateItem)
is timed straight against moto in the same run, with no HTTP, Flask or gunicorn around it: the
floor moto puts under `/refresh`.

    python bench/bench_gateway.py [--seconds 10] [--rounds 3] [--connections 2]

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
import time
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "server")]  # the stack and servers the tests use

from gateway_stack import REGION, build_stack, stack_environ  # noqa: E402
from served_gateway import call, gunicorn, moto_server  # noqa: E402

from server.config import GatewayConfig  # noqa: E402

HELLO = """from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/")
def hello():
    return jsonify(status="ok")
"""
REFRESH_LUA = """
local tokens = {%s}
local made = 0
function setup(thread)
  made = made + 1
  thread:set("token", tokens[made])
end
function request()
  return wrk.format("POST", "/api/v1/refresh", {["Content-Type"] = "application/json"},
                    '{"refresh_token": "' .. token .. '"}')
end
function response(status, headers, body)
  if status == 200 then token = body:match('"refresh_token":%%s*"([^"]+)"') end
end
"""
POST_LUA = """
wrk.method = "POST"
wrk.body = %s
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer %s"
"""


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


def wrk(url: str, seconds: int, connections: int, script: Path | None = None) -> dict[str, float]:
    """Requests per second, p99 in milliseconds, requests and non-2xx answers of one wrk run."""
    argv = ["wrk", f"-t{connections}", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if script is not None:
        argv[1:1] = ["-s", str(script)]
    out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])  # type: ignore[index]
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    assert p99 is not None, out
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99[2]]
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    requests = re.search(r"(\d+) requests in", out)
    assert requests is not None, out
    return {
        "rps": rate,
        "p99_ms": float(p99[1]) * scale,
        "requests": float(requests[1]),
        "errors": float(errors[1]) if errors else 0.0,
    }


def script(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.lua"
    path.write_text(text)
    return path


def presign_script(folder: Path, access_token: str) -> Path:
    body = {
        "expense_id": "01KAB3XYZ0000000000000000A",
        "content_type": "image/jpeg",
        "size": 250000,
    }
    return script(folder, "presign", POST_LUA % (json.dumps(json.dumps(body)), access_token))


def refresh_script(folder: Path, signed_in: list[dict[str, Any]]) -> Path:
    tokens = ", ".join(json.dumps(session["refresh_token"]) for session in signed_in)
    return script(folder, "refresh", REFRESH_LUA % tokens)


def rotations_alone(endpoint: str, table: str, seconds: int, connections: int) -> dict[str, float]:
    """Refresh-token rotations per second with no HTTP, Flask or gunicorn around them: the
    gateway's own `SessionFamilies.rotate` (one conditional UpdateItem) against the moto
    server, from `connections` threads. The bound on `/refresh` that moto sets."""
    from concurrent.futures import ThreadPoolExecutor

    from server.aws_clients import new_session
    from server.sessions import SessionFamilies
    from server.tokens import RefreshToken

    def chain(number: int) -> list[float]:
        families = SessionFamilies(
            new_session(REGION).client("dynamodb", endpoint_url=endpoint), table
        )
        token = families.start(
            "01KAB3XYZ0000000000000000A", "bench", f"bench{number:011d}", "bench"
        ).token
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
        "errors": 0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="rounds; medians are printed")
    parser.add_argument("--connections", type=int, default=2, help="wrk connections (and threads)")
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        print("bench_gateway: needs wrk (apt-get install wrk)", file=sys.stderr)
        return 2
    os.environ.update(AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench")
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
        app = "server:create_app()"
        gateway = running.enter_context(
            gunicorn(app, environ, folder / "gateway.log", "/api/v1/healthz", workers=2)
        )
        hello = running.enter_context(
            gunicorn("hello:app", {}, folder / "hello.log", "/", workers=2, pythonpath=folder)
        )
        login = new_user(gateway)
        presign = presign_script(folder, sessions(gateway, login, 1)[0]["access_token"])
        results: dict[str, list[dict[str, float]]] = {}
        calls: dict[str, Counter[str]] = {}
        requests: Counter[str] = Counter()
        for _ in range(options.rounds):
            refresh = refresh_script(folder, sessions(gateway, login, options.connections))
            cases = {
                "hello world": (hello + "/", None),
                "healthz": (gateway + "/api/v1/healthz", None),
                "presign": (gateway + "/api/v1/receipts/presign", presign),
                "refresh": (gateway + "/", refresh),
            }
            for name, (url, lua) in cases.items():
                before = counted[0].snapshot()
                measured = wrk(url, options.seconds, options.connections, lua)
                results.setdefault(name, []).append(measured)
                calls.setdefault(name, Counter()).update(counted[0].snapshot() - before)
                requests[name] += int(measured["requests"])
            results.setdefault("rotate only", []).append(
                rotations_alone(
                    endpoint, environ["SBP_SESSIONS_TABLE"], options.seconds, options.connections
                )
            )
    report(results, {name: per_request(calls[name], requests[name]) for name in calls})
    return 0


def per_request(calls: Counter[str], requests: int) -> dict[str, float]:
    """AWS calls per request, by operation."""
    return {operation: count / max(requests, 1) for operation, count in calls.most_common()}


def report(results: dict[str, list[dict[str, float]]], calls: dict[str, dict[str, float]]) -> None:
    floor = statistics.median(run["rps"] for run in results["hello world"])
    print(
        f"{'endpoint':<12} {'req/s':>9} {'x hello':>8} {'p99 ms':>8} {'non-2xx':>8} {'AWS/req':>8}"
    )
    for name, runs in results.items():
        rate = statistics.median(run["rps"] for run in runs)
        p99 = statistics.median(run["p99_ms"] for run in runs)
        errors = int(sum(run["errors"] for run in runs))
        aws = f"{sum(calls[name].values()):.3f}" if name in calls else "1"
        print(f"{name:<12} {rate:>9.0f} {rate / floor:>8.2f} {p99:>8.1f} {errors:>8} {aws:>8}")
    print("targets: presign and refresh >= 0.50 x hello, p99 < 50 ms")
    for name in ("presign", "refresh"):
        named = ", ".join(f"{operation} {count:.3f}" for operation, count in calls[name].items())
        print(f"AWS calls per {name}: {named or 'none'}")
    write = statistics.median(run["median_ms"] for run in results["rotate only"])
    print(
        f"rotate only: refresh's one conditional UpdateItem, straight to moto, no HTTP around it: "
        f"{write:.1f} ms each (median), the floor moto puts under /refresh"
    )


if __name__ == "__main__":
    raise SystemExit(main())
