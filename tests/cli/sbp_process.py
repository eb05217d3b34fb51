"""The `sbp` program run in a subprocess against one SBP_HOME, as a person would run it.

`sbp("add", "12.50", "coffee")` returns what the process printed and its exit code;
`sbp.json("list")` runs a listing with `--json` and parses it; `sbp.snapshot()` dumps the whole
SQLite store so a test can prove a refused command changed nothing.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Run:
    """One finished `sbp` process."""

    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


class Sbp:
    """The `sbp` entry point bound to one SBP_HOME."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.env = {**os.environ, "SBP_HOME": str(home)}
        self.env.pop("NO_COLOR", None)

    def __call__(self, *args: str, stdin: str | None = None) -> Run:
        done = subprocess.run(
            [sys.executable, "-m", "sbp", *args],
            env=self.env,
            input=stdin if stdin is not None else "",
            capture_output=True,
            text=True,
            timeout=60,
        )
        return Run(done.returncode, done.stdout, done.stderr)

    def ok(self, *args: str) -> Run:
        """Run and insist it succeeded."""
        run = self(*args)
        assert run.code == 0, f"sbp {' '.join(args)} exited {run.code}: {run.err}"
        return run

    def json(self, *args: str) -> Any:
        """Run a listing with `--json` and parse what it printed."""
        return json.loads(self.ok(*args, "--json").out)

    def add(self, *args: str) -> str:
        """Add an expense; its full id (the second word of the line `add` prints)."""
        return self.ok("add", *args).out.split()[1]

    def snapshot(self) -> list[str]:
        """Every row of every table (undo journal and settings included), as SQL inserts.

        Only data counts: a refused command that merely created an empty store changed nothing.
        """
        path = self.home / "sbp.db"
        if not path.exists():
            return []
        conn = sqlite3.connect(path)
        try:
            return [line for line in conn.iterdump() if line.startswith("INSERT INTO")]
        finally:
            conn.close()
