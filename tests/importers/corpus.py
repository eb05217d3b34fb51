"""The bank corpus: every file in tests/fixtures/banks and what it holds (corpus.json), and one
check of a file against that, shared by the corpus test and `bench/bench_banks.py`.

A file is imported correctly when it reads without a bad row into exactly the expected number
of rows, in the expected currency, with the expected first and last row, money spent and money
in, and skips exactly the expected number of records that are no transactions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sbp.core.errors import SbpError
from sbp.core.importers.detect import read_statement
from sbp.core.importers.rows import BadRow, Row, SkippedRow

BANKS = Path(__file__).parent.parent / "fixtures" / "banks"


def corpus() -> list[dict[str, Any]]:
    """Every file of the corpus with what it holds, by file name."""
    entries: list[dict[str, Any]] = json.loads((BANKS / "corpus.json").read_text())
    return sorted(entries, key=lambda entry: entry["file"])


@dataclass
class Outcome:
    """How reading one file went: `problem` is empty when it was read exactly as expected;
    `hint` is the error's hint when reading it failed."""

    problem: str = ""
    hint: str = ""


def check(entry: dict[str, Any], mapping: dict[str, str] | None = None) -> Outcome:
    """Read one corpus file as `sbp import` would (with `mapping` as `--map`) and compare."""
    try:
        with (BANKS / entry["file"]).open("rb") as stream:
            statement = read_statement(
                entry["file"], stream, mapping or {}, entry.get("store", "USD")
            )
            records = list(statement.rows)
    except SbpError as error:
        return Outcome(f"refused: {error}", error.hint or "")
    rows = [r for r in records if isinstance(r, Row)]
    bad = [r for r in records if isinstance(r, BadRow)]
    skipped = [r for r in records if isinstance(r, SkippedRow)]
    return Outcome(_difference(entry, rows, bad, skipped))


def _difference(
    entry: dict[str, Any], rows: list[Row], bad: list[BadRow], skipped: list[SkippedRow]
) -> str:
    if bad:
        return f"bad rows: {[(b.line, b.reason) for b in bad[:3]]}"
    if len(rows) != entry["rows"]:
        return f"{len(rows)} rows, expected {entry['rows']}"
    if len(skipped) != entry["skipped"]:
        return f"skipped {[(s.line, s.reason) for s in skipped]}, expected {entry['skipped']}"
    currencies = {row.currency for row in rows}
    if currencies != set(entry.get("currencies") or [entry["currency"]]):
        return f"currencies {sorted(currencies)}, expected {entry.get('currency', '')}"
    for which, row in (("first", rows[0]), ("last", rows[-1])):
        expected = entry[which]
        seen = [row.date.isoformat(), str(row.amount), row.description]
        if (row.date, row.amount, row.description) != (
            date.fromisoformat(expected[0]),
            Decimal(expected[1]),
            expected[2],
        ):
            return f"{which} row {seen}, expected {expected}"
    spent = sum((r.amount for r in rows if r.amount > 0), Decimal(0))
    money_in = -sum((r.amount for r in rows if r.amount < 0), Decimal(0))
    if (spent, money_in) != (Decimal(entry["spent"]), Decimal(entry["money_in"])):
        return f"spent {spent} and in {money_in}, expected {entry['spent']}, {entry['money_in']}"
    return ""
