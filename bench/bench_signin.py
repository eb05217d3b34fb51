"""Sign-in benchmark on the local stack: `sbp login` end to end, and `sbp add` signed in
against signed out.

    python bench/bench_signin.py [--runs 11]

Starts `python -m cloud.local up` (moto, the Lambda runner, the gateway under gunicorn with 2
workers), registers one person, then times fresh processes of the installed `sbp`, taking turns
so a busy machine slows every case alike:

- `sbp login` from a new device each time (a new data folder and keyring file), beside the
  gateway's own answer to the same POST /login (most of it is the argon2id check, 64 MiB and
  3 passes) and the floor `sbp --version`;
- `sbp add` on a signed-in device and on a signed-out one: the target is signed in at most
  1.1x signed out, since nothing on `add`'s path may wait for the network.
"""

from __future__ import annotations

import argparse
import json
import secrets
import statistics
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "e2e")]  # the helpers the end-to-end tests use

from local_stack import Device, LocalStack  # noqa: E402


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sbp-bench-signin-"))
    stack = LocalStack.start(work / "stack.log")
    try:
        report(measure(stack, work, options.runs), options.runs)
    finally:
        stack.stop()


def measure(stack: LocalStack, work: Path, runs: int) -> dict[str, float]:
    name, password = f"bench{secrets.token_hex(3)}", f"a bench phrase {secrets.token_hex(8)}"
    first = Device(work / "first", work / "first.keyring")
    first.ok(
        "register", "-u", name, "--email", f"{name}@example.com", "--gateway", stack.gateway,
        "--password-stdin", stdin=password + "\n",
    )  # fmt: skip
    signed_in = Device(work / "in", work / "in.keyring")
    signed_in.ok("login", "--gateway", stack.gateway, "-u", name, "--password-stdin",
                 stdin=password + "\n")  # fmt: skip
    signed_out = Device(work / "out", work / "out.keyring")
    devices = iter(range(10_000))

    def login() -> None:
        device = Device(work / f"d{next(devices)}", work / "d.keyring")
        device.ok("login", "--gateway", stack.gateway, "-u", name, "--password-stdin",
                  stdin=password + "\n")  # fmt: skip

    def gateway_login() -> None:
        body = {
            "login": name,
            "password": password,
            "device": {"id": "bench00000000000", "name": "b"},
        }
        request = urllib.request.Request(
            stack.gateway + "/api/v1/login", json.dumps(body).encode(),
            {"Content-Type": "application/json"},
        )  # fmt: skip
        with urllib.request.urlopen(request, timeout=60) as answer:
            answer.read()

    cases: dict[str, Callable[[], object]] = {
        "floor": lambda: signed_out.ok("--version"),
        "login": login,
        "gateway": gateway_login,
        "add in": lambda: signed_in.ok("add", "4.20", "coffee"),
        "add out": lambda: signed_out.ok("add", "4.20", "coffee"),
    }
    times: dict[str, list[float]] = {case: [] for case in cases}
    for number in range(runs + 1):
        for case, run in cases.items():
            seconds = timed(run)
            if number:  # the first round warms caches and writes bytecode
                times[case].append(seconds)
    assert all("Traceback" not in err for err in signed_in.errors + signed_out.errors)
    return {case: statistics.median(values) for case, values in times.items()}


def report(found: dict[str, float], runs: int) -> None:
    ms = {case: seconds * 1000 for case, seconds in found.items()}
    print(f"medians over {runs} runs, local stack (gateway under gunicorn, 2 workers)")
    print(f"floor  sbp --version                     {ms['floor']:7.1f} ms")
    print(
        f"sbp login, new device, end to end       {ms['login']:7.1f} ms"
        f"  {ms['login'] / ms['floor']:5.2f}x floor"
    )
    print(
        f"  of which the gateway's POST /login     {ms['gateway']:7.1f} ms"
        f"  ({ms['gateway'] / ms['login']:.0%})"
    )
    print(f"sbp add, signed out                     {ms['add out']:7.1f} ms")
    print(
        f"sbp add, signed in                      {ms['add in']:7.1f} ms"
        f"  {ms['add in'] / ms['add out']:5.2f}x signed out (target 1.1x)"
    )


if __name__ == "__main__":
    sys.exit(main())
