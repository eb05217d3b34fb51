"""QIF files: Quicken's dates, splits as one expense per part, categories as sbp names them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bank_files import import_fixture, import_text

from sbp.planner import Planner


def test_splits_become_one_expense_each_in_sbp_s_categories(planner: Planner) -> None:
    import_fixture(planner, "us_quicken_splits.qif")

    found = {(e.description, e.amount): e.category for e in planner.list_expenses(month="2026-11")}

    assert found == {
        ("Safeway", Decimal("54.20")): "groceries",
        ("City Utilities", Decimal("120.00")): "utilities",
        ("Target", Decimal("60.00")): "shopping",
        ("Target", Decimal("25.00")): "shopping",
        ("Acme Corp", Decimal("-2500.00")): "income",
        ("Transfer to savings", Decimal("500.00")): "transfer",
        ("Vet clinic", Decimal("32.10")): "pets",
    }


def test_quicken_years_after_an_apostrophe_are_read(planner: Planner) -> None:
    text = "!Type:Bank\nD2/10'2020\nT-5.00\nPTea\n^\nD2/11' 0\nT-6.00\nPCake\n^\n"

    import_text(planner, text, name="q.qif")

    days = {
        e.description: e.date for e in planner.list_expenses(start="1999-01-01", end="2021-01-01")
    }
    assert days == {"Tea": date(2020, 2, 10), "Cake": date(2000, 2, 11)}


def test_an_investment_section_is_skipped_and_said(planner: Planner) -> None:
    result = import_fixture(planner, "us_invest_and_bank.qif")

    assert result.added == 2
    assert result.skipped == {"investment account (2 transactions)": 1}


def test_a_qif_amount_add_would_refuse_is_a_bad_row(planner: Planner) -> None:
    text = (
        "!Type:Bank\nD11/02/2026\nT-50000000000000000.01\nPBig\n^\nD11/03/2026\nT-1.00\nPTea\n^\n"
    )

    result = import_text(planner, text, name="q.qif")

    assert [bad.line for bad in result.invalid] == [2]
