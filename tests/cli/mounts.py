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


def run_mounted(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a Python `script` with `args` in a mount namespace of its own."""
    return subprocess.run(
        ["unshare", "--mount", "--propagation", "private", sys.executable, "-c", script, *args],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
