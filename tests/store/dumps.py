"""Every row of a store, as SQL inserts: proof that a refused write changed nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def dump(path: Path) -> list[str]:
    """Every row of every table of the store at `path` (read through a connection of its own)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [line for line in conn.iterdump() if line.startswith("INSERT INTO")]
    finally:
        conn.close()
