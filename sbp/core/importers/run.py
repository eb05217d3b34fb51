"""One file's import against a ledger: sort each row into new, duplicate, possible duplicate or
invalid, categorize the new ones and store them in chunks, all inside the caller's transaction.

Duplicates are found in layers: the bank's own transaction id or the row's fingerprint, looked
up in the store chunk by chunk through an index (never every fingerprint at once); then a fuzzy
match against expenses typed by hand, which is reported and never merged unless forced.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from itertools import count, islice

from sbp.core.categorize import Categorizer
from sbp.core.fingerprint import FUZZY_DAYS, Fingerprinter, bank_key, closest_match
from sbp.core.ids import new_ulid
from sbp.core.importers.categories import ImportCategorizer
from sbp.core.importers.rows import BadRow, ImportBatch, Row, Statement
from sbp.core.model import Expense
from sbp.core.ports import Ledger

CHUNK = 2000
_BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's, as in ULIDs
_PAIRS = [a + b for a in _BASE32 for b in _BASE32]  # 10 bits -> two characters
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
        self._ids = batch_ulids(now)

    def run(
        self, statement: Statement, progress: Callable[[int], None] | None = None
    ) -> FileImport:
        """Sort and store every row of the statement; the result says what happened."""
        result = FileImport(statement.name, statement.kind, guesses=list(statement.guesses))
        result.layout = dict(statement.layout)
        account = self.options.account or statement.account
        fingerprints = Fingerprinter(account)
        done = 0
        for chunk in _chunks(statement.rows):
            keyed: list[tuple[Row, str]] = []
            for item in chunk:
                if isinstance(item, BadRow):
                    result.invalid.append(item)
                    self._keep(result, RowOutcome(item.line, INVALID, detail=item.reason))
                    continue
                key = (
                    bank_key(account, item.bank_id)
                    if item.bank_id
                    else fingerprints.key(item.date, item.amount, item.currency, item.description)
                )
                keyed.append((item, key))
            self._store(self._unseen(keyed, result), result)
            done += len(chunk)
            if progress is not None:
                progress(done)
        result.rows.sort(key=lambda outcome: outcome.line)
        return result

    def _unseen(
        self, keyed: Sequence[tuple[Row, str]], result: FileImport
    ) -> list[tuple[Row, str]]:
        known = self.ledger.known_import_keys([key for _, key in keyed])
        fresh: list[tuple[Row, str]] = []
        for row, key in keyed:
            if key in known:
                result.duplicates += 1
                if self.options.keep_rows:
                    self._keep(result, _outcome(row, DUPLICATE, detail="already imported"))
                continue
            known.add(key)  # the same bank id twice in one chunk is one transaction
            fresh.append((row, key))
        return fresh

    def _store(self, fresh: Sequence[tuple[Row, str]], result: FileImport) -> None:
        if not fresh:
            return
        by_hand = self._hand_entered(fresh)
        expenses: list[Expense] = []
        choose, ids, now, batch = self._categories.choose, self._ids, self.now, self.batch_id
        for row, key in fresh:
            match = None
            if by_hand:
                same_amount = by_hand.get((row.amount, row.currency), ())
                match = closest_match(
                    row.date, row.amount, row.currency, row.description, same_amount
                )
            choice = choose(row.description, row.amount < 0, row.category)
            if match is not None and not self.options.force:
                flagged = _outcome(row, POSSIBLE, choice.category, f"like {match} entered by hand")
                result.possible.append(flagged)
                self._keep(result, flagged)
                continue
            expenses.append(
                Expense(
                    id=next(ids),
                    date=row.date,
                    amount=row.amount,
                    currency=row.currency,
                    description=row.description,
                    category=choice.category,
                    category_source=choice.source,
                    created_at=now,
                    updated_at=now,
                    note=row.note,
                    import_fingerprint=key,
                    import_batch=batch,
                )
            )
            if self.options.keep_rows:
                self._keep(result, _outcome(row, NEW, choice.category))
        self.ledger.add_many(expenses)
        result.added += len(expenses)

    def _hand_entered(
        self, fresh: Sequence[tuple[Row, str]]
    ) -> dict[tuple[Decimal, str], list[Expense]]:
        days = [row.date for row, _ in fresh]
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


def batch_ulids(now: datetime) -> Iterator[str]:
    """ULIDs for one batch: the time of `now` and a random part, then a counter, so ids stay
    unique and a batch writes the store's primary key in order."""
    head = new_ulid(now)[:18]  # 48 bits of time and the top 40 random bits
    start = int.from_bytes(os.urandom(5), "big") >> 1  # room to count up without overflow
    for serial in count(start):
        yield (
            head
            + _PAIRS[serial >> 30 & 1023]
            + _PAIRS[serial >> 20 & 1023]
            + (_PAIRS[serial >> 10 & 1023] + _PAIRS[serial & 1023])
        )


def _chunks(rows: Iterable[Row | BadRow]) -> Iterator[list[Row | BadRow]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, CHUNK)):
        yield chunk


class DiscardImport(Exception):
    """Raised inside the import's transaction to roll it back (a dry run, or bad rows)."""
