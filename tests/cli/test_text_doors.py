"""Text as stored: whatever text comes in through any door (typed, imported as CSV, JSON or OFX,
a category, a budget, a rule, a note), every output of sbp stays printable: no escape sequence,
control character, bidi override or zero-width-only text ever reaches the terminal, a file or
an error message raw."""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from inprocess import InProcess

HOSTILE = [
    "\x1b[2J",
    "\x1b]0;PWNED\x07",
    "\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "\x1bc",
    "\x9b31m",
    "\x00",
    "\x07",
    "\x7f",
    "\r",
    "\n",
    "\t",
    "\u202e",
    "\u2066",
    "\u200b",
    "\ufeff",
    "\u2028",
    "\udce9",
    '=HYPERLINK("http://evil.example","refund")',
    "-cmd",
]
TEXT = st.lists(
    st.one_of(st.sampled_from(HOSTILE), st.text(max_size=4)), min_size=1, max_size=5
).map("".join)
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def unprintable(output: str) -> list[str]:
    """The characters of `output` that could drive a terminal (line breaks are the output's own)."""
    return [
        char
        for char in output
        if (unicodedata.category(char) in ("Cc", "Cs") and char != "\n") or char in BIDI
    ]


def csv_cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def ofx_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_files(folder: Path, text: str) -> list[Path]:
    """The same hostile text as a CSV, a JSON and an OFX file's description, category, note."""
    csv = folder / "bank.csv"
    csv.write_text(
        "Date,Amount,Description,Category,Note\n"
        f"2026-11-03,-7.25,{csv_cell(text)},{csv_cell(text[:30])},{csv_cell(text)}\n"
        f"2026-11-04,-8.25,{csv_cell('x' + text)},,\n",
        encoding="utf-8",
        errors="surrogateescape",
    )
    sbp_json = folder / "export.json"
    rows = [{"date": "2026-11-05", "amount": "9.50", "description": text, "note": text}]
    sbp_json.write_text(json.dumps({"expenses": rows}))  # lone surrogates as \\udce9 escapes
    ofx = folder / "statement.ofx"
    ofx.write_text(
        "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\n"
        "CHARSET:1252\nCOMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n<OFX><BANKMSGSRSV1>"
        "<STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS><STMTRS><CURDEF>USD"
        "<BANKACCTFROM><BANKID>1<ACCTID>2<ACCTTYPE>CHECKING</BANKACCTFROM><BANKTRANLIST>"
        "<DTSTART>20261101<DTEND>20261130<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20261106"
        f"<TRNAMT>-3.10<FITID>F1<NAME>{ofx_text(text)}<MEMO>{ofx_text(text)}</STMTTRN>"
        "</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n",
        encoding="utf-8",
        errors="surrogateescape",
    )
    return [csv, sbp_json, ofx]


def every_door(sbp: InProcess, folder: Path, text: str) -> list[str]:
    """Let `text` in through every door; what each command printed (out and err)."""
    said: list[str] = []

    def run(*args: str) -> None:
        done = sbp(*args)
        said.extend((done.out, done.err))

    run("add", "12.50", text, "-c", text, "--note", text, "-d", "2026-11-02")
    run("add", "4.20", f"coffee {text}", "-d", "2026-11-02")
    run("budget", "set", text, "10")
    run("budget", "set", "coffee", "3")  # the coffee above passes it: an alert
    run("rules", "add", text, text)
    run("rules", "add", "--regex", text, "work")
    run("rules", "test", text)
    for path in write_files(folder, text):
        run("import", str(path), "--skip-invalid")
        run("import", "--dry-run", str(path))
    [first, *_] = json.loads(sbp.ok("list", "--json", "--month", "2026-11").out)
    run("edit", first["id"][:10], "--description", text, "--note", text, "-c", text)
    run("list", "--search", text)
    return said


def every_output(sbp: InProcess) -> list[str]:
    """What every listing, export and report prints of the store."""
    outputs = []
    for args in (
        ["list", "--month", "2026-11"],
        ["list", "--month", "2026-11", "--json"],
        ["list", "--month", "2026-11", "--csv"],
        ["status", "--month", "2026-11"],
        ["status", "--month", "2026-11", "--json"],
        ["budget", "list"],
        ["budget", "list", "--csv"],
        ["rules", "list"],
        ["rules", "list", "--json"],
        ["categories"],
        ["notifications"],
        ["import", "list"],
        ["export"],
        ["export", "--format", "json"],
        ["export", "--format", "ledger"],
        ["export", "--format", "beancount"],
        ["report", "--month", "2026-11", "--format", "md"],
        ["report", "--month", "2026-11", "--format", "csv"],
        ["report", "--month", "2026-11", "--format", "json"],
    ):
        done = sbp.ok(*args)
        outputs.extend((done.out, done.err))
    listed = json.loads(sbp.ok("list", "--month", "2026-11", "--json").out)
    for expense in listed:
        done = sbp.ok("show", expense["id"])
        outputs.append(done.out)
    return outputs


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=TEXT)
def test_any_text_through_any_door_comes_out_printable(
    text: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("doors")
    home = folder / "home"
    home.mkdir()
    (home / "config.toml").write_text('base_currency = "USD"\n')
    sbp = InProcess(home)

    said = every_door(sbp, folder, text)
    shown = every_output(sbp)

    assert [unprintable(output) for output in said + shown if unprintable(output)] == []


def test_escape_sequences_in_a_bank_file_never_reach_the_store(tmp_path: Path) -> None:
    sbp = InProcess(tmp_path)
    bank = tmp_path / "bank.csv"
    bank.write_text(
        "Date,Amount,Description,Category\n"
        "2026-11-03,-7.25,\x1b[2J\x1b]0;PWNED\x07Blue Bottle,\x1b[31mcoffee\n"
        "2026-11-04,-1.00,\u200b\u200b,\n"
        "2026-11-05,-2.00,R\u00e9sidence\u202e\x00 rent,housing\u200b\n"
    )

    run = sbp("import", str(bank), "--skip-invalid")

    listed = json.loads(sbp.ok("list", "--from", "2026-11-01", "--json").out)
    assert sorted((e["description"], e["category"]) for e in listed) == [
        ("Blue Bottle", "coffee"),
        ("R\u00e9sidence rent", "housing"),
    ]
    assert f"{bank}:3: the description has nothing printable" in run.err


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["add", "12\x1b[2J", "coffee"], "amount '12\\x1b[2J' is not a number"),
        (["add", "5", "coffee", "-d", "\u202etoday"], "date '\\u202etoday' is not a date"),
        (["add", "5", "\u200b\u200b"], "description is empty"),
        (["add", "5", "coffee", "-c", "\x1b[1m"], "category is empty"),
        (["budget", "set", "\u200b", "10"], "category is empty"),
        (["rules", "add", "\x1b[2J", "coffee"], "rule pattern is empty"),
        (["add", "5", "caf\udce9"], "argument 'caf\\xe9' is not UTF-8 text"),
        (["show", "\x1b]0;x\x07abcd"], "'\\x1b]0;x\\x07abcd' is not an expense id"),
    ],
)
def test_an_error_echoes_what_was_typed_with_its_escapes_written_out(
    tmp_path: Path, args: list[str], error: str
) -> None:
    run = InProcess(tmp_path)(*args)

    assert run.code == 1
    assert error in run.err
    assert unprintable(run.err) == []
    assert run.err.count("\n") == 1


def test_a_bad_row_that_quotes_an_escape_sequence_is_reported_escaped(tmp_path: Path) -> None:
    bank = tmp_path / "bank.csv"
    bank.write_text("Date,Amount,Description\n2026-11-03,-7.25,ok\n\x1b[2J,-1.00,evil\n")

    run = InProcess(tmp_path)("import", str(bank))

    assert run.code == 1
    assert "\\x1b[2J" in run.err and unprintable(run.err) == []


def test_texts_typed_and_imported_are_stored_alike(tmp_path: Path) -> None:
    sbp = InProcess(tmp_path)
    typed = "  Blue\tBottle \u200b\x1b[1m  coffee\u202e "
    sbp.ok("add", "3", typed, "--note", typed, "-d", "2026-11-02")
    bank = tmp_path / "bank.json"
    rows = [{"date": "2026-11-02", "amount": "4", "description": typed, "note": typed}]
    bank.write_text(json.dumps(rows))
    sbp.ok("import", str(bank))

    listed = json.loads(sbp.ok("list", "--month", "2026-11", "--json").out)
    assert {(e["description"], e["note"]) for e in listed} == {
        ("Blue Bottle coffee", "Blue Bottle coffee")
    }
    assert date.fromisoformat(listed[0]["date"]) == date(2026, 11, 2)
