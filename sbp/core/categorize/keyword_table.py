"""The built-in keywords as a lookup table: the layer that knows everyday words ("coffee",
"rent", "pharmacy") for a store with no history yet."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping
from functools import cache

from sbp.core.keywords import BUILTIN_KEYWORDS, WEAK_KEYWORDS


class KeywordTable:
    """The built-in keywords as a dictionary of word sequences; the longest keyword found wins.

    A lookup of each run of up to three words is much cheaper than compiling one large regular
    expression, which would cost every `sbp add` a few milliseconds of start-up.
    """

    def __init__(self, keywords: Mapping[str, Iterable[str]] = BUILTIN_KEYWORDS) -> None:
        self._category_of: dict[str, str] = {}
        for category, words in keywords.items():
            for word in words:
                self._category_of.setdefault(word, category)
        self._longest = max((k.count(" ") + 1 for k in self._category_of), default=1)
        self.words = frozenset(k for k in self._category_of if " " not in k)
        """The one-word keywords: everyday words, never a brand cut short."""
        self._by_last = sorted((k.rsplit(" ", 1)[-1], k) for k in self._category_of)

    def __contains__(self, text: object) -> bool:
        """Whether `text` is itself a keyword."""
        return text in self._category_of

    def match(self, cleaned: str) -> tuple[str, str] | None:
        """(category, keyword) for the longest keyword in the text, or None; a weak keyword
        (`WEAK_KEYWORDS`) only when no other keyword is there. Between keywords as long, the
        last wins: a name's last word most often says what the place is ("MUSEUM TAVERN")."""
        best: str | None = None
        rank = (False, 0)
        for candidate in _word_runs(cleaned, self._longest):
            if candidate in self._category_of:
                ranked = (candidate not in WEAK_KEYWORDS, len(candidate))
                if ranked >= rank:
                    best, rank = candidate, ranked
        return None if best is None else (self._category_of[best], best)

    def cut_short(self, cleaned: str, phrases_only: bool = False) -> tuple[str, str] | None:
        """(category, keyword) for a keyword the description ends by cutting short: "PRIORY
        SERVICE STA" is a service station, "ROTTERDAM HOTE" a hotel. Every keyword the cut
        could be must agree on the category; with `phrases_only`, only keywords of several
        words, whose first words the description holds, count ("ART SUPPLI")."""
        words = cleaned.split(" ")
        cut = words[-1]
        found: dict[str, str] = {}
        for last, keyword in self._by_last[bisect_left(self._by_last, (cut,)) :]:
            if not last.startswith(cut):
                break
            parts = keyword.split(" ")
            before = parts[:-1]
            if phrases_only and not before:
                continue
            plural = not phrases_only and last in (cut + "s", cut + "es")
            if len(last) == len(cut) or plural:
                continue  # "kitchen" is whole, not "kitchens" cut short
            category = self._category_of[keyword]
            if before:
                if len(cut) < 2 or words[-len(parts) : -1] != before:
                    continue
            elif len(cut) < CUT_MINIMUM or len(cut) < len(last) / 2:
                continue
            found[keyword] = category
        if len(set(found.values())) != 1:
            return None
        keyword = min(found, key=len)
        return found[keyword], keyword

    def run_together(self, cleaned: str) -> tuple[str, str] | None:
        """(category, keyword) for a keyword that starts or ends a long word run together from
        several ("WWW.PARTYBRITAIN" ends in no keyword, "PARKINGEYE" starts with "parking")."""
        for word in cleaned.split(" "):
            if len(word) < RUN_TOGETHER:
                continue
            for size in range(len(word) - 1, RUN_TOGETHER_KEYWORD - 1, -1):
                for piece in (word[:size], word[-size:]):
                    if piece in self.words:
                        return self._category_of[piece], piece
            for ending in ENDINGS:
                if word.endswith(ending) and ending in self._category_of:
                    return self._category_of[ending], ending
        return None


CUT_MINIMUM = 4
"""The fewest letters of a one-word keyword that count as the keyword cut short."""
RUN_TOGETHER = 8
"""The fewest letters of a word that may be several words run together."""
RUN_TOGETHER_KEYWORD = 6
ENDINGS = ("hotel", "hotell", "hotellet", "taxi", "taxis", "pizza", "grill", "cafe")
"""Shorter words that still name a trade at the end of words run together ("CITYHOTEL",
"RADIOTAXI"): the name before them is the business's own."""
"""The fewest letters of a keyword found inside such a word ("parking", never "power")."""


def _word_runs(cleaned: str, longest: int) -> Iterable[str]:
    """Every run of up to `longest` words, and the parts of words joined by `.` or `'`."""
    words = cleaned.split(" ")
    for start in range(len(words)):
        for size in range(1, min(longest, len(words) - start) + 1):
            yield " ".join(words[start : start + size])
        word = words[start]
        if "." in word or "'" in word:
            yield from word.replace("'", ".").split(".")


@cache
def default_keywords() -> KeywordTable:
    """The built-in table, compiled once per process."""
    return KeywordTable()
