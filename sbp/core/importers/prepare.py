"""The half of an import that needs no store: a statement's rows read in chunks, each good row
fingerprinted, categorized and put in the shape stores write, ready for the duplicate checks.

Bank files repeat their days, amounts and merchants, so each is turned into stored form once
and remembered. A prepared chunk holds only text and integers, so it can be handed from a
process that prepares chunks to the one that stores them as cheaply as Python allows (`marshal`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from itertools import islice
from operator import attrgetter
from typing import Any, BinaryIO

from sbp.core.fingerprint import Fingerprinter, bank_key
from sbp.core.ids import new_ulid
from sbp.core.importers.categories import ImportCategorizer
from sbp.core.importers.rows import BadRow, ImportedExpense, Row
from sbp.core.model import CategorySource
from sbp.core.money import to_minor
from sbp.core.resting import RestingCounts
from sbp.core.search import search_text

CHUNK = 10_000
_REMEMBERED = 100_000  # distinct amounts kept in stored form
_BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's, as in ULIDs
_PAIRS = [a + b for a in _BASE32 for b in _BASE32]  # 10 bits -> two characters
_SOURCE_TEXT = {source: source.value for source in CategorySource}  # .value is slow in a loop


@dataclass
class Chunk:
    """Up to `CHUNK` records of a file: the bad rows, and the expenses the good rows would
    become (each carrying its key, `import_fingerprint`) with their line numbers; `lines` and
    `expenses` run in step, in date order.

    The expenses are made as plain tuples of their fields (`fields`), the form a pipe carries,
    and become `ImportedExpense`s only where they are used.
    """

    size: int
    bad: list[BadRow] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    fields: list[tuple[Any, ...]] = field(default_factory=list)
    bank_ids: int = 0
    """How many of the expenses are keyed by the bank's own transaction id."""

    @cached_property
    def expenses(self) -> list[ImportedExpense]:
        return list(map(ImportedExpense._make, self.fields))

    def packed(self) -> Packed:
        """The chunk as plain tuples, lists, text and integers, which `marshal` can write."""
        bad = [(row.line, row.reason) for row in self.bad]
        return self.size, bad, self.lines, self.fields, self.bank_ids

    @classmethod
    def unpacked(cls, packed: Packed) -> Chunk:
        """The chunk `packed()` described."""
        size, bad, lines, fields, bank_ids = packed
        return cls(size, [BadRow(line, reason) for line, reason in bad], lines, fields, bank_ids)


Packed = tuple[int, list[tuple[int, str]], list[int], list[tuple[Any, ...]], int]


class ChunkMaker:
    """Prepares the chunks of one file's import: one batch, one account, one time."""

    def __init__(
        self,
        categories: ImportCategorizer,
        account: str,
        batch_id: str,
        now: datetime,
        spill: BinaryIO | None = None,
    ) -> None:
        """`spill`, a temporary file, lets the counts of identical rows leave memory."""
        self._categories = categories
        self._account = account
        self._batch = batch_id
        self._created = now.isoformat()
        self._ids = batch_ulids(now)
        self._fingerprints = Fingerprinter(account, rested=RestingCounts(spill))
        self._days: dict[date, str] = {}
        self._minor: dict[tuple[Decimal, str], int] = {}

    def chunks(self, rows: Iterable[Row | BadRow]) -> Iterator[Chunk]:
        """The rows in prepared chunks, each chunk's good rows in date order."""
        iterator = iter(rows)
        while items := list(islice(iterator, CHUNK)):
            yield self.chunk(items)

    def chunk(self, items: list[Row | BadRow]) -> Chunk:
        """One chunk of rows, prepared; its good rows in date order (the store's indexes start
        with the date, and take rows in their order much faster), file order within a day."""
        made = Chunk(len(items))
        good: list[Row] = []
        for item in items:
            if isinstance(item, BadRow):
                made.bad.append(item)
            else:
                good.append(item)
        good.sort(key=_day_of)
        account, fingerprint = self._account, self._fingerprints.key
        choose, ids, days, minor = self._categories.choose, self._ids, self._days, self._minor
        batch, created, sources = self._batch, self._created, _SOURCE_TEXT
        lines, expenses = made.lines, made.fields
        for row in good:
            day, amount, currency, description = row.date, row.amount, row.currency, row.description
            if row.bank_id:
                key = bank_key(account, row.bank_id)
                made.bank_ids += 1
            else:
                key = fingerprint(day, amount, currency, description)
            choice = choose(description, amount < 0, row.category)
            iso = days.get(day)
            if iso is None:
                iso = days[day] = day.isoformat()
            cents = minor.get((amount, currency))
            if cents is None:
                if len(minor) >= _REMEMBERED:
                    minor.clear()
                cents = minor[(amount, currency)] = to_minor(amount, currency)
            lines.append(row.line)
            expenses.append(  # an ImportedExpense's fields
                (next(ids), iso, cents, currency, description, choice.category,
                 sources[choice.source], row.note, key, batch, created,
                 search_text(description, row.note))
            )  # fmt: skip
        return made


_day_of = attrgetter("date")


def batch_ulids(now: datetime) -> Iterator[str]:
    """ULIDs for one batch: the time of `now` and a random part, then a counter, so ids stay
    unique and a batch writes the store's primary key in order."""
    head = new_ulid(now)[:18]  # 48 bits of time and the top 40 random bits
    serial = int.from_bytes(os.urandom(5), "big") >> 1  # room to count up without overflow
    while True:
        # the counter's top 30 bits change once in 1,024 ids: their text is made once
        stem = head + _PAIRS[serial >> 30 & 1023] + _PAIRS[serial >> 20 & 1023]
        stem += _PAIRS[serial >> 10 & 1023]
        low = serial & 1023
        for pair in _PAIRS[low:]:
            yield stem + pair
        serial += 1024 - low
