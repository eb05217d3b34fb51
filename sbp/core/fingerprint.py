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
from hashlib import blake2b

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
    text. Recent days are counted in dictionaries; once they hold `active_limit` contents, they
    are put to rest (`RestingCounts`: 8 bytes a row, in a spill file past a limit), where a day
    that comes back is still counted exactly. So a file of any size is counted in little memory.
    The key starts with the row's date, so a date-ordered file writes the store's index in order.
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
        self._counts: dict[date, dict[int, int]] = {}
        self._rested = RestingCounts() if rested is None else rested
        self._days: dict[date, str] = {}

    def key(self, day: date, amount: Decimal, currency: str, description: str) -> str:
        """The stored fingerprint of the next row with this content."""
        iso = self._days.get(day)
        if iso is None:
            iso = self._days[day] = day.isoformat()
        text = description.lower()
        if "  " in text:
            text = " ".join(text.split())
        # !s: str() of a Decimal is format()'s text, only faster
        content = f"{iso}\x1f{amount!s}\x1f{currency}\x1f{text}\x1f{self._account}"
        short = hash(content)
        counts = self._counts.get(day)
        if counts is None:
            counts = self._counts[day] = {}
        occurrence = counts.get(short)
        if occurrence is None:
            if self._active >= self._limit:
                self._rest()
                counts = self._counts[day] = {}
            occurrence = self._rested.count(day, short) if day in self._rested else 0
            self._active += 1
        counts[short] = occurrence + 1
        digest = blake2b(f"{content}\x1f{occurrence}".encode(), digest_size=12).hexdigest()
        return f"fp:{iso}:{digest}"  # day_prefix(day) + digest

    def _rest(self) -> None:
        """Put every day's counts to rest, freeing the dictionaries."""
        for day, counts in self._counts.items():
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
        self._counts.clear()
        self._active = 0


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
