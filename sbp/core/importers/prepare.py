"""The half of an import that needs no store: a statement's rows read in chunks, each good row
fingerprinted, categorized and put in the shape stores write, ready for the duplicate checks.

Rows are prepared a column at a time: each step goes down a whole column in one `map` or
`zip`, so most of a row's work runs in the interpreter's C code rather than in lines of Python.
Bank files repeat their days, amounts and merchants, so each is turned into stored form once
and remembered. A prepared chunk holds only text and integers, so it can be handed from a
process that prepares chunks to the one that stores them as cheaply as Python allows (`marshal`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property, partial
from itertools import repeat
from operator import attrgetter, itemgetter, lt
from typing import Any, BinaryIO, NamedTuple

from sbp.core.categorize import Choice
from sbp.core.fingerprint import Fingerprinter, bank_key
from sbp.core.ids import keyed_ulids
from sbp.core.importers.categories import ImportCategorizer
from sbp.core.importers.remembered import Remembered
from sbp.core.importers.restore import Restored
from sbp.core.importers.rows import BadRow, Block, ImportedExpense, Row, RowColumns, SkippedRow
from sbp.core.importers.texts import StoredTexts, shown_bad
from sbp.core.model import CategorySource
from sbp.core.money import to_minor
from sbp.core.printable import printable
from sbp.core.resting import RestingCounts
from sbp.core.search import search_text

_SOURCE_TEXT = {source: source.value for source in CategorySource}  # .value is slow in a loop


class ExpenseColumns(NamedTuple):
    """The fields of a chunk's new expenses, a column each, in `ImportedExpense`'s order, but the
    batch and the time, which are the same for every row."""

    ids: Sequence[str]
    days: Sequence[str]
    cents: Sequence[int]
    currencies: Sequence[str]
    descriptions: Sequence[str]
    categories: Sequence[str]
    sources: Sequence[str]
    notes: Sequence[str] | None  # None when no row has a note
    keys: Sequence[str]  # "" only for an expense typed by hand that sbp's own export restores
    searched: Sequence[str]
    accounts: Sequence[str] | None = None  # None when every row has the chunk's account


@dataclass
class Chunk:
    """Some records of a file: the bad rows, and the expenses the good rows would become (each
    carrying its key, `import_fingerprint`) with their line numbers; `lines` and `expenses` run
    in step, in date order.

    The expenses are kept as columns, the form a pipe carries most cheaply, with the batch and
    the time once; they become `ImportedExpense`s only where they are used.
    """

    size: int
    bad: list[BadRow] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    columns: ExpenseColumns | None = None
    batch: str = ""
    created: str = ""
    bank_ids: int = 0
    """How many of the expenses are keyed by the bank's own transaction id."""
    account: str = ""
    """The account of every expense, unless the columns name one for each."""

    @property
    def days(self) -> Sequence[str]:
        """Each expense's day (ISO text)."""
        return () if self.columns is None else self.columns.days

    @cached_property
    def expenses(self) -> list[ImportedExpense]:
        if self.columns is None:
            return []
        (ids, days, cents, currencies, descriptions, categories, sources, notes, keys, searched,
         accounts) = self.columns  # fmt: skip
        rows = zip(
            ids, days, cents, currencies, descriptions, categories, sources,
            repeat("") if notes is None else notes, keys, repeat(self.batch),
            repeat(self.created), searched, repeat(self.account) if accounts is None else accounts,
        )  # fmt: skip
        return list(map(_as_expense, rows))

    def packed(self) -> Packed:
        """The chunk as plain tuples, lists, text and integers, which `marshal` can write."""
        bad = [(row.line, row.reason) for row in self.bad]
        skipped = [(row.line, row.reason) for row in self.skipped]
        columns = None if self.columns is None else tuple(self.columns)
        return (
            self.size, bad, self.lines, columns, self.batch, self.created, self.bank_ids, skipped,
            self.account,
        )  # fmt: skip

    @classmethod
    def unpacked(cls, packed: Packed) -> Chunk:
        """The chunk `packed()` described."""
        size, bad, lines, columns, batch, created, bank_ids, skipped, account = packed
        bad_rows = [BadRow(line, reason) for line, reason in bad]
        skipped_rows = [SkippedRow(line, reason) for line, reason in skipped]
        made = None if columns is None else ExpenseColumns._make(columns)
        return cls(size, bad_rows, skipped_rows, lines, made, batch, created, bank_ids, account)


Packed = tuple[
    int, list[tuple[int, str]], list[int], tuple[Any, ...] | None, str, str, int,
    list[tuple[int, str]], str,
]  # fmt: skip


class ChunkMaker:
    """Prepares the chunks of one file's import: one batch, one account, one time."""

    def __init__(
        self,
        categories: ImportCategorizer,
        account: str,
        batch_id: str,
        now: datetime,
        spill: BinaryIO | None = None,
        csv: bool = False,
        account_name: str = "",
        own_export: bool = False,
    ) -> None:
        """`account` identifies the rows' account in their keys, `account_name` is the name
        their expenses keep (see `sbp.core.accounts`); `spill`, a temporary file, lets the counts
        of identical rows leave memory; `csv` says the rows come from a CSV file (see
        `StoredTexts`); `own_export` restores the expenses of sbp's own export as they were (see
        `restore`)."""
        self._categories = categories
        self._account = account = printable(account)
        self._account_name = printable(account_name)
        self._own_export = own_export
        self._texts = StoredTexts(csv)
        self._batch = batch_id
        self._created = now.isoformat()
        self._fingerprints = Fingerprinter(account, rested=RestingCounts(spill))
        self._days = Remembered(date.isoformat)
        self._minor = Remembered(_minor_units)

    def chunks(self, blocks: Iterable[Block]) -> Iterator[Chunk]:
        """The blocks of a statement (`Statement.in_blocks`) as prepared chunks, in order."""
        return map(self.chunk, blocks)

    def chunk(self, block: Block) -> Chunk:
        """One block of rows, prepared; its good rows in date order (the store's indexes start
        with the date, and take rows in their order much faster), file order within a day."""
        if isinstance(block, RowColumns):
            return self._prepared(len(block.lines), [], block)
        good = [item for item in block if isinstance(item, Row)]
        bad = [shown_bad(item) for item in block if isinstance(item, BadRow)]
        skipped = [item for item in block if isinstance(item, SkippedRow)]
        return self._prepared(len(block), bad, RowColumns.of_rows(good), skipped)

    def _prepared(
        self,
        size: int,
        bad: list[BadRow],
        rows: RowColumns,
        skipped: list[SkippedRow] | None = None,
    ) -> Chunk:
        rows = self._texts.rows(rows, bad)  # as every door stores text
        made = Chunk(size, bad, skipped or [])
        count = len(rows.lines)
        if not count:
            return made
        days = list(map(self._days.__getitem__, rows.dates))
        if count > 1:
            # a stable sort: file order within a day. Every column is put in that order.
            take = itemgetter(*sorted(range(count), key=days.__getitem__))
            days = take(days)
            rows = RowColumns._make(None if column is None else take(column) for column in rows)
        lines, amounts, currencies, descriptions, bank_ids, given, notes = (
            rows.lines, rows.amounts, rows.currencies, rows.descriptions,
            rows.bank_ids, rows.categories, rows.notes,
        )  # fmt: skip
        folded = list(map(str.lower, descriptions))
        keys = self._keys(days, amounts, currencies, folded, bank_ids)
        made.bank_ids = len(bank_ids) - bank_ids.count("") if bank_ids else 0
        money_in = map(lt, amounts, repeat(_ZERO))
        # the bank's transaction-type codes and merchant category codes (None when the reader
        # gives none) are weighed by the categorizer beside the descriptions
        kinds, mccs = rows.kinds, rows.mccs
        if given is not None and any(given):
            choose = self._categories.choose
            asked = list(zip(
                descriptions, money_in, given, lines,
                kinds or repeat(None), mccs or repeat(None), strict=False,
            ))  # fmt: skip
            chosen: dict[int, Choice] = {}
            # in file order, not date order: money in is a refund only where an earlier line
            # spent at the same merchant, and that line must be seen first
            for index in sorted(range(count), key=lines.__getitem__):
                description, inward, named, line, kind, mcc = asked[index]
                chosen[index] = choose(description, inward, named, line, kind=kind, mcc=mcc)
            choices = [chosen[index] for index in range(count)]
        else:
            choices = self._categories.choose_all(descriptions, money_in, kinds, mccs, lines=lines)
        categories = map(_category_of, choices)
        sources = map(_SOURCE_TEXT.__getitem__, map(_source_of, choices))
        cents = map(self._minor.__getitem__, zip(amounts, currencies, strict=True))
        has_notes = notes is not None and any(notes)
        made.lines = list(lines)
        made.columns = ExpenseColumns(
            keyed_ulids(days, keys), days, list(cents), currencies, descriptions,
            list(categories), list(sources), notes if has_notes else None, keys,
            list(map(search_text, descriptions, notes or ())) if has_notes else folded,
        )  # fmt: skip
        made.batch, made.created, made.account = self._batch, self._created, self._account_name
        if self._own_export:
            made.columns = self._restored(made.columns, rows)
        return made

    def _restored(self, columns: ExpenseColumns, rows: RowColumns) -> ExpenseColumns:
        """The columns of expenses of sbp's own export, restored as they were exported."""
        restored = Restored(rows)
        return columns._replace(
            ids=restored.ids(columns.ids),
            keys=restored.keys(columns.keys),
            sources=restored.sources(columns.sources),
            accounts=restored.accounts(self._account_name),
        )

    def _keys(
        self,
        days: Sequence[str],
        amounts: Sequence[Decimal],
        currencies: Sequence[str],
        folded: Sequence[str],
        bank_ids: Sequence[str] | None,
    ) -> list[str]:
        """Each row's key: the bank's own id where it gives one, else the content's."""
        fingerprints = self._fingerprints.keys
        if bank_ids is None or not any(bank_ids):
            return fingerprints(days, amounts, currencies, folded)
        by_content = [index for index, bank_id in enumerate(bank_ids) if not bank_id]
        keys = [bank_key(self._account, bank_id) if bank_id else "" for bank_id in bank_ids]
        if by_content:
            by_content_keys = fingerprints(
                [days[i] for i in by_content],
                [amounts[i] for i in by_content],
                [currencies[i] for i in by_content],
                [folded[i] for i in by_content],
            )
            for index, key in zip(by_content, by_content_keys, strict=True):
                keys[index] = key
        return keys


def _minor_units(money: tuple[Decimal, str]) -> int:
    return to_minor(*money)


_ZERO = Decimal(0)
_as_expense = partial(tuple.__new__, ImportedExpense)  # ImportedExpense._make, without its Python
_category_of = attrgetter("category")
_source_of = attrgetter("source")
