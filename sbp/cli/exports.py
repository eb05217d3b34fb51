"""`sbp export`: the store as CSV, JSON, a ledger/hledger journal or a beancount file.

CSV and JSON come back in with `sbp import` unchanged; the journal formats are checked by the
real tools in the tests. Output goes to stdout, or to a file written whole or not at all.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

import typer

from sbp.cli.context import planner

EXAMPLES = """Examples:

\b
  sbp export > everything.csv
  sbp export --format json -o backup.json
  sbp export --format ledger --month 2026-10 | hledger -f - balance
  sbp export --format beancount --from 2026-01-01 --to 2026-06-30 -o h1.beancount
"""


def register(app: typer.Typer) -> None:
    """Add `sbp export` to the root app."""
    app.command("export", epilog=EXAMPLES)(export)


def export(
    fmt: str = typer.Option("csv", "--format", "-f", help="csv, json, ledger or beancount."),
    month: str | None = typer.Option(None, "--month", "-m", help="Only this month (YYYY-MM)."),
    start: str | None = typer.Option(None, "--from", help="First day, YYYY-MM-DD."),
    end: str | None = typer.Option(None, "--to", help="Last day, YYYY-MM-DD."),
    out: str | None = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
) -> None:
    """Write expenses (all of them unless --month or --from/--to) in a portable format."""
    the_planner = planner()
    chunks = the_planner.export(fmt.lower(), month=month, start=start, end=end)
    if out is None or out == "-":
        for chunk in chunks:
            sys.stdout.write(chunk)
    else:
        _write_whole(Path(out).expanduser(), chunks)
    damage = the_planner.store_damage()  # a damaged store: say what could not be read
    if damage is not None:
        raise damage


def _write_whole(path: Path, chunks: Iterable[str]) -> None:
    """Write through a temporary file beside `path`, so a failure leaves no half file."""
    import tempfile

    from sbp.core.errors import InvalidInput

    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError as exc:
        raise InvalidInput(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            for chunk in chunks:
                stream.write(chunk)
        os.replace(temporary, path)
    except OSError as exc:  # a full disk, say: no half file, and one line saying why
        Path(temporary).unlink(missing_ok=True)
        why = exc.strerror or exc
        raise InvalidInput(f"cannot write {path}: {why}; nothing was written") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
