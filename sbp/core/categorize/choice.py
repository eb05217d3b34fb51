"""What the categorizer answers: a category, the layer that chose it, why, and how sure it is.

Kept apart from the layers so that callers (the planner, `sbp rules test`, imports) can name
the answer without loading any of them.
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each string annotation
# of its fields when the class is made, which costs every run of sbp start-up time.

from typing import NamedTuple

from sbp.core.categorize.text import category_name
from sbp.core.keywords import DEFAULT_CATEGORY
from sbp.core.model import CategorySource

WEAK_BELOW = 0.75
"""Answers less sure than this are weak: `sbp categories --review` asks about them first."""


class Choice(NamedTuple):
    """A category and why it was chosen, as shown by `sbp rules test`; `confidence` is how often
    answers resting on such evidence are right (see `confidence`), and `weak` marks an answer
    that rests on little (nothing at all, a word cut short, a bank code that only hints), so
    that `sbp categories --review` can ask the person about it first."""

    category: str
    source: CategorySource
    reason: str
    weak: bool = False
    confidence: float = 1.0
    guess: str = ""  # for `other` in place of a guess too weak to make: that guess


class Explanation(NamedTuple):
    """Every layer's opinion of one description, and the one that wins."""

    description: str
    normalised: str  # the cleaned description every layer read
    chosen: Choice
    candidates: tuple[Choice, ...]


def chosen_by_user(category: str) -> Choice:
    """The user's own category: the first layer, which needs no rules, memory or keywords."""
    return Choice(category_name(category), CategorySource.USER, "given by you")


def opinion(category: str, source: CategorySource, reason: str, confidence: float) -> Choice:
    """A layer's opinion, weak when its confidence is low."""
    return Choice(category, source, reason, confidence < WEAK_BELOW, confidence)


FALLBACK = Choice(
    DEFAULT_CATEGORY, CategorySource.DEFAULT, "no layer knows this description", True, 0.0
)
