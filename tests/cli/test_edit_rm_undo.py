"""`sbp edit`, `sbp rm` and `sbp undo`: correcting the record, and taking corrections back."""

from __future__ import annotations

import pytest
from sbp_process import Sbp


def test_edit_changes_the_fields_given_and_keeps_the_rest(sbp: Sbp) -> None:
    expense_id = sbp.add("12.50", "coffee", "--note", "oat milk")

    run = sbp.ok("edit", expense_id[:8], "--amount", "13", "--description", "big coffee")

    assert run.out.startswith(f"edited {expense_id} 13.00 USD 'big coffee'")
    [edited] = sbp.json("list")
    assert (edited["amount"], edited["description"], edited["note"]) == (
        "13.00",
        "big coffee",
        "oat milk",
    )


def test_edit_category_is_remembered_for_the_next_such_expense(sbp: Sbp) -> None:
    first = sbp.add("4", "Blue Bottle")
    sbp.ok("edit", first, "--category", "coffee")

    second = sbp.add("5", "Blue Bottle")

    shown = sbp.json("show", second)
    assert (shown["category"], shown["category_source"]) == ("coffee", "learned")


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (("--amount", "abc"), 1, "abc"),
        (("--amount", "12.345"), 1, "12.345"),
        (("--date", "2026-02-30"), 1, "is not a date"),
        (("--description", " "), 1, "description is empty"),
        ((), 1, "nothing to change"),
    ],
)
def test_edit_refuses_bad_input_and_changes_nothing(
    sbp: Sbp, args: tuple[str, ...], code: int, words: str
) -> None:
    expense_id = sbp.add("12.50", "coffee")
    before = sbp.snapshot()

    run = sbp("edit", expense_id, *args)

    assert run.code == code
    assert words in run.err
    assert sbp.snapshot() == before


def test_edit_of_an_unknown_id_exits_3(sbp: Sbp) -> None:
    sbp.add("1", "seed")
    before = sbp.snapshot()

    run = sbp("edit", "7ZZZZZZZ", "--amount", "3")

    assert run.code == 3
    assert sbp.snapshot() == before


def test_rm_with_yes_removes_the_expense(sbp: Sbp) -> None:
    expense_id = sbp.add("12.50", "coffee")

    run = sbp.ok("rm", expense_id[:6], "--yes")

    assert run.out.startswith(f"removed {expense_id[-6:]} 12.50 USD 'coffee'")
    assert sbp.json("list") == []


def test_rm_without_yes_refuses_when_it_cannot_ask(sbp: Sbp) -> None:
    expense_id = sbp.add("12.50", "coffee")
    before = sbp.snapshot()

    run = sbp("rm", expense_id)  # stdin is a pipe, not a terminal

    assert run.code == 1
    assert run.err == (
        "sbp: error: not removing without confirmation: input is not a terminal (pass --yes)\n"
    )
    assert sbp.snapshot() == before


def test_rm_of_an_unknown_id_exits_3_and_removes_nothing(sbp: Sbp) -> None:
    sbp.add("1", "seed")
    before = sbp.snapshot()

    run = sbp("rm", "7ZZZZZZZ", "--yes")

    assert run.code == 3
    assert sbp.snapshot() == before


def test_undo_takes_back_an_add(sbp: Sbp) -> None:
    sbp.add("12.50", "coffee")

    run = sbp.ok("undo")

    assert run.out.startswith("undid: added $12.50 'coffee' (coffee, ")
    assert sbp.json("list") == []


def test_undo_takes_back_an_edit(sbp: Sbp) -> None:
    expense_id = sbp.add("12.50", "coffee")
    sbp.ok("edit", expense_id, "--amount", "99")

    run = sbp.ok("undo")

    assert run.out.startswith("undid: edited $99.00 'coffee'")
    assert sbp.json("show", expense_id)["amount"] == "12.50"


def test_undo_brings_back_a_removed_expense(sbp: Sbp) -> None:
    expense_id = sbp.add("12.50", "coffee")
    kept = sbp.json("show", expense_id)
    sbp.ok("rm", expense_id, "--yes")

    run = sbp.ok("undo")

    assert run.out.startswith("undid: removed $12.50 'coffee'")
    assert sbp.json("show", expense_id) == kept


def test_undo_takes_back_budget_changes_one_at_a_time(sbp: Sbp) -> None:
    sbp.ok("budget", "set", "coffee", "60")
    sbp.ok("budget", "set", "coffee", "80")

    assert sbp.ok("undo").out == "undid: set the coffee every-month budget to $80.00\n"
    assert [b["limit"] for b in sbp.json("budget", "list")] == ["60.00"]
    sbp.ok("budget", "rm", "coffee")
    assert sbp.ok("undo").out == "undid: removed the coffee every-month budget\n"
    assert [b["limit"] for b in sbp.json("budget", "list")] == ["60.00"]


def test_undo_with_nothing_left_exits_6(sbp: Sbp) -> None:
    run = sbp("undo")

    assert (run.code, run.err) == (6, "sbp: error: nothing to undo\n")
