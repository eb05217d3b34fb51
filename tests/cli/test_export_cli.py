"""`sbp export`: to stdout or a file, any format, a month or everything."""

from __future__ import annotations

import json
from pathlib import Path

from sbp_process import Sbp


def seed(sbp: Sbp) -> None:
    sbp.ok("add", "4.50", "coffee, oat milk", "--date", "2026-11-02", "--note", "two")
    sbp.ok("add", "60", "groceries", "--date", "2026-10-15")


def test_csv_goes_to_stdout_by_default_with_everything(sbp: Sbp) -> None:
    seed(sbp)

    run = sbp.ok("export")

    assert run.lines[0] == (
        "date,amount,currency,description,category,note,id,category_source,account,import_key"
    )
    assert run.lines[1].startswith("2026-10-15,60.00,USD,groceries,groceries,,")
    assert run.lines[2].startswith('2026-11-02,4.50,USD,"coffee, oat milk",coffee,two,')


def test_a_month_is_exported_alone(sbp: Sbp) -> None:
    seed(sbp)

    data = json.loads(sbp.ok("export", "--format", "json", "--month", "2026-10").out)

    assert [e["description"] for e in data["expenses"]] == ["groceries"]


def test_output_file_round_trips_through_import_into_another_store(
    sbp: Sbp, tmp_path: Path
) -> None:
    seed(sbp)
    backup = tmp_path / "backup.json"
    sbp.ok("export", "-f", "json", "-o", str(backup))
    other = Sbp(tmp_path / "other-home")

    other.ok("import", str(backup))

    fields = (
        "id", "date", "amount", "currency", "description", "category", "category_source", "note",
        "account",
    )  # fmt: skip
    mine = sorted(tuple(e[f] for f in fields) for e in sbp.json("list", "--from", "2026-01-01"))
    theirs = sorted(tuple(e[f] for f in fields) for e in other.json("list", "--from", "2026-01-01"))
    assert mine == theirs and len(mine) == 2


def test_importing_an_export_into_the_store_it_came_from_says_the_ids_are_known(
    sbp: Sbp, tmp_path: Path
) -> None:
    seed(sbp)
    backup = tmp_path / "backup.csv"
    sbp.ok("export", "-o", str(backup))
    before = sbp.snapshot()

    run = sbp.ok("import", str(backup))
    [file] = sbp.json("import", str(backup))["files"]

    assert run.lines[0].startswith(f"{backup}: 0 new, 2 duplicates skipped")
    assert f"{backup}: 2 expenses whose ids are already stored were skipped" in run.err
    assert "the stored ones are kept" in run.err
    assert (file["new"], file["already_stored"]) == (0, 2)
    assert sbp.snapshot() == before


def test_ledger_and_beancount_formats_are_written(sbp: Sbp) -> None:
    seed(sbp)

    ledger = sbp.ok("export", "--format", "ledger").out
    beancount = sbp.ok("export", "--format", "beancount").out

    assert "2026-11-02 coffee, oat milk\n    ; two\n    Expenses:Coffee  4.50 USD" in ledger
    assert '2026-11-02 * "coffee, oat milk"' in beancount


def test_an_unknown_format_exits_with_the_known_ones(sbp: Sbp) -> None:
    run = sbp("export", "--format", "xlsx")

    assert run.code == 1
    assert "unknown export format 'xlsx'" in run.err and "beancount" in run.err
