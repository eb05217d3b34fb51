"""Fingerprints: how an imported row is recognised when the same file comes back.

A row's key is the bank's own transaction id when the file has one; otherwise a hash of the
normalised (date, amount, description, account) plus the row's occurrence index among
identical rows of the same file, so two identical coffees on one day stay two, and importing
the same or an overlapping file again matches them one for one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from difflib import SequenceMatcher
from functools import partial
from hashlib import blake2b
from itertools import repeat

from sbp.core.categorize import normalise
from sbp.core.model import Expense
from sbp.core.resting import RestingCounts

FUZZY_DAYS = 3
"""How far apart (in days) a hand-entered expense and an imported row may be and still match."""

BANK_KEY_PREFIX = "id:"
ACTIVE_LIMIT = 200_000
"""Distinct row contents counted in dictionaries (about 100 bytes each) before they rest."""


def day_prefix(day: date | str) -> str:
    """What the content fingerprint of every row on `day` (a date or its ISO text) starts with."""
    return f"fp:{day}:"  # a date's str() is its ISO text


def bank_key(account: str, bank_id: str) -> str:
    """The key of a row that carries the bank's own transaction id (OFX FITID, an id column)."""
    digest = blake2b(f"{account}\x1f{bank_id.strip()}".encode(), digest_size=16)
    return BANK_KEY_PREFIX + digest.hexdigest()


def is_bank_key(key: str) -> bool:
    """Whether `key` comes from the bank's own transaction id rather than the row's content."""
    return key.startswith(BANK_KEY_PREFIX)


class Fingerprinter:
    """Gives each row of one file its content fingerprint, counting identical rows in order.

    Counts are kept per day and per built-in hash of the row's content rather than per row
    text. Recent days are counted in dictionaries; once they hold `active_limit` contents, the
    days counted longest are put to rest (`RestingCounts`: 8 bytes a row, in a spill file past a
    limit), where a day that comes back is still counted exactly. So a file of any size is
    counted in little memory. The key starts with the row's date, so a date-ordered file writes
    the store's index in order.
    """

    def __init__(
        self,
        account: str = "",
        active_limit: int = ACTIVE_LIMIT,
        rested: RestingCounts | None = None,
    ) -> None:
        self._account = account
        self._limit = active_limit
        self._active = 0
        self._counts: dict[str, dict[int, int]] = {}
        self._rested = RestingCounts() if rested is None else rested

    def key(self, day: date, amount: Decimal, currency: str, description: str) -> str:
        """The stored fingerprint of the next row with this content."""
        return self.keys([day.isoformat()], [amount], [currency], [description.lower()])[0]

    def keys(
        self,
        days: Sequence[str],
        amounts: Sequence[Decimal],
        currencies: Sequence[str],
        folded: Sequence[str],
    ) -> list[str]:
        """The fingerprints of the next rows, in order: their days (ISO text), amounts,
        currencies, and descriptions folded to lower case.

        Made a list at a time with the interpreter's own loops (`map`, `zip`), each row's step
        done in C; only counting runs a line of Python a row. Big files are read this way.
        """
        if "  " in "\x00".join(folded):  # rare: a description with repeated spaces
            folded = [" ".join(text.split()) if "  " in text else text for text in folded]
        # str() of a Decimal is format()'s text
        contents = list(
            map(_FIELDS.join, zip(days, map(str, amounts), currencies, folded,
                                  repeat(self._account)))
        )  # fmt: skip
        occurrences = map(self._occurrence, days, map(hash, contents))
        hashed = map(_digest, map(str.encode, map(_COUNTED.format, contents, occurrences)))
        return list(map(_KEY.format, days, map(_hexdigest, hashed)))  # day_prefix(day) + digest

    def _occurrence(self, day: str, short: int) -> int:
        """How many rows of `day` with the content hash `short` came before this one."""
        counts = self._counts.get(day)
        if counts is None:
            counts = self._counts[day] = {}
        occurrence = counts.get(short)
        if occurrence is None:
            if self._active >= self._limit:
                self._rest()
                counts = self._counts.setdefault(day, {})
            occurrence = self._rested.count(day, short) if day in self._rested else 0
            self._active += 1
        counts[short] = occurrence + 1
        return occurrence

    def _rest(self) -> None:
        """Put the counts of the days counted longest to rest, freeing their dictionaries,
        until half the limit is left: in a date-ordered file, days that will not come back."""
        for day in list(self._counts):  # the days in the order they were first counted
            if self._active <= self._limit // 2:
                break
            counts = self._counts.pop(day)
            self._active -= len(counts)
            if day in self._rested:  # the counts include the rows already at rest
                hashes = [
                    short
                    for short, count in counts.items()
                    for _ in range(count - self._rested.count(day, short))
                ]
            else:
                hashes = list(counts)
                hashes += [short for short, count in counts.items() for _ in range(count - 1)]
            self._rested.add(day, hashes)


_FIELDS = "\x1f"  # between the fields of a row's content
_COUNTED = "{}\x1f{}"  # a content and its occurrence
_KEY = "fp:{}:{}"  # day_prefix(day) and the digest
_digest = partial(blake2b, digest_size=12)
_hexdigest = blake2b.hexdigest


def similar_descriptions(first: str, second: str) -> bool:
    """True when two descriptions probably name one merchant ("STARBUCKS #12", "starbucks")."""
    a, b = normalise(first), normalise(second)
    if not a or not b:
        return a == b
    if a in b or b in a:
        return True
    words_a, words_b = set(a.split()), set(b.split())
    if len(words_a & words_b) * 2 >= min(len(words_a), len(words_b)) + 1:
        return True
    return SequenceMatcher(None, a, b).ratio() >= 0.6


def closest_match(
    day: date, amount: Decimal, currency: str, description: str, candidates: Sequence[Expense]
) -> str | None:
    """The id of a hand-entered expense this imported row may duplicate, or None."""
    for candidate in candidates:
        if candidate.amount != amount or candidate.currency != currency:
            continue
        if abs((candidate.date - day).days) > FUZZY_DAYS:
            continue
        if similar_descriptions(description, candidate.description):
            return candidate.id
    return None
