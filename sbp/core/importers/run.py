"""One file's import against a ledger: sort each row into new, duplicate, possible duplicate or
invalid, categorize the new ones and store them in chunks, all inside the caller's transaction.

Duplicates are found in layers: the bank's own transaction id or the row's fingerprint, looked
up in the store chunk by chunk through an index (never every fingerprint at once); then a fuzzy
match against expenses typed by hand, which is reported and never merged unless forced.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from operator import attrgetter, itemgetter
from typing import BinaryIO

from sbp.core.accounts import account_identity
from sbp.core.categorize import Categorizer
from sbp.core.fingerprint import FUZZY_DAYS, closest_match, day_prefix, is_bank_key
from sbp.core.importers.categories import ImportCategorizer
from sbp.core.importers.links import RowLinks
from sbp.core.importers.prepare import Chunk, ChunkMaker
from sbp.core.importers.rows import BadRow, Block, ImportBatch, ImportedExpense, Statement
from sbp.core.model import CategoryTotal, Expense, Notification
from sbp.core.money import from_minor
from sbp.core.periods import Month
from sbp.core.ports import Ledger
from sbp.core.printable import shown
from sbp.core.sync.hlc import epoch_millis
from sbp.core.sync.local import LocalEdit
from sbp.core.sync.records import Kind

NEW, DUPLICATE, POSSIBLE, INVALID = "new", "duplicate", "possible duplicate", "invalid"
SKIPPED = "skipped"
CHUNK = 10_000
"""Records read, prepared and stored at a time."""
ALREADY_STORED = "an expense with this id is already stored: the stored one is kept"

Preparer = Callable[[ChunkMaker, Iterator[Block]], Iterator[Chunk]]
"""Turns a statement's blocks of rows into prepared chunks, in order (`ChunkMaker.chunks` does
it here)."""


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
    skipped: dict[str, int] = field(default_factory=dict)
    """Records that are no transactions (pending, zero, summary lines), counted by reason."""
    guesses: list[str] = field(default_factory=list)
    rows: list[RowOutcome] = field(default_factory=list)
    layout: dict[str, str] = field(default_factory=dict)
    stored: bool = False
    already_stored: int = 0
    """Rows of sbp's own export whose expense id is stored already (counted as duplicates)."""
    totals_before: dict[str, Sequence[CategoryTotal]] = field(default_factory=dict)
    """The totals of each month (`YYYY-MM`) the file has rows in, as they were before the
    import: what the budget alerts of the import are measured from."""
    alerts: list[Notification] = field(default_factory=list)

    def batch(self, batch_id: str, now: datetime) -> ImportBatch:
        """The batch record of this import."""
        return ImportBatch(
            batch_id, now, self.source, self.kind, self.added, self.duplicates,
            len(self.possible), len(self.invalid),
        )  # fmt: skip


@dataclass(frozen=True)
class ImportOptions:
    """How to import: the account rows belong to (the name to keep; see `sbp.core.accounts`),
    and what to do with flagged rows."""

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
        spill: BinaryIO | None = None,
    ) -> None:
        self.ledger = ledger
        self.options = options
        self.now = now
        self.batch_id = batch_id
        self.spill = spill  # a temporary file for the counts of identical rows of big files
        self._categorizer = categorizer
        self._imported_on: dict[str, bool] = {}
        self._pending: list[RowOutcome] = []  # the current chunk's rows, for `keep_rows`
        self._recording = ledger.sync_state().enabled  # kept for the next sync, if it syncs
        self._links = RowLinks(ledger, now)

    def run(
        self,
        statement: Statement,
        progress: Callable[[int], None] | None = None,
        prepare: Preparer | None = None,
        show: Callable[[list[RowOutcome]], None] | None = None,
    ) -> FileImport:
        """Sort and store every row of the statement; the result says what happened.

        `prepare` turns the rows into prepared chunks (by default, here and now: see
        `ChunkMaker.chunks`); another can prepare them elsewhere, such as in a second process,
        while this one stores. What happens to each row (`keep_rows`, a dry run) goes to `show`
        a chunk at a time, each in line order, where it is given, so that a file of any size can be
        listed in little memory; otherwise it is kept in the result's `rows`.
        """
        # the name and the guesses may quote the file: shown, never raw
        guesses = [shown(guess) for guess in statement.guesses]
        result = FileImport(shown(statement.name), statement.kind, guesses=guesses)
        result.layout = dict(statement.layout)
        name = self.options.account
        identity = account_identity(statement.account, name)
        categories = ImportCategorizer(self._categorizer, own_categories=own_categories(statement))
        maker = ChunkMaker(
            categories, identity, self.batch_id, self.now, self.spill,
            csv=statement.kind == "csv", account_name=name, own_export=statement.own_export,
        )  # fmt: skip
        unseen = self._unseen_restored if statement.own_export else self._unseen
        done = 0
        blocks = statement.in_blocks(CHUNK)
        for chunk in (prepare or ChunkMaker.chunks)(maker, blocks):
            for bad in chunk.bad:
                result.invalid.append(bad)
                self._keep(RowOutcome(bad.line, INVALID, detail=bad.reason))
            for skipped in chunk.skipped:
                result.skipped[skipped.reason] = result.skipped.get(skipped.reason, 0) + 1
                self._keep(RowOutcome(skipped.line, SKIPPED, detail=skipped.reason))
            self._note_months(chunk, result)
            self._store(*unseen(chunk, result), result)
            if self._pending:  # a chunk's rows follow the rows of the chunk before
                self._pending.sort(key=_line_of)
                (show or result.rows.extend)(self._pending)
                self._pending = []
            done += chunk.size
            if progress is not None:
                progress(done)
        result.possible.sort(key=_line_of)
        result.rows.sort(key=_line_of)
        return result

    def _note_months(self, chunk: Chunk, result: FileImport) -> None:
        """Keep the totals of the chunk's months not met before, before any row of it is stored."""
        before = result.totals_before
        for month in set(map(_month_of, chunk.days)) - before.keys():
            before[month] = self.ledger.month_totals(Month.parse(month))

    def _unseen(self, chunk: Chunk, result: FileImport) -> tuple[list[int], list[ImportedExpense]]:
        """The chunk's rows not stored before (lines and expenses); duplicates are counted."""
        # A content fingerprint can only be stored already if an import before this one had a
        # row on that day; the rows of a day no import has touched need no lookup.
        days = set(chunk.days)
        touched = {day for day in days if self._imported_before(day)}
        if not touched and not chunk.bank_ids:
            return chunk.lines, chunk.expenses  # the usual first import: every row is new
        asked = [
            expense.import_fingerprint
            for expense in chunk.expenses
            if expense.date in touched or is_bank_key(expense.import_fingerprint)
        ]
        known = self.ledger.known_import_keys(asked) if asked else set()
        if not known and len(set(asked)) == len(asked):
            return chunk.lines, chunk.expenses  # nothing stored before, no bank id twice
        lines: list[int] = []
        expenses: list[ImportedExpense] = []
        for line, expense in zip(chunk.lines, chunk.expenses, strict=True):
            key = expense.import_fingerprint
            if key in known:
                self._duplicate(line, expense, result, "already imported")
                continue
            known.add(key)  # the same bank id twice in one chunk is one transaction
            lines.append(line)
            expenses.append(expense)
        return lines, expenses

    def _unseen_restored(
        self, chunk: Chunk, result: FileImport
    ) -> tuple[list[int], list[ImportedExpense]]:
        """The rows of sbp's own export not stored before: a row whose expense id is stored
        (or came before in the file) is a duplicate and the stored expense is kept as it is; so
        is a row whose import key is stored (its bank file was imported since the export)."""
        ids = self.ledger.existing_ids([expense.id for expense in chunk.expenses])
        keys = [key for key in (e.import_fingerprint for e in chunk.expenses) if key]
        known = self.ledger.known_import_keys(keys) if keys else set()
        lines: list[int] = []
        expenses: list[ImportedExpense] = []
        for line, expense in zip(chunk.lines, chunk.expenses, strict=True):
            key = expense.import_fingerprint
            if expense.id in ids:
                result.already_stored += 1
                self._duplicate(line, expense, result, ALREADY_STORED)
                continue
            if key and key in known:
                self._duplicate(line, expense, result, "already imported")
                continue
            ids.add(expense.id)
            known.add(key)
            lines.append(line)
            expenses.append(expense)
        return lines, expenses

    def _duplicate(
        self, line: int, expense: ImportedExpense, result: FileImport, detail: str
    ) -> None:
        result.duplicates += 1
        if self.options.keep_rows:
            self._keep(_outcome(line, expense, DUPLICATE, detail, categorized=False))

    def _imported_before(self, day: str) -> bool:
        """Whether the store had imported rows on `day` (ISO text) before this import began.

        Asked the first time the day comes up, before any of this import's rows on it are
        stored; after that this import's own fingerprints are unique by construction.
        """
        before = self._imported_on.get(day)
        if before is None:
            prefix = day_prefix(day)
            before = self._imported_on[day] = self.ledger.has_import_keys_starting(prefix)
        return before

    def _store(self, lines: list[int], expenses: list[ImportedExpense], result: FileImport) -> None:
        by_hand = self._hand_entered(expenses) if expenses else {}
        if by_hand and self.options.force:  # kept apart, before the rows themselves are sent
            for expense in expenses:
                if self._match(expense, by_hand) is not None:
                    self._links.forced(expense.import_fingerprint)
        elif by_hand:
            kept = [
                i for i, expense in enumerate(expenses)
                if not self._flagged(lines[i], expense, by_hand, result)
            ]  # fmt: skip
            lines, expenses = [lines[i] for i in kept], [expenses[i] for i in kept]
        if expenses:
            self.ledger.add_many(expenses)
            if self._recording:
                self.ledger.record_changes(
                    [LocalEdit(Kind.EXPENSE, expense.id) for expense in expenses],
                    epoch_millis(self.now),
                )
            result.added += len(expenses)
        if self.options.keep_rows:
            for line, expense in zip(lines, expenses, strict=True):
                self._keep(_outcome(line, expense, NEW))

    def _flagged(
        self,
        line: int,
        expense: ImportedExpense,
        by_hand: dict[tuple[Decimal, str], list[Expense]],
        result: FileImport,
    ) -> bool:
        """Whether the row may duplicate an expense typed by hand (then it is reported, and
        linked to that expense)."""
        match = self._match(expense, by_hand)
        if match is None:
            return False
        flagged = _outcome(line, expense, POSSIBLE, f"like {match} entered by hand")
        result.possible.append(flagged)
        self._keep(flagged)
        self._links.matched(expense.import_fingerprint, match)
        return True

    @staticmethod
    def _match(
        expense: ImportedExpense, by_hand: dict[tuple[Decimal, str], list[Expense]]
    ) -> str | None:
        """The id of the expense typed by hand the row may duplicate, or None."""
        amount = from_minor(expense.amount_minor, expense.currency)
        same_amount = by_hand.get((amount, expense.currency), ())
        if not same_amount:
            return None
        day = date.fromisoformat(expense.date)
        return closest_match(day, amount, expense.currency, expense.description, same_amount)

    def _hand_entered(
        self, expenses: list[ImportedExpense]
    ) -> dict[tuple[Decimal, str], list[Expense]]:
        days = [expense.date for expense in expenses]  # ISO text sorts as the days do
        margin = timedelta(days=FUZZY_DAYS)
        start = date.fromisoformat(min(days)) - margin
        end = date.fromisoformat(max(days)) + margin
        by_amount: dict[tuple[Decimal, str], list[Expense]] = {}
        for expense in self.ledger.hand_entered(start, end):
            if expense.import_batch != self.batch_id:  # not one this export restored
                by_amount.setdefault((expense.amount, expense.currency), []).append(expense)
        return by_amount

    def _keep(self, outcome: RowOutcome) -> None:
        if self.options.keep_rows:
            self._pending.append(outcome)


def _outcome(
    line: int, expense: ImportedExpense, status: str, detail: str = "", categorized: bool = True
) -> RowOutcome:
    return RowOutcome(
        line,
        status,
        date.fromisoformat(expense.date),
        from_minor(expense.amount_minor, expense.currency),
        expense.currency,
        expense.description,
        expense.category if categorized else "",
        detail,
    )


_line_of = attrgetter("line")


def own_categories(statement: Statement) -> bool:
    """Whether a file's categories are the person's own, kept as they are: sbp's own exports
    and listings, and QIF, which personal-finance programs write from the person's own
    category list (a bank's category column is only mapped)."""
    return statement.own_categories or statement.own_export or statement.kind == "qif"


_month_of = itemgetter(slice(0, 7))  # an ISO day's month


class DiscardImport(Exception):
    """Raised inside the import's transaction to roll it back (a dry run, or bad rows)."""
