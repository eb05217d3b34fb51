"""The built-in keywords as a lookup table: the layer that knows everyday words ("coffee",
"rent", "pharmacy") for a store with no history yet."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sbp.core.keywords import BUILTIN_KEYWORDS


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

    def match(self, cleaned: str) -> tuple[str, str] | None:
        """(category, keyword) for the longest keyword in the text, or None."""
        best: str | None = None
        for candidate in _word_runs(cleaned, self._longest):
            if candidate in self._category_of and (best is None or len(candidate) > len(best)):
                best = candidate
        return None if best is None else (self._category_of[best], best)


def _word_runs(cleaned: str, longest: int) -> Iterable[str]:
    """Every run of up to `longest` words, and the parts of words joined by `.` or `'`."""
    words = cleaned.split(" ")
    for start in range(len(words)):
        for size in range(1, min(longest, len(words) - start) + 1):
            yield " ".join(words[start : start + size])
        word = words[start]
        if "." in word or "'" in word:
            yield from word.replace("'", ".").split(".")


_DEFAULT_TABLE: KeywordTable | None = None


def default_keywords() -> KeywordTable:
    """The built-in table, compiled once per process."""
    global _DEFAULT_TABLE
    if _DEFAULT_TABLE is None:
        _DEFAULT_TABLE = KeywordTable()
    return _DEFAULT_TABLE
