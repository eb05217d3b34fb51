"""`sbp list` and `sbp show`: periods, filters, output formats and id prefixes."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from sbp_process import Sbp

EXPENSE_FIELDS = [
    "id",
    "date",
    "amount",
    "currency",
    "description",
    "category",
    "category_source",
    "note",
    "receipt_key",
    "created_at",
    "updated_at",
    "account",
]
OFX = str(Path(__file__).parent.parent / "fixtures" / "banks" / "checking_statement.ofx")


@pytest.fixture
def months(sbp: Sbp) -> Sbp:
    """Three expenses this month and one in an earlier month."""
    sbp.ok("add", "3.50", "flat white", "-c", "coffee")
    sbp.ok("add", "42", "weekly groceries", "-c", "groceries")
    sbp.ok("add", "2.80", "espresso", "-c", "coffee", "--note", "with Sam")
    sbp.ok("add", "900", "rent", "--date", "2025-06-01", "-c", "housing")
    return sbp


def test_list_shows_this_month_newest_first_as_a_table(months: Sbp) -> None:
    run = months.ok("list")

    header, *rows, footer = run.lines
    assert header.split() == ["ID", "DATE", "AMOUNT", "CATEGORY", "DESCRIPTION"]
    assert [r.split(None, 4)[4] for r in rows] == ["espresso", "weekly groceries", "flat white"]
    assert footer == "3 expenses, 48.30 USD"
    assert "\x1b[" not in run.out  # not a terminal: plain text


def test_list_filters_by_month_range_category_search_and_limit(months: Sbp) -> None:
    def described(*args: str) -> list[str]:
        return [e["description"] for e in months.json("list", *args)]

    assert described("--month", "2025-06") == ["rent"]
    assert described("--from", "2025-01-01", "--to", "2025-12-31") == ["rent"]
    assert described("--category", "Coffee") == ["espresso", "flat white"]
    assert described("--search", "GROC") == ["weekly groceries"]
    assert described("--limit", "1") == ["espresso"]


def test_list_json_has_stable_field_names_and_string_amounts(months: Sbp) -> None:
    newest = months.json("list")[0]

    assert list(newest) == EXPENSE_FIELDS
    assert newest["amount"] == "2.80"
    assert newest["note"] == "with Sam"
    assert newest["date"] == date.today().isoformat()


def test_list_csv_has_a_header_and_one_line_per_expense(months: Sbp) -> None:
    rows = list(csv.DictReader(io.StringIO(months.ok("list", "--csv").out)))

    assert [r["amount"] for r in rows] == ["2.80", "42.00", "3.50"]
    assert list(rows[0]) == EXPENSE_FIELDS


def test_the_account_of_imported_expenses_is_shown_by_list_show_and_export(sbp: Sbp) -> None:
    sbp.ok("import", OFX, "--account", "checking")
    typed = sbp.add("3", "typed coffee", "--date", "2026-11-28")

    header, *rows, _ = sbp.ok("list", "--month", "2026-11").lines
    listed = {e["description"]: e["account"] for e in sbp.json("list", "--month", "2026-11")}
    shown = sbp.ok("show", typed[:10]).lines
    imported = next(e["id"] for e in sbp.json("list", "--month", "2026-11") if e["account"])
    exported = list(csv.DictReader(io.StringIO(sbp.ok("export").out)))

    assert header.split() == ["ID", "DATE", "AMOUNT", "CATEGORY", "ACCOUNT", "DESCRIPTION"]
    assert rows[0].split()[4:] == ["typed", "coffee"]  # no account: an empty cell
    at = header.index("ACCOUNT")
    assert [row[at : at + 9] for row in rows] == ["         "] + ["checking "] * 6
    assert set(listed.values()) == {"checking", ""} and listed["typed coffee"] == ""
    assert not any(line.startswith("account:") for line in shown)
    assert "account:         checking" in sbp.ok("show", imported).lines
    assert sorted(row["account"] for row in exported) == [""] + ["checking"] * 6


def test_list_says_so_when_nothing_matches(sbp: Sbp) -> None:
    assert sbp.ok("list").out == "no expenses found\n"
    assert sbp.json("list") == []


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--month", "2026-13"), "month 2026-13 does not exist"),
        (("--month", "november"), "month 'november' is not in the form YYYY-MM"),
        (("--from", "2026-02-30"), "date '2026-02-30' is not a date"),
        (("--month", "2026-11", "--from", "2026-11-01"), "either a month or a --from/--to"),
        (("--limit", "0"), "limit must be a positive number"),
        (("--json", "--csv"), "choose one of --json and --csv"),
    ],
)
def test_list_refuses_bad_periods_with_one_line(
    sbp: Sbp, args: tuple[str, ...], words: str
) -> None:
    run = sbp("list", *args)

    assert run.code == 1
    assert run.err.startswith("sbp: error: ")
    assert words in run.err
    assert run.out == ""


def test_show_finds_an_expense_by_a_four_character_prefix_and_in_full(months: Sbp) -> None:
    espresso = months.json("list", "--search", "espresso")[0]
    everything = months.json("list", "--from", "2000-01-01")
    others = [e["id"] for e in everything if e["id"] != espresso["id"]]
    prefix = _shortest_unique_prefix(espresso["id"], others)

    shown = months.json("show", prefix)
    text = months.ok("show", prefix).out

    assert shown == espresso
    assert f"id:              {espresso['id']}" in text
    assert "note:            with Sam" in text


def test_show_of_an_unknown_id_says_so_with_exit_code_3(months: Sbp) -> None:
    run = months("show", "ZZZZZZ")

    assert (run.code, run.err) == (
        3,
        "sbp: error: no expense id starts or ends with 'ZZZZZZ' (see `sbp list`)\n",
    )


def test_an_ambiguous_prefix_lists_the_candidates_with_exit_code_4(months: Sbp) -> None:
    ids = [e["id"] for e in months.json("list")]
    common = _common_prefix(ids)
    assert len(common) >= 4  # written within a second: the ULIDs share their time prefix

    run = months("show", common[:4])

    assert run.code == 4
    assert run.err.startswith(f"sbp: error: id prefix '{common[:4]}' matches")
    assert all(i in run.err for i in ids)
    assert "type more characters" in run.err


@pytest.mark.parametrize(("prefix", "words"), [("01K", "too short"), ("a-b!", "not an expense id")])
def test_show_refuses_a_prefix_that_cannot_be_an_id(months: Sbp, prefix: str, words: str) -> None:
    run = months("show", prefix)

    assert run.code == 1
    assert words in run.err


def _common_prefix(ids: list[str]) -> str:
    first, last = min(ids), max(ids)
    size = 0
    while size < len(first) and first[size] == last[size]:
        size += 1
    return first[:size]


def _shortest_unique_prefix(wanted: str, others: list[str]) -> str:
    size = 4
    while any(o.startswith(wanted[:size]) for o in others):
        size += 1
    return wanted[:size].lower()  # ids are case-insensitive, like Crockford base 32


def test_list_columns_stay_aligned_with_wide_characters(sbp: Sbp) -> None:
    import unicodedata

    def columns(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)

    sbp.ok("add", "1", "ramen", "-c", "東京")
    sbp.ok("add", "2", "sencha", "-c", "tea")

    rows = sbp.ok("list").lines[:3]

    starts = {
        columns(row[: row.index(word)])
        for row in rows
        for word in ("DESCRIPTION", "sencha", "ramen")
        if word in row
    }
    assert len(starts) == 1, rows
