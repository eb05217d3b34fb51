"""What every importer hands back: parsed rows and bad rows, errors as values beside the data.

A `Statement` is one file read lazily: its records (a `Row`, a `BadRow` or a `SkippedRow` each,
in file order) and what the reader had to guess about the file, so a person can pin the guesses
with `--map`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from itertools import islice
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
    kind: str = ""
    """The bank's own code for the kind of transaction, as written: OFX `TRNTYPE` (`XFER`,
    `ATM`, `DIRECTDEBIT`), a UK code (`DD`, `SO`, `FPO`, `BGC`), an export's type column."""
    mcc: str | None = None
    """The merchant category code (ISO 18245, four digits) where the bank gives one."""
    # sbp's own exports only (see `restore`): the category's source, the account, the key
    category_source: str = ""
    account: str = ""
    import_key: str = ""


class RowColumns(NamedTuple):
    """Good rows of a file read together, as columns: the rows of a big CSV file come this way,
    so that each later step can go down a column in one call instead of a line of Python a row.

    The columns run in step, in file order; an absent optional column is None.
    """

    lines: Sequence[int]
    dates: Sequence[date]
    amounts: Sequence[Decimal]
    currencies: Sequence[str]
    descriptions: Sequence[str]
    bank_ids: Sequence[str] | None = None
    categories: Sequence[str] | None = None
    notes: Sequence[str] | None = None
    kinds: Sequence[str] | None = None
    mccs: Sequence[str | None] | None = None
    sources: Sequence[str] | None = None
    accounts: Sequence[str] | None = None
    import_keys: Sequence[str] | None = None

    @classmethod
    def of_rows(cls, rows: Sequence[Row]) -> RowColumns:
        """The same rows as columns."""
        if not rows:
            return cls([], [], [], [], [])
        return cls(*zip(*rows, strict=True))


@dataclass(frozen=True, slots=True)
class BadRow:
    """A row that could not be read, with where it is and why, for `file:line: reason`."""

    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A record that is no transaction (a pending or zero-amount row, a repeated header, a
    summary line, an investment statement): counted and said, never imported, never an error."""

    line: int
    reason: str


Record = Row | BadRow | SkippedRow
"""What a reader yields for each record of a file."""


@dataclass
class Statement:
    """One file's rows (read lazily) and what was guessed to read them."""

    name: str
    kind: str
    rows: Iterator[Record]
    guesses: list[str] = field(default_factory=list)
    account: str = ""
    layout: dict[str, str] = field(default_factory=dict)
    """The settings that pin this layout, in `--map` form, for `--save-profile`."""
    own_export: bool = False
    """Whether the file is sbp's own export, whose ids are its expenses' (see `restore`)."""
    own_categories: bool = False
    """Whether the file's categories are the person's own, kept as they are: sbp's own exports
    and listings, and QIF (a bank's category column is only mapped)."""
    blocks: Callable[[int], Iterator[Block]] | None = None
    """Reads the same rows a block at a time, where the reader can (see `in_blocks`)."""

    def in_blocks(self, size: int) -> Iterator[Block]:
        """The rows in blocks of up to `size` records: lists of rows, or good rows as columns.
        Read either these or `rows`, not both: they come from one stream."""
        if self.blocks is not None:
            return self.blocks(size)
        return _lists(self.rows, size)


Block = list[Record] | RowColumns
"""Some consecutive records of a file: rows one by one, or good rows as columns."""


def _lists(rows: Iterator[Record], size: int) -> Iterator[Block]:
    while block := list(islice(rows, size)):
        yield block


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
    import_fingerprint: str  # "" only for an expense sbp's own export restores as typed by hand
    import_batch: str
    created_at: str  # ISO 8601 with its offset; also the time of the last update
    search_text: str  # the description and note folded for searching (core.search)
    account: str = ""

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
            import_fingerprint=self.import_fingerprint or None,
            import_batch=self.import_batch,
            account=self.account,
        )
