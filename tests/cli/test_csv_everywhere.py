"""Every table takes --csv, as README promises: checked over the whole command tree, so a new
table without it fails here, and each table's CSV is read back."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from inprocess import InProcess

from sbp.cli import build_app

# one expense, one explanation, one account, one set of alert addresses, one sync: --json only
NOT_TABLES = {"show", "rules test", "whoami", "alerts", "sync"}


def leaves(command: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    children = getattr(command, "commands", None)
    if not children:
        yield path.strip(), command
        return
    for name, child in children.items():
        yield from leaves(child, f"{path} {name}")


def options_of(command: Any) -> set[str]:
    return {name for param in command.params for name in getattr(param, "opts", ())}


def test_every_command_with_json_output_that_prints_a_table_takes_csv() -> None:
    root = typer.main.get_command(build_app())
    missing = [
        path
        for path, command in leaves(root)
        if "--json" in options_of(command)
        and "--csv" not in options_of(command)
        and path not in NOT_TABLES
    ]

    assert missing == []


@pytest.mark.parametrize(
    ("args", "first_field"),
    [
        (["list", "--month", "2026-11"], "id"),
        (["budget", "list"], "category"),
        (["rules", "list"], "id"),
        (["categories"], "name"),
        (["status", "--month", "2026-11"], "category"),
        (["notifications"], "id"),
        (["import", "list"], "batch"),
        (["import", "--dry-run", "{bank}"], "line"),
        (["receipt", "list", "--month", "2026-11"], "id"),
    ],
)
def test_each_table_prints_csv_with_a_header(
    tmp_path: Path, args: list[str], first_field: str
) -> None:
    bank = tmp_path / "bank.csv"
    bank.write_text("Date,Amount,Description\n2026-11-04,-3.20,Blue Bottle\n")
    sbp = InProcess(tmp_path / "home")
    sbp.ok("budget", "set", "coffee", "10")
    receipt = tmp_path / "receipt.pdf"
    receipt.write_bytes(b"%PDF-1.7\n")
    # over the budget: an alert; with a receipt
    sbp.ok("add", "12.50", "coffee", "-d", "2026-11-02", "--receipt", str(receipt))
    sbp.ok("rules", "add", "blue bottle", "coffee")
    sbp.ok("import", str(bank))

    run = sbp.ok(*(arg.format(bank=bank) for arg in args), "--csv")

    rows = list(csv.reader(io.StringIO(run.out)))
    assert rows[0][0] == first_field and len(rows) >= 2
    assert {len(row) for row in rows} == {len(rows[0])}


def test_csv_of_a_real_import_is_refused_with_the_fix(tmp_path: Path) -> None:
    bank = tmp_path / "bank.csv"
    bank.write_text("Date,Amount,Description\n2026-11-04,-3.20,Blue Bottle\n")

    run = InProcess(tmp_path / "home")("import", str(bank), "--csv")

    assert run.code == 1
    assert run.err == "sbp: error: --csv lists the rows of a dry run (add --dry-run)\n"
