"""`sbp import` of the formats and layouts banks produce, as a person sees it: what was skipped
is said, a `--map` that cannot work is one line and exit 1, QIF files import like any other."""

from __future__ import annotations

from pathlib import Path

import pytest
from sbp_process import Sbp

BANKS = Path(__file__).parent.parent / "fixtures" / "banks"


def test_rows_that_are_no_transactions_are_counted_on_stderr_and_in_json(sbp: Sbp) -> None:
    name = str(BANKS / "us_zero_and_total.csv")

    run = sbp.ok("import", name)
    again = sbp.json("import", "--dry-run", name)

    assert f"{name}: skipped 2 records that are no transaction: 1 zero amount, 1 summary line" in (
        run.err
    )
    assert again["files"][0]["skipped"] == {"zero amount": 1, "summary line": 1}


@pytest.mark.parametrize(
    "setting",
    ["encoding=nonexistent", "encoding=rot13", "encoding=zip", "encoding=base64", "encoding=idna",
     "delimiter=ab", "header=999999999"],
)  # fmt: skip
def test_a_map_that_cannot_work_is_one_line_and_exit_1(sbp: Sbp, setting: str) -> None:
    before = sbp.snapshot()

    run = sbp("import", str(BANKS / "us_amex.csv"), "--map", setting)

    assert run.code == 1
    assert len(run.err.splitlines()) == 1 and run.err.startswith("sbp: error: --map ")
    assert "Traceback" not in run.err
    assert sbp.snapshot() == before


def test_a_qif_file_imports_with_its_categories(sbp: Sbp) -> None:
    sbp.ok("import", str(BANKS / "us_quicken_splits.qif"))

    listed = sbp.json("list", "--month", "2026-11")

    assert len(listed) == 7
    assert {e["category"] for e in listed} >= {"groceries", "utilities", "income", "transfer"}


def test_following_the_hint_of_a_refused_file_imports_it(sbp: Sbp) -> None:
    name = str(BANKS / "au_anz_ambiguous.csv")

    refused = sbp("import", name)
    run = sbp.ok("import", name, "--map", "dates=dd/mm/yyyy")

    assert refused.code == 1 and "--map dates=dd/mm/yyyy" in refused.err
    assert "2 new" in run.out
