"""One file's import against a ledger: sort each row into new, duplicate, possible duplicate or
invalid, categorize the new ones and store them in chunks, all inside the caller's transaction.

Duplicates are found in layers: the bank's own transaction id or the row's fingerprint, looked
up in the store chunk by chunk through an index (never every fingerprint at once); then a fuzzy
match against expenses typed by hand, which is reported and never merged unless forced.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from sbp.core.categorize import Categorizer
from sbp.core.fingerprint import FUZZY_DAYS, closest_match, day_prefix
from sbp.core.importers.categories import ImportCategorizer
from sbp.core.importers.prepare import Chunk, ChunkMaker
from sbp.core.importers.rows import BadRow, ImportBatch, ImportedExpense, Row, Statement
from sbp.core.model import Expense
from sbp.core.ports import Ledger

NEW, DUPLICATE, POSSIBLE, INVALID = "new", "duplicate", "possible duplicate", "invalid"


@dataclass(frozen=True)
class RowOutcome:
    """What happened (or, in a dry run, would happen) to one row."""

    line: int
    status: str
    date: date | None = None
    amount: Decimal | None = None
    currency: str = ""
    description: str = ""
    category: str = ""
    detail: str = ""


@dataclass
class FileImport:
    """The result of importing one file: counts, the rows worth showing, and the batch."""

    source: str
    kind: str
    batch_id: str | None = None
    added: int = 0
    duplicates: int = 0
    possible: list[RowOutcome] = field(default_factory=list)
    invalid: list[BadRow] = field(default_factory=list)
    guesses: list[str] = field(default_factory=list)
    rows: list[RowOutcome] = field(default_factory=list)
    layout: dict[str, str] = field(default_factory=dict)
    stored: bool = False

    def batch(self, batch_id: str, now: datetime) -> ImportBatch:
        """The batch record of this import."""
        return ImportBatch(
            batch_id, now, self.source, self.kind, self.added, self.duplicates,
            len(self.possible), len(self.invalid),
        )  # fmt: skip


@dataclass(frozen=True)
class ImportOptions:
    """How to import: the account rows belong to, and what to do with flagged rows."""

    account: str = ""
    force: bool = False
    keep_rows: bool = False  # a dry run lists every row


class ImportRun:
    """Imports one statement's rows into a ledger, inside a transaction the caller holds."""

    def __init__(
        self,
        ledger: Ledger,
        categorizer: Categorizer,
        options: ImportOptions,
        now: datetime,
        batch_id: str,
    ) -> None:
        self.ledger = ledger
        self.options = options
        self.now = now
        self.batch_id = batch_id
        self._categories = ImportCategorizer(categorizer)
        self._imported_on: dict[date, bool] = {}

    def run(
        self, statement: Statement, progress: Callable[[int], None] | None = None
    ) -> FileImport:
        """Sort and store every row of the statement; the result says what happened."""
        result = FileImport(statement.name, statement.kind, guesses=list(statement.guesses))
        result.layout = dict(statement.layout)
        account = self.options.account or statement.account
        maker = ChunkMaker(self._categories, account, self.batch_id, self.now)
        done = 0
        for chunk in maker.chunks(statement.rows):
            for bad in chunk.bad:
                result.invalid.append(bad)
                self._keep(result, RowOutcome(bad.line, INVALID, detail=bad.reason))
            self._store(*self._unseen(chunk, result), result)
            done += chunk.size
            if progress is not None:
                progress(done)
        result.possible.sort(key=lambda outcome: outcome.line)
        result.rows.sort(key=lambda outcome: outcome.line)
        return result

    def _unseen(self, chunk: Chunk, result: FileImport) -> tuple[list[Row], list[ImportedExpense]]:
        """The chunk's rows not stored before, and their expenses; duplicates are counted."""
        # A content fingerprint can only be stored already if an import before this one had a
        # row on that day; the rows of a day no import has touched need no lookup.
        touched = {day for day in {row.date for row in chunk.rows} if self._imported_before(day)}
        asked = [
            key
            for row, key in zip(chunk.rows, chunk.keys, strict=True)
            if row.bank_id or row.date in touched
        ]
        known = self.ledger.known_import_keys(asked) if asked else set()
        if not known and len(set(asked)) == len(asked):
            return chunk.rows, chunk.expenses  # the usual first import: every row is new
        rows: list[Row] = []
        expenses: list[ImportedExpense] = []
        for row, expense in zip(chunk.rows, chunk.expenses, strict=True):
            key = expense.import_fingerprint
            if key in known:
                result.duplicates += 1
                if self.options.keep_rows:
                    self._keep(result, _outcome(row, DUPLICATE, detail="already imported"))
                continue
            known.add(key)  # the same bank id twice in one chunk is one transaction
            rows.append(row)
            expenses.append(expense)
        return rows, expenses

    def _imported_before(self, day: date) -> bool:
        """Whether the store had imported rows on `day` before this import began.

        Asked the first time the day comes up, before any of this import's rows on it are
        stored; after that this import's own fingerprints are unique by construction.
        """
        before = self._imported_on.get(day)
        if before is None:
            before = self._imported_on[day] = self.ledger.has_import_keys_starting(day_prefix(day))
        return before

    def _store(self, rows: list[Row], expenses: list[ImportedExpense], result: FileImport) -> None:
        if rows and not self.options.force:
            by_hand = self._hand_entered(rows)
            if by_hand:
                kept = [
                    i for i, row in enumerate(rows)
                    if not self._flagged(row, expenses[i], by_hand, result)
                ]  # fmt: skip
                rows, expenses = [rows[i] for i in kept], [expenses[i] for i in kept]
        if expenses:
            self.ledger.add_many(expenses)
            result.added += len(expenses)
        if self.options.keep_rows:
            for row, expense in zip(rows, expenses, strict=True):
                self._keep(result, _outcome(row, NEW, expense.category))

    def _flagged(
        self,
        row: Row,
        expense: ImportedExpense,
        by_hand: dict[tuple[Decimal, str], list[Expense]],
        result: FileImport,
    ) -> bool:
        """Whether the row may duplicate an expense typed by hand (then it is reported)."""
        same_amount = by_hand.get((row.amount, row.currency), ())
        match = closest_match(row.date, row.amount, row.currency, row.description, same_amount)
        if match is None:
            return False
        flagged = _outcome(row, POSSIBLE, expense.category, f"like {match} entered by hand")
        result.possible.append(flagged)
        self._keep(result, flagged)
        return True

    def _hand_entered(self, rows: list[Row]) -> dict[tuple[Decimal, str], list[Expense]]:
        days = [row.date for row in rows]
        margin = timedelta(days=FUZZY_DAYS)
        by_amount: dict[tuple[Decimal, str], list[Expense]] = {}
        for expense in self.ledger.hand_entered(min(days) - margin, max(days) + margin):
            by_amount.setdefault((expense.amount, expense.currency), []).append(expense)
        return by_amount

    def _keep(self, result: FileImport, outcome: RowOutcome) -> None:
        if self.options.keep_rows:
            result.rows.append(outcome)


def _outcome(row: Row, status: str, category: str = "", detail: str = "") -> RowOutcome:
    return RowOutcome(
        row.line, status, row.date, row.amount, row.currency, row.description, category, detail
    )


class DiscardImport(Exception):
    """Raised inside the import's transaction to roll it back (a dry run, or bad rows)."""
