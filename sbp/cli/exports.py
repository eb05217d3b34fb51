"""`sbp export`: the store as CSV, JSON, a ledger/hledger journal or a beancount file.

CSV and JSON come back in with `sbp import` unchanged; the journal formats are checked by the
real tools in the tests. Output goes to stdout, or to a file written whole or not at all
(`sbp.render.destination`).
"""

from __future__ import annotations

import sys

import typer

from sbp.cli.context import planner
from sbp.render.destination import destination, write

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
    target = None if out is None or out == "-" else destination(out)
    the_planner = planner()
    chunks = the_planner.export(fmt.lower(), month=month, start=start, end=end)
    if target is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
    else:
        write(target, (chunk.encode() for chunk in chunks))
    damage = the_planner.store_damage()  # a damaged store: say what could not be read
    if damage is not None:
        raise damage
