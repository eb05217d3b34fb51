"""The person's own model: naive Bayes over the words and character n-grams of the descriptions
they filed themselves, so a correction also teaches sbp about similar merchants.

Filing "JOE'S TIRE & AUTO REPAIR" under transport teaches the model the words `auto` and
`repair` and pieces such as `<re`, `pai`, `air>`; "MIKE'S AUTO REPAIR", never seen, shares most
of them and follows, while "NETFLIX.COM" shares none and does not. The model answers only when
it is sure (a high probability and most of the description's pieces seen in that category
before): a wrong guess costs a person more than `other`. Training is one count per piece, so it
grows one example at a time and costs nothing to start; pure Python, nothing to install.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Container, Iterable
from itertools import repeat
from typing import NamedTuple

SMOOTHING = 0.1
VOCABULARY = 1 << 16
"""The size of the space of pieces assumed when smoothing: unseen pieces are unlikely."""
MIN_PROBABILITY = 0.9
MIN_COVERAGE = 0.5
"""The share of a description's pieces the winning category must have seen before."""


def features(cleaned: str) -> list[str]:
    """The pieces a cleaned description is known by: its words, and the 3- and 4-character
    runs of each word with its edges marked (`<re`, `air>`)."""
    found: list[str] = []
    for word in cleaned.split(" "):
        if len(word) < 2:
            continue
        found.append("w:" + word)
        marked = f"<{word}>"
        for size in (3, 4):
            found.extend(marked[i : i + size] for i in range(len(marked) - size + 1))
    return found


class Prediction(NamedTuple):
    """The model's answer: a category, how sure it is, and the pieces that decided it."""

    category: str
    probability: float
    coverage: float
    deciding: tuple[str, ...]
    words_seen: int = 0  # the description's whole words seen in the category before
    words: int = 0
    places_seen: int = 0  # of the words seen, those that name a town or a country

    @property
    def confident(self) -> bool:
        """Sure, most pieces seen, and two whole words shared (or every word, for a name of
        one): one shared word is not enough to call two merchants alike, and a town's or a
        country's name shared does not count ("BG UK BUSINESS" and "AMZ UK BUSINESS SUPPLI"
        share a country and a common word, not a trade)."""
        named = self.words_seen - self.places_seen
        shared = named >= 2 or (named >= 1 and self.words_seen == self.words)
        return self.probability >= MIN_PROBABILITY and self.coverage >= MIN_COVERAGE and shared

    def evidence(self) -> str:
        pieces = ", ".join(f"'{piece}'" for piece in self.deciding)
        return (
            f"your model: {self.probability:.0%} sure, {self.coverage:.0%} of its pieces seen"
            f" in your {self.category} expenses ({pieces})"
        )


class NgramModel:
    """Counts of pieces by category, learnt one example at a time."""

    def __init__(self, places: Container[str] = frozenset()) -> None:
        """`places`: the names of towns and countries, which say where a merchant is, not
        what it is (see `Prediction.confident`)."""
        self._places = places
        # one flat count per (piece, category): counting a whole example is then one call
        # that runs in C, so a model of a thousand corrections is made in a few milliseconds
        self._counts: Counter[tuple[str, str]] = Counter()
        self._examples: Counter[str] = Counter()
        self._pieces: Counter[str] = Counter()  # category -> pieces counted

    @classmethod
    def trained(
        cls, examples: Iterable[tuple[str, str]], places: Container[str] = frozenset()
    ) -> NgramModel:
        """A model that has learnt each (cleaned description, category)."""
        model = cls(places)
        for cleaned, category in examples:
            model.learn(cleaned, category)
        return model

    def __len__(self) -> int:
        return sum(self._examples.values())

    def learn(self, cleaned: str, category: str, weight: int = 1) -> None:
        """Count one example (a negative weight takes one back)."""
        pieces = features(cleaned)
        if not pieces:
            return
        pairs = zip(pieces, repeat(category))
        if weight == 1:
            self._counts.update(pairs)
        else:
            self._counts.update(dict.fromkeys(pairs, 0))  # every pair present, then added to
            for pair in zip(pieces, repeat(category)):
                self._counts[pair] += weight
        self._examples[category] += weight
        self._pieces[category] += weight * len(pieces)

    def predict(self, cleaned: str) -> Prediction | None:
        """The likeliest category and how sure the model is; None before it has learnt."""
        categories = [c for c, n in self._examples.items() if n > 0]
        pieces = features(cleaned)
        if not categories or not pieces:
            return None
        total = sum(self._examples[c] for c in categories)
        scores = {c: self._log_score(c, pieces, total) for c in categories}
        # one more, imagined category that has seen nothing: a description unlike any example
        # stays unlikely for every real category, so one learnt category cannot claim it all
        scores[""] = math.log(1 / (total + 1)) + len(pieces) * math.log(1 / VOCABULARY)
        top = max(scores, key=scores.__getitem__)
        if not top:
            return None
        peak = scores[top]
        probability = 1 / sum(math.exp(score - peak) for score in scores.values())
        seen = [piece for piece in pieces if self._counts.get((piece, top), 0) > 0]
        words = sum(piece.startswith("w:") for piece in pieces)
        shared = [piece[2:] for piece in seen if piece.startswith("w:")]
        places = sum(word in self._places for word in shared)
        deciding = self._deciding(top, seen)
        coverage = len(seen) / len(pieces)
        return Prediction(top, probability, coverage, deciding, len(shared), words, places)

    def _log_score(self, category: str, pieces: list[str], total: int) -> float:
        denominator = self._pieces[category] + SMOOTHING * VOCABULARY
        score = math.log(self._examples[category] / (total + 1))
        for piece in pieces:
            count = self._counts.get((piece, category), 0)
            score += math.log((max(count, 0) + SMOOTHING) / denominator)
        return score

    def _deciding(self, category: str, seen: list[str]) -> tuple[str, ...]:
        """The seen pieces most particular to `category`, whole words first."""

        categories = list(self._examples)

        def weight(piece: str) -> tuple[bool, float]:
            counts = [self._counts.get((piece, c), 0) for c in categories]
            mine = self._counts.get((piece, category), 0)
            return piece.startswith("w:"), mine / (sum(max(n, 0) for n in counts) or 1)

        best = sorted(dict.fromkeys(seen), key=weight, reverse=True)[:3]
        return tuple(piece.removeprefix("w:") for piece in best)
