"""Small filesystems of a test's own: a tmpfs mounted in a private mount namespace
(`unshare --mount`), so nothing it mounts outlives the test. Needs Linux and root."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys

import pytest


@functools.cache
def why_not() -> str | None:
    """Why this machine cannot mount a filesystem for a test, or None when it can."""
    if sys.platform != "linux" or os.geteuid() != 0 or shutil.which("unshare") is None:
        return "needs Linux, root and unshare to mount a small filesystem"
    probe = subprocess.run(
        ["unshare", "--mount", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
        capture_output=True,
    )
    return None if probe.returncode == 0 else "cannot mount a tmpfs here (no CAP_SYS_ADMIN)"


needs_mounts = pytest.mark.skipif(why_not() is not None, reason=str(why_not()))


# The start of every scenario: an 8 MiB tmpfs mounted on argv[1], an SBP_HOME on it, and
# `sbp(*args)` to run the program there and keep what it did.
SCENARIO_START = r"""
import json, os, sqlite3, subprocess, sys
from pathlib import Path

disk = Path(sys.argv[1])
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(disk)], check=True)
home = disk / "home"
home.mkdir()
(home / "config.toml").write_text('base_currency = "USD"\n')
env = {**os.environ, "SBP_HOME": str(home)}

def sbp(*args):
    done = subprocess.run([sys.executable, "-m", "sbp", *args], env=env, capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=120)
    return {"args": list(args), "code": done.returncode, "out": done.stdout, "err": done.stderr}
"""


def run_mounted(scenario: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run SCENARIO_START and then the Python `scenario`, with `args` (the folder to mount
    on first), in a mount namespace of its own."""
    script = SCENARIO_START + scenario
    return subprocess.run(
        ["unshare", "--mount", "--propagation", "private", sys.executable, "-c", script, *args],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
