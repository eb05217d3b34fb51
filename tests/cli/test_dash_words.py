"""Words that begin with a dash: text as typed when they cannot be an option (`sbp add 5
-weird-`), an option when they name one, and an error that says to write `--` when a word
could be either."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from inprocess import InProcess


@pytest.fixture
def sbp(tmp_path: Path) -> InProcess:
    return InProcess(tmp_path)


def stored(sbp: InProcess) -> list[tuple[str, str, str, str]]:
    listed = json.loads(sbp.ok("list", "--from", "2000-01-01", "--json").out)
    return [(e["amount"], e["description"], e["category"], e["note"]) for e in listed]


@pytest.mark.parametrize(
    ("args", "expense"),
    [
        (["add", "5", "-weird-"], ("5.00", "-weird-", "other", "")),
        (["add", "5", "-x"], ("5.00", "-x", "other", "")),
        (["add", "5", "-weird thing"], ("5.00", "-weird thing", "other", "")),
        (["add", "5", "--weird"], ("5.00", "--weird", "other", "")),
        (["add", "-3", "-refund-"], ("-3.00", "-refund-", "other", "")),
        (
            ["add", "5", "-weird-", "-c", "-odd-", "--note", "-n"],
            ("5.00", "-weird-", "-odd-", "-n"),
        ),
        (["add", "5", "x", "--note=-y"], ("5.00", "x", "other", "-y")),
        (["add", "5", "-ctreats", "--", "-dull"], ("5.00", "-dull", "treats", "")),
        (["add", "--", "5", "-dull"], ("5.00", "-dull", "other", "")),
    ],
)
def test_a_word_that_names_no_option_is_text_as_typed(
    sbp: InProcess, args: list[str], expense: tuple[str, str, str, str]
) -> None:
    sbp.ok(*args)

    assert stored(sbp) == [expense]


def test_rules_and_budgets_take_text_that_begins_with_a_dash(sbp: InProcess) -> None:
    sbp.ok("rules", "add", "-x-", "-dashed-")
    sbp.ok("budget", "set", "-dashed-", "10")

    assert "files under: -dashed-" in sbp.ok("rules", "test", "-x- shop").out
    assert json.loads(sbp.ok("budget", "list", "--json").out)[0]["category"] == "-dashed-"


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (["add", "5", "coffee", "-dull"], 1, "date 'ull' is not a date"),
        (["add", "5", "-dull"], 2, "Missing argument 'DESCRIPTION'."),
    ],
)
def test_a_word_that_could_be_an_option_is_one_and_the_error_says_to_write_dashes(
    sbp: InProcess, args: list[str], code: int, said: str
) -> None:
    run = sbp(*args)

    assert run.code == code
    assert said in run.err
    assert "(if '-dull' is meant as text, write -- before it)" in run.err
    assert stored(sbp) == []


@pytest.mark.parametrize(
    "args",
    [
        ["add", "5", "x", "-c"],
        ["add", "5", "x", "--category"],
        ["add", "5", "x", "--note"],
        ["add", "5", "-c"],
        ["edit", "ABCDEF", "--note"],
        ["budget", "set", "coffee", "10", "--month"],
        ["rules", "test", "acme", "--kind"],
    ],
)
def test_an_option_given_last_without_its_value_is_a_usage_error(
    sbp: InProcess, args: list[str]
) -> None:
    run = sbp(*args)

    assert run.code == 2, run
    assert "requires an argument" in run.err
    assert stored(sbp) == []
