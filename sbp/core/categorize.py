"""The layered categorizer: which category an expense belongs to, and which layer said so.

Layers, first match wins: the user's explicit category; the user's rules in order; the memory
of the user's own corrections; the built-in keyword table; `other`. Every layer looks at a
normalised description, so "STARBUCKS #1234 SEATTLE 11/23 XX4411" and "Starbucks Seattle" are
the same merchant.
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each string annotation
# of its fields when the class is made, which costs every run of sbp start-up time.

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import NamedTuple

from sbp.core import stored
from sbp.core.errors import InvalidInput
from sbp.core.keywords import BUILTIN_KEYWORDS, DEFAULT_CATEGORY
from sbp.core.model import CategorySource, Rule

_CARD_RE = re.compile(r"(?:\b(?:x{2,}|\*{2,})\s?\d{2,}\b|\*+\d+|\bcard\s+\d+\b)")
_DATE_RE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\b")
_NUMBER_RE = re.compile(r"(?:#|\bno\.?\s?|\bstore\s)?\d+")
_PUNCT_RE = re.compile(r"[^\w&+'.@ ]+")
_SPACE_RE = re.compile(r"\s+")

_Matcher = Callable[[str, str], bool]


def normalise(description: str) -> str:
    """Lower case, without store numbers, dates, card fragments or stray punctuation."""
    text = description.lower()
    text = _CARD_RE.sub(" ", text)
    text = _DATE_RE.sub(" ", text)
    text = _NUMBER_RE.sub(" ", text)
    text = _PUNCT_RE.sub(" ", text)
    return _SPACE_RE.sub(" ", text).strip(" .")


def category_name(text: str) -> str:
    """A category as stored: printable, lower case, one space between words (`stored.category`)."""
    return stored.category(text)


class Choice(NamedTuple):
    """A category and why it was chosen, as shown by `sbp rules test`."""

    category: str
    source: CategorySource
    reason: str


class Explanation(NamedTuple):
    """Every layer's opinion of one description, and the one that wins."""

    description: str
    normalised: str
    chosen: Choice
    candidates: tuple[Choice, ...]


def chosen_by_user(category: str) -> Choice:
    """The user's own category: the first layer, which needs no rules, memory or keywords."""
    return Choice(category_name(category), CategorySource.USER, "given by you")


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

    def match(self, normalised: str) -> tuple[str, str] | None:
        """(category, keyword) for the longest keyword in the text, or None."""
        best: str | None = None
        for candidate in _word_runs(normalised, self._longest):
            if candidate in self._category_of and (best is None or len(candidate) > len(best)):
                best = candidate
        return None if best is None else (self._category_of[best], best)


def _word_runs(normalised: str, longest: int) -> Iterable[str]:
    """Every run of up to `longest` words, and the parts of words joined by `.` or `'`."""
    words = normalised.split(" ")
    for start in range(len(words)):
        for size in range(1, min(longest, len(words) - start) + 1):
            yield " ".join(words[start : start + size])
        word = words[start]
        if "." in word or "'" in word:
            yield from word.replace("'", ".").split(".")


_DEFAULT_TABLE: KeywordTable | None = None
_FALLBACK = Choice(DEFAULT_CATEGORY, CategorySource.DEFAULT, "no rule, memory or keyword matched")


def default_keywords() -> KeywordTable:
    """The built-in table, compiled once per process."""
    global _DEFAULT_TABLE
    if _DEFAULT_TABLE is None:
        _DEFAULT_TABLE = KeywordTable()
    return _DEFAULT_TABLE


def learn_key(description: str) -> str:
    """The key a correction is remembered under: the normalised description."""
    return normalise(description)


class Categorizer:
    """Applies the layers to descriptions; built once per use case from the store's rules."""

    def __init__(
        self,
        rules: Sequence[Rule] = (),
        learned: Mapping[str, str] | None = None,
        keywords: KeywordTable | None = None,
    ) -> None:
        self._rules = [(rule, _rule_matcher(rule)) for rule in rules]
        self._learned = learned or {}
        self._keywords = keywords or default_keywords()

    def categorize(self, description: str, explicit: str | None = None) -> Choice:
        """The winning category for `description`; `explicit` (the user's own) always wins."""
        if explicit:
            return chosen_by_user(explicit)
        normalised = normalise(description)
        for choice in self._layers(description, normalised):
            return choice
        return _FALLBACK

    def explain(self, description: str) -> Explanation:
        """Every layer that would pick a category for `description`, best first.

        The candidates end with the fallback (`other`), so the list always names the winner.
        """
        normalised = normalise(description)
        candidates = (*self._layers(description, normalised, every=True), _FALLBACK)
        return Explanation(description, normalised, candidates[0], candidates)

    def _layers(self, description: str, normalised: str, every: bool = False) -> Iterable[Choice]:
        lowered = description.lower()
        for rule, matches in self._rules:
            if matches(lowered, normalised):
                kind = "regex" if rule.is_regex else "text"
                yield Choice(
                    rule.category, CategorySource.RULE, f"rule #{rule.id} ({kind} '{rule.pattern}')"
                )
                if not every:
                    return
        learned = self._recall(normalised)
        if learned is not None:
            key, category = learned
            yield Choice(category, CategorySource.LEARNED, f"you filed '{key}' under it before")
            if not every:
                return
        keyword = self._keywords.match(normalised)
        if keyword is not None:
            yield Choice(keyword[0], CategorySource.DEFAULT, f"built-in keyword '{keyword[1]}'")

    def _recall(self, normalised: str) -> tuple[str, str] | None:
        """The correction for this description, or for its longest remembered word prefix."""
        if not self._learned:
            return None
        words = normalised.split(" ")
        for size in range(len(words), 0, -1):
            key = " ".join(words[:size])
            if key in self._learned:
                return key, self._learned[key]
        return None


def _rule_matcher(rule: Rule) -> _Matcher:
    if rule.is_regex:
        pattern = compile_rule_regex(rule.pattern)
        return lambda lowered, normalised: pattern.search(lowered) is not None
    needle = rule.pattern.lower()
    needle_normalised = normalise(rule.pattern)
    return lambda lowered, normalised: (
        needle in lowered or (bool(needle_normalised) and needle_normalised in normalised)
    )


def compile_rule_regex(pattern: str) -> re.Pattern[str]:
    """A rule's regular expression, or InvalidInput saying what is wrong with it."""
    try:
        return re.compile(pattern, re.IGNORECASE)
    except (re.error, OverflowError, RecursionError) as exc:  # a{99999999999}, deep nesting
        raise InvalidInput(
            f"rule pattern '{pattern}' is not a valid regular expression: {exc}"
        ) from None
