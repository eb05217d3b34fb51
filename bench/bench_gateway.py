"""Gateway benchmark: requests per second and p99 latency under gunicorn, against a hello world.

The gateway runs under gunicorn (2 sync workers) on loopback, over a moto server that holds its
tables, bucket, topic and role; a bare Flask hello world runs under the same gunicorn settings
in the same run, and is the floor the ratios are taken against. `wrk` (Debian package `wrk`)
drives `GET /api/v1/healthz`, `POST /api/v1/receipts/presign` and `POST /api/v1/refresh` (each
connection refreshes its own session in a chain: a refresh token works once). Targets (issue
12): presign and refresh at no less than half the hello world's rate, p99 under 50 ms.

    python bench/bench_gateway.py [--seconds 10] [--rounds 3] [--connections 2]

Every figure is the median of the rounds, and the rounds take turns with the hello world so a
busy machine slows all alike. Production argon2 parameters are used (sign-in is not measured).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ACCOUNT, REGION, PREFIX = "123456789012", "us-east-1", "sbp-bench"
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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def stack_environ(endpoint: str) -> dict[str, str]:
    return {
        "SBP_USERS_TABLE": f"{PREFIX}-users",
        "SBP_SESSIONS_TABLE": f"{PREFIX}-sessions",
        "SBP_ATTEMPTS_TABLE": f"{PREFIX}-login-attempts",
        "SBP_REPLICA_TABLE": f"{PREFIX}-replica",
        "SBP_BUCKET": f"{PREFIX}-data-{ACCOUNT}-{REGION}",
        "SBP_CATEGORIZE_QUEUE_URL": f"{endpoint}/{ACCOUNT}/{PREFIX}-categorize",
        "SBP_ALERTS_TOPIC": f"arn:aws:sns:{REGION}:{ACCOUNT}:{PREFIX}-alerts",
        "SBP_CLIENT_ROLE_ARN": f"arn:aws:iam::{ACCOUNT}:role/{PREFIX}-client",
        "SBP_REPORT_FUNCTION": f"{PREFIX}-report-generator",
        "SBP_TOKEN_KEYS": secrets.token_hex(32),
        "SBP_TRUSTED_HOSTS": "127.0.0.1",
        "AWS_REGION": REGION,
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": "bench",
        "AWS_SECRET_ACCESS_KEY": "bench",
    }


def build_stack(environ: dict[str, str]) -> None:
    """The gateway's tables, bucket, queue, topic and client role on the moto server."""
    import boto3

    from server.config import GatewayConfig
    from server.tables import create_gateway_tables

    config = GatewayConfig.from_environ(environ)
    session = boto3.session.Session(
        aws_access_key_id="bench", aws_secret_access_key="bench", region_name=REGION
    )

    def client(service: str) -> Any:
        return session.client(service, endpoint_url=environ["AWS_ENDPOINT_URL"])

    create_gateway_tables(client("dynamodb"), config)
    client("s3").create_bucket(Bucket=config.bucket)
    client("sqs").create_queue(QueueName=f"{PREFIX}-categorize")
    client("sns").create_topic(Name=f"{PREFIX}-alerts")
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
             "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}}]}  # fmt: skip
    client("iam").create_role(
        RoleName=f"{PREFIX}-client", AssumeRolePolicyDocument=json.dumps(trust)
    )


@contextmanager
def moto_server() -> Iterator[str]:
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request on the console
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=free_port(), verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@contextmanager
def gunicorn(app: str, environ: dict[str, str], folder: Path, ready_path: str) -> Iterator[str]:
    """`app` under gunicorn with 2 sync workers on a free loopback port, until the block ends."""
    port = free_port()
    log = (folder / f"gunicorn-{port}.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "--chdir", str(ROOT), "--pythonpath", str(folder), app],
        env={**os.environ, **environ}, stdout=log, stderr=log,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + ready_path, process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn stopped (exit {process.returncode}); see its log")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer within a minute")


def call(base: str, path: str, body: dict[str, Any], token: str | None = None) -> dict[str, Any]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(base + path, json.dumps(body).encode(), headers, method="POST")
    with urllib.request.urlopen(request, timeout=30) as answer:
        text = answer.read()
    return dict(json.loads(text)) if text else {}


def sessions(base: str, count: int) -> list[dict[str, Any]]:
    """`count` signed-in sessions of one new user (one per wrk connection)."""
    password = "a benchmark passphrase " + secrets.token_hex(4)
    call(
        base,
        "/api/v1/register",
        {"username": "bench", "email": "bench@example.com", "password": password},
    )
    device = {"id": "bench00000000000", "name": "bench"}
    login = {"login": "bench", "password": password, "device": device}
    return [call(base, "/api/v1/login", login) for _ in range(count)]


def wrk(url: str, seconds: int, connections: int, script: Path | None = None) -> dict[str, float]:
    """Requests per second, p99 in milliseconds and non-2xx answers of one wrk run."""
    argv = ["wrk", f"-t{connections}", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if script is not None:
        argv[1:1] = ["-s", str(script)]
    out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])  # type: ignore[index]
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    assert p99 is not None, out
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99[2]]
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return {
        "rps": rate,
        "p99_ms": float(p99[1]) * scale,
        "errors": float(errors[1]) if errors else 0.0,
    }


def scripts(folder: Path, session: dict[str, Any], tokens: list[str]) -> dict[str, Path]:
    presign = json.dumps(
        {"expense_id": "01KAB3XYZ0000000000000000A", "content_type": "image/jpeg", "size": 250000}
    )
    made = {
        "presign": POST_LUA % (json.dumps(presign), session["access_token"]),
        "refresh": REFRESH_LUA % ", ".join(json.dumps(token) for token in tokens),
    }
    paths = {}
    for name, text in made.items():
        paths[name] = folder / f"{name}.lua"
        paths[name].write_text(text)
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="rounds; medians are printed")
    parser.add_argument("--connections", type=int, default=2, help="wrk connections (and threads)")
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        print("bench_gateway: needs wrk (apt-get install wrk)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as temp, moto_server() as endpoint:
        folder = Path(temp)
        (folder / "hello.py").write_text(HELLO)
        environ = stack_environ(endpoint)
        build_stack(environ)
        with gunicorn("server:create_app()", environ, folder, "/api/v1/healthz") as gateway, \
                gunicorn("hello:app", {}, folder, "/") as hello:  # fmt: skip
            signed_in = sessions(gateway, options.connections + 1)
            lua = scripts(folder, signed_in[0], [s["refresh_token"] for s in signed_in[1:]])
            cases = {
                "hello world": (hello + "/", None),
                "healthz": (gateway + "/api/v1/healthz", None),
                "presign": (gateway + "/api/v1/receipts/presign", lua["presign"]),
                "refresh": (gateway + "/", lua["refresh"]),
            }
            results: dict[str, list[dict[str, float]]] = {name: [] for name in cases}
            for _ in range(options.rounds):
                for name, (url, script) in cases.items():
                    results[name].append(wrk(url, options.seconds, options.connections, script))
    report(results)
    return 0


def report(results: dict[str, list[dict[str, float]]]) -> None:
    floor = statistics.median(run["rps"] for run in results["hello world"])
    print(f"{'endpoint':<12} {'req/s':>9} {'x hello':>8} {'p99 ms':>8} {'non-2xx':>8}")
    for name, runs in results.items():
        rate = statistics.median(run["rps"] for run in runs)
        p99 = statistics.median(run["p99_ms"] for run in runs)
        errors = int(sum(run["errors"] for run in runs))
        print(f"{name:<12} {rate:>9.0f} {rate / floor:>8.2f} {p99:>8.1f} {errors:>8}")
    print("targets: presign and refresh >= 0.50 x hello, p99 < 50 ms")


if __name__ == "__main__":
    raise SystemExit(main())
