"""`sbp add`: what it stores, the one line it prints, and every input it refuses."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sbp_process import Sbp


def test_add_prints_the_id_and_the_category_it_chose(sbp: Sbp) -> None:
    run = sbp.ok("add", "12.50", "Starbucks #123 Seattle")

    words = run.out.split()
    assert words[0] == "added"
    assert len(words[1]) == 26  # the full ULID
    assert "as coffee" in run.out
    [stored] = sbp.json("list")
    assert stored["id"] == words[1]
    assert (stored["amount"], stored["category"], stored["category_source"]) == (
        "12.50",
        "coffee",
        "merchant",
    )
    assert stored["date"] == date.today().isoformat()


def test_after_add_the_store_is_one_file_holding_everything(sbp: Sbp) -> None:
    import sqlite3

    sbp.ok("add", "12.50", "coffee")

    # the connection was closed: the write-ahead log was folded back into sbp.db and removed
    assert [path.name for path in sbp.home.glob("sbp.db*")] == ["sbp.db"]
    with sqlite3.connect(f"file:{sbp.home / 'sbp.db'}?mode=ro", uri=True) as conn:
        assert conn.execute("SELECT amount_minor FROM expenses").fetchall() == [(1250,)]


def test_add_shows_the_budget_effect_when_the_category_has_a_budget(sbp: Sbp) -> None:
    sbp.ok("budget", "set", "coffee", "60")
    sbp.ok("add", "30", "coffee")

    run = sbp.ok("add", "12.50", "coffee")

    assert "Coffee: 42.50 of 60.00 this month, 70%" in run.out
    assert len(run.lines) == 1


@pytest.mark.parametrize(
    ("typed", "stored", "currency"),
    [
        ("12,50", "12.50", "USD"),
        ("1,234.56", "1234.56", "USD"),
        ("1.234,56", "1234.56", "USD"),
        ("$4.20", "4.20", "USD"),
        ("4.20EUR", "4.20", "EUR"),
    ],
)
def test_add_reads_every_everyday_amount_form(
    sbp: Sbp, typed: str, stored: str, currency: str
) -> None:
    sbp.ok("add", typed, "lunch")

    [expense] = sbp.json("list")
    assert (expense["amount"], expense["currency"]) == (stored, currency)


def test_add_takes_date_category_note_and_currency(sbp: Sbp) -> None:
    three_days_ago = (date.today() - timedelta(days=3)).isoformat()
    sbp.ok("add", "7", "gift for Ann", "--date", three_days_ago, "-c", "Gifts", "--note", "bday")
    sbp.ok("add", "8", "croissant", "--currency", "EUR", "--date", "today")

    found = {e["description"]: e for e in sbp.json("list", "--from", three_days_ago)}
    gift, croissant = found["gift for Ann"], found["croissant"]
    assert (gift["date"], gift["category"], gift["category_source"], gift["note"]) == (
        three_days_ago,
        "gifts",
        "user",
        "bday",
    )
    assert croissant["currency"] == "EUR"


def test_add_understands_relative_dates(sbp: Sbp) -> None:
    sbp.ok("add", "5", "bus", "--date", "-3d")
    sbp.ok("add", "6", "tram", "--date", "yesterday")

    days = {e["description"]: e["date"] for e in sbp.json("list", "--from", "-7d")}
    assert days == {
        "bus": (date.today() - timedelta(days=3)).isoformat(),
        "tram": (date.today() - timedelta(days=1)).isoformat(),
    }


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("abc", "abc"),
        ("NaN", "NaN"),
        ("1e999", "1e999"),
        ("12.345", "12.345"),
        ("", "empty"),
        ("0", "zero"),
    ],
)
def test_add_refuses_a_bad_amount_and_stores_nothing(sbp: Sbp, amount: str, words: str) -> None:
    sbp.ok("add", "1", "seed")
    before = sbp.snapshot()

    run = sbp("add", amount, "coffee")

    assert run.code == 1
    assert run.err.startswith("sbp: error: ")
    assert words in run.err
    assert len(run.err.splitlines()) == 1
    assert run.out == ""
    assert sbp.snapshot() == before


@pytest.mark.parametrize("day", ["2026-13-01", "2026-02-30", "someday", ""])
def test_add_refuses_a_bad_date_and_stores_nothing(sbp: Sbp, day: str) -> None:
    sbp.ok("add", "1", "seed")
    before = sbp.snapshot()

    run = sbp("add", "3", "coffee", "--date", day)

    assert run.code == 1
    assert run.err.startswith("sbp: error: date")
    assert sbp.snapshot() == before


def test_add_refuses_an_empty_description(sbp: Sbp) -> None:
    run = sbp("add", "3", "   ")

    assert (run.code, run.err) == (
        1,
        "sbp: error: description is empty: say what the money was for\n",
    )
    assert sbp.json("list") == []


def test_add_refuses_an_unknown_currency(sbp: Sbp) -> None:
    run = sbp("add", "3", "coffee", "--currency", "XYZW")

    assert run.code == 1
    assert "XYZW" in run.err
    assert sbp.json("list") == []


def test_two_adds_at_the_same_time_are_both_stored(sbp: Sbp) -> None:
    import subprocess
    import sys

    sbp.ok("add", "1", "first write makes the store")
    argv = [sys.executable, "-m", "sbp", "add"]
    running = [
        subprocess.Popen([*argv, str(n), f"parallel {n}"], env=sbp.env, stdout=subprocess.PIPE)
        for n in (2, 3)
    ]
    assert [p.wait(timeout=60) for p in running] == [0, 0]
    for process in running:
        assert process.stdout is not None
        process.stdout.close()

    descriptions = {e["description"] for e in sbp.json("list")}
    assert {"parallel 2", "parallel 3"} <= descriptions


def test_a_negative_amount_is_a_refund(sbp: Sbp) -> None:
    sbp.ok("add", "-3", "returned mug", "-c", "shopping")

    assert [e["amount"] for e in sbp.json("list")] == ["-3.00"]


def test_add_dated_in_another_month_names_that_month_in_the_budget_line(sbp: Sbp) -> None:
    sbp.ok("budget", "set", "coffee", "60")

    run = sbp.ok("add", "30", "coffee", "--date", "2020-01-15")

    assert "Coffee: 30.00 of 60.00 in 2020-01, 50%" in run.out
    assert "this month" not in run.out


def test_add_refuses_a_currency_option_that_contradicts_the_amount(sbp: Sbp) -> None:
    sbp.ok("add", "1", "seed")
    before = sbp.snapshot()

    run = sbp("add", "4.20EUR", "croissant", "--currency", "USD")

    assert (run.code, run.out) == (1, "")
    assert run.err == ("sbp: error: amount '4.20EUR' is in EUR, but the currency given is USD\n")
    assert sbp.snapshot() == before


def test_add_refuses_an_empty_category_rather_than_guessing_one(sbp: Sbp) -> None:
    run = sbp("add", "3", "coffee", "-c", "")

    assert (run.code, run.err) == (1, "sbp: error: category is empty: give a name such as coffee\n")
    assert sbp.json("list") == []


def test_control_characters_in_what_is_typed_never_reach_the_terminal(sbp: Sbp) -> None:
    expense_id = sbp.add("3", "evil\x1b[2J\x1b[31mred\u202egnp", "--note", "ring\x07\tme")

    [stored] = sbp.json("list")
    listed = sbp.ok("list").out + sbp.ok("show", expense_id).out

    # whole escape sequences go, not only their ESC: no "[2J[31m" left behind
    assert (stored["description"], stored["note"]) == ("evilredgnp", "ring me")
    assert "\x1b" not in listed and "\x07" not in listed and "\u202e" not in listed
