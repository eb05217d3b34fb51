"""What every importer hands back: parsed rows and bad rows, errors as values beside the data.

A `Statement` is one file read lazily: its rows (a `Row` or a `BadRow` each, in file order) and
what the reader had to guess about the file, so a person can pin the guesses with `--map`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import NamedTuple

from sbp.core.model import CategorySource, Expense
from sbp.core.money import from_minor


class Row(NamedTuple):
    """One transaction as a bank wrote it, in sbp's sign: positive money spent, negative back.

    A named tuple rather than a frozen dataclass: a big file makes one per line, and a tuple is
    built several times faster.
    """

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


class ImportedExpense(NamedTuple):
    """One new expense of an import, already in the shape every store keeps: ISO text for the
    day and the time, money in integer minor units, the fields in the order stores write them.

    Bulk writes take these rather than `Expense`s, so a million-row import neither builds a
    million objects nor has the store take them apart again.
    """

    id: str
    date: str  # yyyy-mm-dd
    amount_minor: int
    currency: str
    description: str
    category: str
    category_source: str  # a CategorySource value
    note: str
    import_fingerprint: str
    import_batch: str
    created_at: str  # ISO 8601 with its offset; also the time of the last update
    search_text: str  # the description and note folded for searching (core.search)

    def expense(self) -> Expense:
        """The same expense as the core's `Expense`."""
        created = datetime.fromisoformat(self.created_at)
        return Expense(
            id=self.id,
            date=date.fromisoformat(self.date),
            amount=from_minor(self.amount_minor, self.currency),
            currency=self.currency,
            description=self.description,
            category=self.category,
            category_source=CategorySource(self.category_source),
            created_at=created,
            updated_at=created,
            note=self.note,
            import_fingerprint=self.import_fingerprint,
            import_batch=self.import_batch,
        )
