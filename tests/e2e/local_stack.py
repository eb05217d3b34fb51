"""`python -m cloud.local up` in a subprocess, as a developer runs it, and the `sbp` program
run against it from fresh data folders with a keyring of their own.

`LocalStack.start()` waits for the line that says how to sign in; `stop()` presses Ctrl-C
(SIGINT) and reports whether anything it started is still running afterwards.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SBP = Path(sys.executable).parent / "sbp"  # the installed program
START_SECONDS = 120


@dataclass
class LocalStack:
    """A running local stack: the gateway's address and everything it printed."""

    process: subprocess.Popen[bytes]
    log: Path
    gateway: str = ""

    @classmethod
    def start(cls, log: Path) -> LocalStack:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        with log.open("wb") as sink:
            process = subprocess.Popen(
                [sys.executable, "-m", "cloud.local", "up", "--prefix", "sbp-e2e"],
                cwd=ROOT,
                env=env,
                stdout=sink,
                stderr=subprocess.STDOUT,
            )
        stack = cls(process, log)
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(
                    f"the local stack stopped (exit {process.returncode}):\n{stack.text()}"
                )
            found = [line for line in stack.text().splitlines() if "sbp login --gateway" in line]
            if found:
                stack.gateway = found[0].split()[-1]
                return stack
            time.sleep(0.2)
        stack.process.kill()
        raise RuntimeError(f"the local stack did not come up:\n{stack.text()}")

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def descendants(self) -> set[int]:
        """The processes the stack started (gunicorn and its workers), from /proc."""
        children: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            parent = next(
                int(line.split()[1]) for line in status.splitlines() if line.startswith("PPid:")
            )
            children.setdefault(parent, []).append(int(entry.name))
        found: set[int] = set()
        todo = [self.process.pid]
        while todo:
            for child in children.get(todo.pop(), []):
                found.add(child)
                todo.append(child)
        return found

    def stop(self) -> tuple[int, set[int]]:
        """Ctrl-C; the exit code and the started processes still alive after it."""
        started = self.descendants()
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout=60)
        time.sleep(0.5)
        return code, {pid for pid in started if Path(f"/proc/{pid}").exists() and not _zombie(pid)}


def eventually(check: Callable[[], bool], seconds: float = 60) -> bool:
    """Whether `check` comes true within `seconds` (a background sync, say)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.3)
    return False


def _zombie(pid: int) -> bool:
    try:
        return "State:\tZ" in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False


@dataclass(frozen=True)
class Run:
    """One finished `sbp`."""

    code: int
    out: str
    err: str


@dataclass
class Device:
    """A data folder of its own and a keyring file of its own: one person's machine."""

    home: Path
    keyring_file: Path
    extra_env: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # every stderr, for the log check

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "SBP_"))}
        env.pop("NO_COLOR", None)
        return {
            **env,
            "SBP_HOME": str(self.home),
            "PYTHON_KEYRING_BACKEND": "file_keyring.FileKeyring",
            "PYTHONPATH": str(HERE),
            "SBP_TEST_KEYRING": str(self.keyring_file),
            **self.extra_env,
        }

    def __call__(self, *args: str, stdin: str = "") -> Run:
        done = subprocess.run(
            [str(SBP), *args],
            env=self.env(),
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
        )
        self.errors.append(done.stderr)
        return Run(done.returncode, done.stdout, done.stderr)

    def ok(self, *args: str, stdin: str = "") -> Run:
        run = self(*args, stdin=stdin)
        assert run.code == 0, f"sbp {' '.join(args)} exited {run.code}: {run.err}"
        return run

    def keyring_entries(self) -> dict[str, Any]:
        if not self.keyring_file.exists():
            return {}
        found: dict[str, Any] = json.loads(self.keyring_file.read_text())
        return found
