"""A gateway served as it is deployed: a moto server on loopback and gunicorn in a subprocess.

Used by the end-to-end test and by `bench/bench_gateway.py`. Both servers listen on loopback
only and stop when their `with` block ends.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def moto_server(wrap: Callable[[Any], Any] | None = None) -> Iterator[str]:
    """A moto server on a free loopback port; yields its URL. `wrap`, when given, is applied to
    its WSGI application (the benchmark counts the AWS calls it answers that way)."""
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request on the console
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=free_port(), verbose=False)
    server.start()
    if wrap is not None:
        # ThreadedMotoServer offers no hook; its werkzeug server reads `app` on each request.
        server._server.app = wrap(server._server.app)
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@contextmanager
def gunicorn(
    app: str,
    environ: dict[str, str],
    log: Path,
    ready_path: str,
    *,
    workers: int = 1,
    pythonpath: Path | None = None,
) -> Iterator[str]:
    """`app` under gunicorn (sync workers) on a free loopback port, its output in `log`;
    yields its base URL once `ready_path` answers."""
    port = free_port()
    argv = [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--chdir",
        str(ROOT),
    ]
    if pythonpath is not None:
        argv += ["--pythonpath", str(pythonpath)]
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [*argv, app], env={**os.environ, **environ}, stdout=sink, stderr=sink
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait(base + ready_path, process)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=30)


def _wait(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped (exit {process.returncode}); see its log")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within a minute")


def call(
    base: str, path: str, body: dict[str, Any] | None = None, token: str | None = None
) -> tuple[int, Any]:
    """POST `body` (or GET without one) as JSON; the status and the decoded answer."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data, headers, method="POST" if data else "GET")
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, json.loads(answer.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())
