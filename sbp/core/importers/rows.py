"""What every importer hands back: parsed rows and bad rows, errors as values beside the data.

A `Statement` is one file read lazily: its rows (a `Row` or a `BadRow` each, in file order) and
what the reader had to guess about the file, so a person can pin the guesses with `--map`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Row:
    """One transaction as a bank wrote it, in sbp's sign: positive money spent, negative back."""

    line: int
    date: date
    amount: Decimal
    currency: str
    description: str
    bank_id: str = ""
    category: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class BadRow:
    """A row that could not be read, with where it is and why, for `file:line: reason`."""

    line: int
    reason: str


@dataclass
class Statement:
    """One file's rows (read lazily) and what was guessed to read them."""

    name: str
    kind: str
    rows: Iterator[Row | BadRow]
    guesses: list[str] = field(default_factory=list)
    account: str = ""
    layout: dict[str, str] = field(default_factory=dict)
    """The settings that pin this layout, in `--map` form, for `--save-profile`."""


@dataclass(frozen=True)
class ImportBatch:
    """One file's import: what it added (undo removes exactly that) and what it skipped."""

    id: str
    created_at: datetime
    source: str
    kind: str
    added: int = 0
    duplicates: int = 0
    possible: int = 0
    invalid: int = 0
