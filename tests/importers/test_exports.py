"""Exports that leave nothing behind: CSV and JSON come back unchanged through `import`, and
the ledger and beancount files are accepted by hledger and bean-check with sbp's own totals."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from bank_files import BANKS, PinnedClock

from sbp.core.errors import InvalidInput
from sbp.core.importers import run
from sbp.core.model import Expense
from sbp.planner import Planner
from sbp.store.sqlite import SqliteLedger


def fill(planner: Planner) -> None:
    planner.add_expense("4.50", "Blue Bottle, Oakland", on="2026-11-02", note='said "hi"; 2 cups')
    planner.add_expense("1234.56", "IKEA; sofa", on="2026-11-03", category="housing")
    planner.add_expense("-20.00", "Refund (Zara)", on="2026-11-04", category="shopping")
    planner.add_expense("-3000", "Salary November", on="2026-11-05", category="income")
    planner.add_expense("500", "To savings", on="2026-11-06", category="transfer")
    planner.add_expense("89.99", "Comcast", on="2026-10-30", category="phone & internet")
    planner.add_expense("12,40", "Café Müller", on="2026-11-07", currency="EUR", note="Kuchen")
    planner.add_expense("1200", "Ramen", on="2026-11-08", currency="JPY", category="dining")


def content(planner: Planner) -> Counter[tuple[str, ...]]:
    return Counter(
        (e.date.isoformat(), str(e.amount), e.currency, e.description, e.category, e.note)
        for e in planner.list_expenses(start="1900-01-01", end="2999-12-31")
    )


def exported(planner: Planner, fmt: str, **period: str) -> str:
    return "".join(planner.export(fmt, **period))


@pytest.fixture
def empty(tmp_path: Path) -> Planner:
    return Planner(SqliteLedger(tmp_path / "other.db"), PinnedClock(), base_currency="USD")


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_then_import_into_an_empty_store_gives_the_same_expenses(
    planner: Planner, empty: Planner, fmt: str
) -> None:
    fill(planner)

    result = empty.import_file(f"all.{fmt}", io.BytesIO(exported(planner, fmt).encode()))

    assert (result.added, result.invalid, result.guesses) == (8, [], [])
    assert content(empty) == content(planner)


def everything(planner: Planner) -> list[Expense]:
    return planner.list_expenses(start="1900-01-01", end="2999-12-31")


def kept(expense: Expense) -> tuple[object, ...]:
    """What an export keeps: all but the batch that brought the expense in and its times."""
    return expense._replace(import_batch=None, created_at=None, updated_at=None)


def fill_from_everywhere(planner: Planner) -> None:
    """Expenses typed (each layer of the categorizer) and imported (with an account)."""
    fill(planner)
    planner.add_rule("ramen", "treats")
    planner.add_expense("14", "Ramen bar", on="2026-11-09")  # rule
    typed = planner.add_expense("7", "Bakery Hahn", on="2026-11-10", category="dining").expense
    planner.edit_expense(typed.id, category="treats")
    planner.add_expense("8", "Bakery Hahn", on="2026-11-11")  # learned
    with (BANKS / "checking_statement.ofx").open("rb") as stream:
        planner.import_file("statement.ofx", stream, account="checking")


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_then_import_keeps_ids_sources_accounts_and_import_keys(
    planner: Planner, empty: Planner, fmt: str
) -> None:
    fill_from_everywhere(planner)
    sources = {e.category_source.value for e in everything(planner)}

    result = empty.import_file(f"all.{fmt}", io.BytesIO(exported(planner, fmt).encode()))

    assert (result.added, result.invalid) == (len(everything(planner)), [])
    assert sorted(map(kept, everything(empty))) == sorted(map(kept, everything(planner)))
    assert sources >= {"user", "rule", "learned", "default", "merchant"}
    assert {e.import_batch for e in everything(empty)} == {result.batch_id}


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_restored_store_knows_the_bank_files_imported_before(
    planner: Planner, empty: Planner, fmt: str
) -> None:
    fill_from_everywhere(planner)
    empty.import_file(f"all.{fmt}", io.BytesIO(exported(planner, fmt).encode()))

    with (BANKS / "checking_statement.ofx").open("rb") as stream:
        again = empty.import_file("statement.ofx", stream)
    typed_again = empty.import_file(
        "bank.csv", io.BytesIO(b"Date,Description,Amount\n2026-11-03,IKEA; sofa,-1234.56\n")
    )

    assert (again.added, again.duplicates) == (0, 6)
    assert (typed_again.added, len(typed_again.possible)) == (0, 1)  # typed by hand, still


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_an_expense_whose_id_is_already_stored_is_skipped_and_kept_as_stored(
    planner: Planner, fmt: str
) -> None:
    fill(planner)
    text = exported(planner, fmt)
    first = everything(planner)[0]
    planner.edit_expense(first.id, amount="99", note="changed since")
    before = everything(planner)

    result = planner.import_file(f"all.{fmt}", io.BytesIO(text.encode()))
    dry = planner.import_file(f"all.{fmt}", io.BytesIO(text.encode()), dry_run=True)

    assert (result.added, result.duplicates, result.already_stored) == (0, 8, 8)
    assert everything(planner) == before
    assert {row.detail for row in dry.rows} == {
        "an expense with this id is already stored: the stored one is kept"
    }


def test_typed_expenses_alike_are_all_restored_however_big_the_export(
    planner: Planner, empty: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(run, "CHUNK", 2)  # alike expenses in different chunks
    for day in range(1, 7):
        planner.add_expense("4.50", "Blue Bottle", on=f"2026-11-{day:02d}")

    result = empty.import_file("all.json", io.BytesIO(exported(planner, "json").encode()))

    assert (result.added, result.possible) == (6, [])
    assert sorted(map(kept, everything(empty))) == sorted(map(kept, everything(planner)))


def test_a_month_export_holds_only_that_month(planner: Planner) -> None:
    fill(planner)

    lines = exported(planner, "csv", month="2026-10").splitlines()

    assert len(lines) == 2 and "Comcast" in lines[1]


def test_an_unknown_format_is_refused(planner: Planner) -> None:
    with pytest.raises(InvalidInput, match="unknown export format"):
        planner.export("xlsx")


def sbp_totals(planner: Planner) -> dict[tuple[str, str], Decimal]:
    from sbp.core.exports import account_for

    totals: dict[tuple[str, str], Decimal] = {}
    for e in planner.list_expenses(start="1900-01-01", end="2999-12-31"):
        key = (account_for(e.category), e.currency)
        totals[key] = totals.get(key, Decimal(0)) + e.amount
        bank = ("Assets:Bank", e.currency)
        totals[bank] = totals.get(bank, Decimal(0)) - e.amount
    return {k: v for k, v in totals.items() if v}


@pytest.mark.skipif(shutil.which("hledger") is None, reason="hledger is not installed")
def test_hledger_reads_the_ledger_export_with_sbps_totals(planner: Planner, tmp_path: Path) -> None:
    fill(planner)
    journal = tmp_path / "sbp.journal"
    journal.write_text(exported(planner, "ledger"))

    done = subprocess.run(
        ["hledger", "-f", str(journal), "balance", "--flat", "--no-total", "-O", "csv"],
        capture_output=True,
        text=True,
        check=True,
    )

    totals: dict[tuple[str, str], Decimal] = {}
    for line in done.stdout.splitlines()[1:]:
        account, balance = (cell.strip('"') for cell in line.split('","'))
        for posting in balance.split(", "):
            amount, currency = posting.split()
            totals[(account, currency)] = Decimal(amount)
    assert totals == sbp_totals(planner)


def test_bean_check_accepts_the_beancount_export_with_sbps_totals(
    planner: Planner, tmp_path: Path
) -> None:
    from beancount import loader
    from beancount.core.data import Transaction

    fill(planner)
    path = tmp_path / "sbp.beancount"
    path.write_text(exported(planner, "beancount"))

    check = subprocess.run(
        [str(Path(sys.executable).with_name("bean-check")), str(path)],
        capture_output=True,
        text=True,
    )
    entries, errors, _ = loader.load_file(str(path))

    assert (check.returncode, check.stderr, errors) == (0, "", [])
    totals: dict[tuple[str, str], Decimal] = {}
    for entry in entries:
        if isinstance(entry, Transaction):
            for posting in entry.postings:
                key = (posting.account, posting.units.currency)
                totals[key] = totals.get(key, Decimal(0)) + posting.units.number
    assert {k: v for k, v in totals.items() if v} == sbp_totals(planner)
