"""The half of an import that needs no store: a statement's rows read in chunks, each good row
fingerprinted, categorized and put in the shape stores write, ready for the duplicate checks.

Bank files repeat their days, amounts and merchants, so each is turned into stored form once
and remembered.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from itertools import islice
from operator import attrgetter

from sbp.core.fingerprint import Fingerprinter, bank_key
from sbp.core.ids import new_ulid
from sbp.core.importers.categories import ImportCategorizer
from sbp.core.importers.rows import BadRow, ImportedExpense, Row
from sbp.core.money import to_minor

CHUNK = 10_000
_REMEMBERED = 100_000  # distinct amounts kept in stored form
_BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's, as in ULIDs
_PAIRS = [a + b for a in _BASE32 for b in _BASE32]  # 10 bits -> two characters


@dataclass
class Chunk:
    """Up to `CHUNK` records of a file: the bad rows, and the good rows with their keys and the
    expenses they would become, in file order (`rows`, `keys` and `expenses` run in step)."""

    size: int
    bad: list[BadRow] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    expenses: list[ImportedExpense] = field(default_factory=list)


class ChunkMaker:
    """Prepares the chunks of one file's import: one batch, one account, one time."""

    def __init__(
        self, categories: ImportCategorizer, account: str, batch_id: str, now: datetime
    ) -> None:
        self._categories = categories
        self._account = account
        self._batch = batch_id
        self._created = now.isoformat()
        self._ids = batch_ulids(now)
        self._fingerprints = Fingerprinter(account)
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
        batch, created = self._batch, self._created
        keys, expenses = made.keys, made.expenses
        for row in good:
            day, amount, currency, description = row.date, row.amount, row.currency, row.description
            key = (
                bank_key(account, row.bank_id)
                if row.bank_id
                else fingerprint(day, amount, currency, description)
            )
            choice = choose(description, amount < 0, row.category)
            iso = days.get(day)
            if iso is None:
                iso = days[day] = day.isoformat()
            cents = minor.get((amount, currency))
            if cents is None:
                if len(minor) >= _REMEMBERED:
                    minor.clear()
                cents = minor[(amount, currency)] = to_minor(amount, currency)
            keys.append(key)
            expenses.append(
                ImportedExpense(next(ids), iso, cents, currency, description, choice.category,
                                choice.source, row.note, key, batch, created)
            )  # fmt: skip
        made.rows = good
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
