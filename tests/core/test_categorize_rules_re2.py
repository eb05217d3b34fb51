"""Rules cannot hang sbp: regexes run on a linear-time engine and are checked when added."""

from __future__ import annotations

import pytest

from sbp.core.categorize import Categorizer, compile_rule_regex
from sbp.core.errors import InvalidInput
from sbp.core.model import Rule


def test_a_catastrophic_pattern_matches_a_long_description_in_linear_time() -> None:
    pattern = compile_rule_regex("(a+)+$")  # exponential on a backtracking engine

    assert pattern.search("a" * 40 + "b") is None  # returns at once on RE2
    assert pattern.search("a" * 100_000) is not None


@pytest.mark.parametrize(
    ("pattern", "says"),
    [
        ("(?=coffee)", "not a valid regular expression"),  # look-arounds need backtracking
        (r"(a)\1", "not a valid regular expression"),
        ("a{1001}", "not a valid regular expression"),
        ("(((a{100}){100}){100})", "not a valid regular expression"),  # too big a program
        ("x" * 501, "longer than 500"),
    ],
)
def test_patterns_sbp_cannot_run_safely_are_refused_with_the_reason(
    pattern: str, says: str
) -> None:
    with pytest.raises(InvalidInput, match=says):
        compile_rule_regex(pattern)


def test_a_stored_rule_that_cannot_run_is_skipped_and_explained() -> None:
    categorizer = Categorizer(rules=[Rule(3, "(?<=a)b", "x", is_regex=True)])

    explanation = categorizer.explain("ab coffee")

    assert categorizer.categorize("ab coffee").category == "coffee"
    assert any("rule #3" in c.reason and "skipped" in c.reason for c in explanation.candidates)
    assert explanation.chosen.category == "coffee"


@pytest.mark.parametrize("pattern", ["a{99999999999}", "x{2,1001}", "(ab){5000,}"])
def test_a_repetition_over_re2s_limit_is_refused_not_read_as_text(pattern: str) -> None:
    with pytest.raises(InvalidInput, match="repetition"):
        compile_rule_regex(pattern)


def test_an_escaped_brace_is_text_whatever_number_follows() -> None:
    assert compile_rule_regex(r"order \{123456}").search("order {123456}") is not None
