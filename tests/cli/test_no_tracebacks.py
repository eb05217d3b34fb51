"""Every traceback the hardening review found, now one line on stderr with the exit code README
documents, and nothing changed in the store."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from inprocess import InProcess
from sbp_process import Sbp


@pytest.fixture
def home(sbp_home: Path) -> Path:
    sbp = InProcess(sbp_home)
    sbp.ok("add", "12.50", "coffee", "-d", "2026-11-02")
    sbp.ok("budget", "set", "coffee", "60")
    sbp.ok("rules", "add", "blue bottle", "coffee")
    return sbp_home


def one_line_error(code: int, err: str) -> bool:
    return err.startswith("sbp: error: ") and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (
            ["rules", "add", "--regex", "a{99999999999}", "work"],
            1,
            "not a valid regular expression",
        ),
        (
            ["rules", "add", "--regex", "(" * 50_000 + "a" + ")" * 50_000, "work"],
            1,
            "longer than 500 characters",
        ),
        (["rules", "rm", "9223372036854775808"], 3, "no rule #9223372036854775808"),
        (["rules", "rm", "0"], 3, "no rule #0"),
        (["list", "-n", "0"], 1, "limit must be a positive number"),
        (["add", "5", "coffee", "--currency", "XYZ"], 1, "currency 'XYZ' is not an ISO 4217"),
        (["add", "5ABC", "coffee"], 1, "currency 'ABC' is not an ISO 4217"),
    ],
)
def test_bad_arguments_are_one_line_and_change_nothing(
    home: Path, args: list[str], code: int, said: str
) -> None:
    before = Sbp(home).snapshot()

    run = InProcess(home)(*args)

    assert run.code == code and said in run.err
    assert one_line_error(run.code, run.err)
    assert Sbp(home).snapshot() == before


@pytest.mark.parametrize("command", [["list"], ["notifications"]])
def test_a_limit_beyond_any_store_lists_everything(home: Path, command: list[str]) -> None:
    run = InProcess(home).ok(*command, "-n", "9223372036854775808", "--json")

    assert isinstance(json.loads(run.out), list)


def test_json_nested_deeper_than_python_can_read_is_refused(home: Path, tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    before = Sbp(home).snapshot()

    run = InProcess(home)("import", str(deep))

    assert run.code == 1 and "nested too deeply" in run.err
    assert one_line_error(run.code, run.err)
    assert Sbp(home).snapshot() == before


@pytest.mark.parametrize(
    ("config", "said"),
    [
        (b'alert_thresholds = [80]\nbase_currency = "\xff"\n', "config.toml:2: not UTF-8 text"),
        (b"\xff\n", "config.toml:1: not UTF-8 text (byte 0xff)"),
        (b'# mine\n\nbase_currency = "XYZ"\n', "config.toml:3: currency 'XYZ' is not an ISO 4217"),
        (b"base_currency = 5\n", "config.toml:1: currency '5' is not a 3-letter ISO 4217"),
    ],
)
def test_a_bad_config_file_is_named_with_its_line(home: Path, config: bytes, said: str) -> None:
    (home / "config.toml").write_bytes(config)
    before = Sbp(home).snapshot()

    run = InProcess(home)("add", "3", "coffee")

    assert run.code == 1 and f"{home}/{said}" in run.err
    assert one_line_error(run.code, run.err)
    assert Sbp(home).snapshot() == before


@pytest.mark.parametrize(
    "damage",
    [
        "{not json",
        "[]",
        '{"kind": "teleport", "summary": "x", "before": null, "after": null}',
        '{"kind": "add", "summary": "x", "before": null, "after": {}}',
        '{"kind": "edit", "summary": "x", "before": {"id": "1"}, "after": null}',
        '{"kind": "budget", "summary": "x", "before": {"limit": "x"}, "after": null}',
        '{"kind": "edit", "summary": "x", "before": null, "after": null, "extra": ' + "[" * 5000,
    ],
)
def test_a_damaged_undo_record_is_skipped_and_undo_goes_on(home: Path, damage: str) -> None:
    sbp = InProcess(home)
    sbp.ok("add", "4", "tea", "-d", "2026-11-03")
    with sqlite3.connect(home / "sbp.db") as conn:
        conn.execute(
            "UPDATE undo_journal SET entry = ? WHERE seq = (SELECT max(seq) FROM undo_journal)",
            (damage,),
        )
    before = Sbp(home).snapshot()

    undone = sbp("undo")  # skips the damaged record, then takes back the budget set before it

    assert undone.code == 0 and undone.err == ""
    skipped, done = undone.out.splitlines()
    assert skipped.startswith("skipped: ") and done.startswith("undid: ") and "budget" in done
    changed = set(before) ^ set(Sbp(home).snapshot())
    assert all("undo_journal" in line or "budgets" in line for line in changed)


@pytest.mark.parametrize(
    "tampering",
    [
        "DROP TABLE budgets",
        "ALTER TABLE expenses RENAME COLUMN note TO remark",
        "DROP TABLE aggregates",
        "DROP TRIGGER aggregates_on_insert",
        "DROP INDEX expenses_by_date",
        "DROP TABLE expenses; CREATE TABLE expenses (id TEXT PRIMARY KEY)",
    ],
)
def test_a_tampered_schema_is_store_unavailable_in_one_line(
    home: Path, tmp_path: Path, tampering: str
) -> None:
    bank = tmp_path / "bank.csv"
    bank.write_text("Date,Amount,Description\n2026-11-04,-3.20,Blue Bottle\n")
    with sqlite3.connect(home / "sbp.db") as conn:
        conn.executescript(tampering)
    sbp = InProcess(home)
    codes = []
    for args in (
        ["add", "4", "tea"],
        ["list", "--month", "2026-11", "--search", "coffee"],
        ["status", "--month", "2026-11"],
        ["export"],
        ["import", str(bank)],
    ):
        before = Sbp(home).snapshot()
        run = sbp(*args)
        codes.append(run.code)
        if run.code != 0:
            assert one_line_error(run.code, run.err) and "changed it" in run.err
            assert Sbp(home).snapshot() == before

    assert set(codes) <= {0, 7} and 7 in codes


@pytest.mark.parametrize(
    "tampering",
    [
        "UPDATE expenses SET amount_minor = 'abc'",
        "UPDATE expenses SET amount_minor = 1e300",
        "UPDATE expenses SET date = 'not a date'",
        "UPDATE expenses SET category_source = 'guessed by hand'",
        "UPDATE expenses SET created_at = 'yesterday'",
        "UPDATE budgets SET limit_minor = 'sixty'",
        "UPDATE notifications SET created_at = 'x'",
    ],
)
def test_a_value_another_program_wrote_is_store_unavailable_in_one_line(
    home: Path, tampering: str
) -> None:
    sbp = InProcess(home)
    sbp.ok("add", "60", "coffee beans", "-c", "coffee", "-d", "2026-11-03")  # an alert too
    with sqlite3.connect(home / "sbp.db") as conn:
        conn.execute(tampering)
    codes = []
    for args in (
        ["list", "--month", "2026-11"],
        ["export"],
        ["status", "--month", "2026-11"],
        ["budget", "list"],
        ["notifications"],
        ["report", "--month", "2026-11", "--format", "json"],
    ):
        run = sbp(*args)
        codes.append(run.code)
        if run.code != 0:
            assert one_line_error(run.code, run.err), run
            assert "changed it" in run.err, run

    assert set(codes) <= {0, 7} and 7 in codes
