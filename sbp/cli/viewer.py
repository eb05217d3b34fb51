"""Handing a file (a report, a receipt) to the desktop's own viewer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def open_with_viewer(path: Path, what: str) -> None:
    """Open `path` (a `what`: "report", "receipt") in the system's viewer; a missing viewer is
    a warning, not a failure."""
    if sys.platform == "win32":
        os.startfile(path)  # type: ignore[attr-defined]
        return
    command = "open" if sys.platform == "darwin" else "xdg-open"
    try:
        subprocess.Popen(
            [command, str(path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        print(f"sbp: could not start {command}; the {what} is at {path}", file=sys.stderr)
