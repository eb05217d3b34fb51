"""`sbp rules` and `sbp categories`: where expenses get filed, and why."""

from __future__ import annotations

from sbp_process import Sbp


def test_a_rule_files_later_expenses_and_can_be_removed(sbp: Sbp) -> None:
    assert sbp.ok("rules", "add", "blue bottle", "Coffee").out == (
        "rule #1: text 'blue bottle' -> coffee\n"
    )
    sbp.ok("rules", "add", "--regex", "^uber( eats)?", "transport")

    assert sbp.json("rules", "list") == [
        {"id": 1, "pattern": "blue bottle", "kind": "text", "category": "coffee"},
        {"id": 2, "pattern": "^uber( eats)?", "kind": "regex", "category": "transport"},
    ]
    assert sbp.ok("rules", "list").lines[0].split() == ["ID", "PATTERN", "KIND", "CATEGORY"]
    shown = sbp.json("show", sbp.add("4", "BLUE BOTTLE #12 OAKLAND"))
    assert (shown["category"], shown["category_source"]) == ("coffee", "rule")

    assert sbp.ok("rules", "rm", "1").out == "removed rule #1: text 'blue bottle' -> coffee\n"
    assert [r["id"] for r in sbp.json("rules", "list")] == [2]


def test_rules_refuse_bad_input_and_change_nothing(sbp: Sbp) -> None:
    sbp.ok("rules", "add", "blue bottle", "coffee")
    before = sbp.snapshot()

    bad_regex = sbp("rules", "add", "--regex", "(unclosed", "coffee")
    empty = sbp("rules", "add", "  ", "coffee")
    unknown = sbp("rules", "rm", "99")
    not_a_number = sbp("rules", "rm", "one")

    assert bad_regex.code == 1 and "(unclosed" in bad_regex.err
    assert (empty.code, empty.err) == (1, "sbp: error: rule pattern is empty\n")
    assert unknown.code == 3
    assert not_a_number.code == 2  # a usage error, reported by the argument parser
    assert sbp.snapshot() == before


def test_rules_test_shows_every_layer_and_the_winner(sbp: Sbp) -> None:
    sbp.ok("rules", "add", "starbucks", "treats")

    run = sbp.ok("rules", "test", "STARBUCKS #123 SEATTLE")
    explained = sbp.json("rules", "test", "STARBUCKS #123 SEATTLE")

    assert run.lines[0] == "description: STARBUCKS #123 SEATTLE"
    assert run.lines[1] == "normalised:  starbucks seattle"
    assert run.lines[2].split()[:3] == ["->", "treats", "rule"]
    assert "built-in keyword 'starbucks'" in run.out
    assert run.lines[-1] == "files under: treats"
    assert (explained["normalised"], explained["category"], explained["source"]) == (
        "starbucks seattle",
        "treats",
        "rule",
    )
    # the rule, the merchant, the keyword, the fallback
    assert [c["category"] for c in explained["candidates"]] == [
        "treats",
        "coffee",
        "coffee",
        "other",
    ]
    assert sbp.json("rules", "list")[0]["pattern"] == "starbucks"  # testing stores nothing


def test_categories_list_builtins_with_counts_and_budgets(sbp: Sbp) -> None:
    sbp.ok("budget", "set", "coffee", "60")
    sbp.ok("add", "3", "coffee")
    sbp.ok("add", "3", "yarn", "-c", "knitting")

    found = {c["name"]: c for c in sbp.json("categories")}
    table = sbp.ok("categories").lines

    assert found["coffee"] == {"name": "coffee", "expenses": 1, "builtin": True, "budget": "60.00"}
    assert found["knitting"] == {
        "name": "knitting",
        "expenses": 1,
        "builtin": False,
        "budget": None,
    }
    assert {"groceries", "transport", "subscriptions", "other"} <= set(found)
    assert table[0].split() == ["CATEGORY", "EXPENSES", "BUILT-IN", "BUDGET"]
    assert sbp.ok("categories", "--csv").lines[0] == "name,expenses,builtin,budget"


def test_rules_test_takes_the_banks_codes_and_names_its_evidence(sbp: Sbp) -> None:
    cash = sbp.json("rules", "test", "LNK TESCO BUCKINGHAM", "--kind", "CPT")
    fast_food = sbp.ok("rules", "test", "ACME 123", "--mcc", "5814")
    refused = sbp("rules", "test", "ACME", "--mcc", "58140")

    assert (cash["category"], cash["source"]) == ("cash", "bank")
    assert "transaction type CPT" in cash["candidates"][0]["reason"]
    assert "merchant category code 5814 (Fast food restaurants)" in fast_food.out
    assert fast_food.lines[-1] == "files under: dining"
    assert refused.code == 1 and "4 digits" in refused.err


def test_categories_review_lists_what_sbp_was_unsure_of_most_money_first(sbp: Sbp) -> None:
    sbp.ok("add", "12", "ZXQ THING")
    sbp.ok("add", "30", "SHREWSBURY STARBUC")
    sbp.ok("add", "5", "coffee")

    found = sbp.json("categories", "--review")
    table = sbp.ok("categories", "--review").lines

    assert [(r["description"], r["category"], r["total"]) for r in found] == [
        ("SHREWSBURY STARBUC", "coffee", "30.00"),
        ("ZXQ THING", "other", "12.00"),
    ]
    assert table[0].split()[:3] == ["LATEST", "DESCRIPTION", "EXPENSES"]
    assert table[-1].startswith("correct one with: sbp edit")


def test_a_catastrophic_regex_rule_does_not_hang_add_import_or_rules_test(sbp: Sbp) -> None:
    # On a backtracking engine this pattern takes longer than the universe has existed on the
    # 41-character descriptions below; the timeout in `sbp` only guards the test run itself.
    sbp.ok("rules", "add", "--regex", "(a+)+$", "work")
    long = "a" * 40 + "!"

    added = sbp.ok("add", "4", long)
    tested = sbp.json("rules", "test", long)
    imported = sbp("import", "-", stdin=f"Date,Description,Amount\n2026-11-02,{'a' * 40},-5.00\n")

    assert "as other" in added.out
    assert tested["category"] == "other"
    assert imported.code == 0
    assert [e["category"] for e in sbp.json("list", "--from", "2026-11-01")].count("work") == 1
