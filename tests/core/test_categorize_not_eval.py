"""The categorizer's class tests are written from made-up descriptions: none of them may be a
row of the evaluation set, whose blind rows must stay unseen."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.core import (
    test_categorize_confidence,
    test_categorize_knowledge,
    test_categorize_lessons,
    test_categorize_trade_words,
)

EVALUATION = Path(__file__).resolve().parents[1] / "data" / "categorize_eval.tsv"


def test_no_class_test_describes_a_row_of_the_evaluation_set() -> None:
    with EVALUATION.open(encoding="utf-8", newline="") as handle:
        evaluated = {row["description"].lower() for row in csv.DictReader(handle, delimiter="\t")}
    written = [
        *test_categorize_confidence.DESCRIPTIONS,
        *test_categorize_knowledge.DESCRIPTIONS,
        *test_categorize_lessons.DESCRIPTIONS,
        *test_categorize_trade_words.DESCRIPTIONS,
    ]

    assert len(written) > 30
    assert not {description.lower() for description in written} & evaluated
