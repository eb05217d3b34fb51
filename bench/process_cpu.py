"""CPU time of the benchmark's server processes, read from Linux's /proc.

Requests per second with two connections mostly measure latency; the CPU time each process
spent per request says whose work a request's time is: the gateway's workers, the DynamoDB
behind them, or the load generator. Elsewhere than Linux the figures are left out.
"""

from __future__ import annotations

import os
from pathlib import Path

PROC = Path("/proc")


def cpu_seconds(pids: list[int]) -> float | None:
    """User plus system CPU seconds the processes have used so far; None for no process, or
    without /proc."""
    if not pids:
        return None
    total = 0
    try:
        for pid in pids:
            fields = (PROC / str(pid) / "stat").read_text().rpartition(")")[2].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    except (OSError, IndexError, ValueError):
        return None
    return total / os.sysconf("SC_CLK_TCK")


def gunicorn_workers(base_url: str) -> list[int]:
    """The worker processes of the gunicorn bound to `base_url`'s address: the processes with
    that `--bind` whose parent has it too."""
    bind = base_url.removeprefix("http://").encode()
    bound: dict[int, int] = {}
    for entry in PROC.glob("[0-9]*"):
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
            if b"--bind" in argv and bind in argv:
                stat = (entry / "stat").read_text().rpartition(")")[2].split()
                bound[int(entry.name)] = int(stat[1])
        except (OSError, IndexError, ValueError):
            continue
    return [pid for pid, parent in bound.items() if parent in bound]
