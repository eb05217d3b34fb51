"""Categorizer benchmark: how often sbp files real card descriptions where a person would.

The labelled set is `tests/data/categorize_eval.tsv` (real public card descriptions; sources
and licence in `tests/data/README.md`). Two people are measured:

(a) a new user: no rules, no corrections, every description a merchant sbp has never seen;
(b) the same user after correcting the first 20 mistakes met going through the source's
    transactions in a shuffled order.

Each figure is per merchant (each description once) and per transaction (each description as
often as the source has it: how much of a statement is right).

A description filed under `other` counts as wrong; "confidently wrong" is a description filed
under a category that is not `other` and not the right one (the mistakes a person has to find).
Targets (issue 14): (a) 80% or better, (b) 90% or better, and at most 3% confidently wrong.
Rows of the `dev` split were studied while the categorizer was tuned; the `test` split was
labelled before the categorizer ever saw it and its misses are never listed (`--show-misses`
lists the dev split's only), so its figure is the honest one.

    python bench/bench_categorize.py [--show-misses]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from sbp.core.categorize import Categorizer, learn_key

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "categorize_eval.tsv"
CORRECTIONS = 20


class Row(NamedTuple):
    description: str
    category: str
    country: str
    split: str  # "dev": its misses were studied while sbp was tuned; "test": never looked at
    transactions: int  # how many card transactions of the source carry this description


def rows() -> list[Row]:
    with DATA.open(encoding="utf-8", newline="") as handle:
        return [
            Row(r["description"], r["category"], r["country"], r["split"], int(r["transactions"]))
            for r in csv.DictReader(handle, delimiter="\t")
        ]


class Score(NamedTuple):
    right: int
    wrong_guess: int
    total: int

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0

    @property
    def confidently_wrong(self) -> float:
        return self.wrong_guess / self.total if self.total else 0.0


def score(labelled: Sequence[Row], chosen: Sequence[str]) -> Score:
    right = sum(c == r.category for r, c in zip(labelled, chosen, strict=True))
    guessed = sum(c not in (r.category, "other") for r, c in zip(labelled, chosen, strict=True))
    return Score(right, guessed, len(labelled))


def by(
    labelled: Sequence[Row], chosen: Sequence[str], key: Callable[[Row], str]
) -> dict[str, Score]:
    groups: dict[str, list[int]] = defaultdict(list)
    for index, row in enumerate(labelled):
        groups[key(row)].append(index)
    return {
        name: score([labelled[i] for i in found], [chosen[i] for i in found])
        for name, found in sorted(groups.items())
    }


def corrected(labelled: Sequence[Row], chosen: Sequence[str]) -> dict[str, str]:
    """The corrections a person makes going through the source's transactions in a shuffled
    order: each of the first 20 mistakes met is corrected once (later ones follow it)."""
    order = [index for index, row in enumerate(labelled) for _ in range(row.transactions)]
    random.Random(14).shuffle(order)
    learned: dict[str, str] = {}
    for index in order:
        if len(learned) == CORRECTIONS:
            break
        row = labelled[index]
        if chosen[index] != row.category:
            learned[learn_key(row.description)] = row.category
    return learned


def by_transaction(labelled: Sequence[Row], chosen: Sequence[str]) -> Score:
    """The score over transactions rather than merchants: how much of a statement is right."""
    right = sum(r.transactions for r, c in zip(labelled, chosen, strict=True) if c == r.category)
    guessed = sum(
        r.transactions
        for r, c in zip(labelled, chosen, strict=True)
        if c not in (r.category, "other")
    )
    return Score(right, guessed, sum(r.transactions for r in labelled))


def report(title: str, labelled: Sequence[Row], chosen: Sequence[str]) -> Score:
    overall = score(labelled, chosen)
    print(f"\n{title}")
    print(
        f"  overall   {overall.accuracy:6.1%}  ({overall.right}/{overall.total}),"
        f" confidently wrong {overall.confidently_wrong:.1%}"
    )
    for split, scored in by(labelled, chosen, lambda r: r.split).items():
        print(
            f"  {split:<8}  {scored.accuracy:6.1%}  ({scored.right}/{scored.total}),"
            f" confidently wrong {scored.confidently_wrong:.1%}"
        )
    weighted = by_transaction(labelled, chosen)
    print(
        f"  by transaction {weighted.accuracy:6.1%} of {weighted.total:,} card transactions,"
        f" confidently wrong {weighted.confidently_wrong:.1%}"
    )
    for label, key in (("category", lambda r: r.category), ("country", lambda r: r.country)):
        parts = [
            f"{name} {s.accuracy:.0%} ({s.total})" for name, s in by(labelled, chosen, key).items()
        ]
        print(f"  by {label}: " + ", ".join(parts))
    return overall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="accuracy of the categorizer on real descriptions")
    parser.add_argument("--show-misses", action="store_true", help="list every wrong answer")
    args = parser.parse_args(argv)
    labelled = rows()
    countries = len({row.country for row in labelled})
    print(f"{len(labelled)} descriptions, {countries} countries ({DATA.name})")
    new_user = Categorizer()
    first = [new_user.categorize(row.description).category for row in labelled]
    a = report("(a) a new user", labelled, first)
    learned = corrected(labelled, first)
    after = Categorizer(learned=learned)
    second = [after.categorize(row.description).category for row in labelled]
    b = report(f"(b) after correcting the first {len(learned)} mistakes", labelled, second)
    if args.show_misses:
        print("\nmisses of (a): description | expected | chosen (reason)")
        for row, category in zip(labelled, first, strict=True):
            if category != row.category and row.split == "dev":
                reason = new_user.categorize(row.description).reason
                print(f"  {row.description} | {row.category} | {category} ({reason})")
    met = (
        a.accuracy >= 0.80
        and b.accuracy >= 0.90
        and max(a.confidently_wrong, b.confidently_wrong) <= 0.03
    )
    print(f"\ntargets 80% / 90% / at most 3% confidently wrong: {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
