"""Real bank layouts: each fixture is read with the right columns, dates, signs and currency."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from bank_files import BANKS, import_fixture

from sbp.core.importers.detect import read_statement
from sbp.core.importers.rows import Row
from sbp.planner import Planner

# file -> (rows, currency, first row (date, amount, description), money spent, money in)
EXPECTED = {
    "us_checking_signed.csv": (
        10, "USD", (date(2026, 11, 2), "4.50", "STARBUCKS STORE 01234 SEATTLE WA"),
        "3685.79", "2523.99",
    ),
    "card_debit_credit.csv": (
        6, "USD", (date(2026, 11, 1), "18.40", "UBER TRIP HELP.UBER.COM"), "106.34", "370.00",
    ),
    "de_girokonto.csv": (
        5, "EUR", (date(2026, 11, 2), "1234.56", "REWE Markt GmbH"), "2254.51", "3150.00",
    ),
    "uk_current_account.csv": (
        5, "USD", (date(2026, 11, 3), "3.20", "PRET A MANGER LONDON"), "89.69", "1800.00",
    ),
    "uk_preamble_paid_out_in.csv": (
        4, "GBP", (date(2026, 11, 1), "3.45", "COSTA COFFEE LONDON"), "1037.95", "15.00",
    ),
    "de_dkb_cp1252.csv": (
        4, "EUR", (date(2026, 11, 4), "4.90", "Café Schöneberg"), "69.84", "19.95",
    ),
    "checking_statement.ofx": (
        6, "USD", (date(2026, 11, 2), "4.75", "PEETS COFFEE #0412"), "162.67", "2762.00",
    ),
    "wells_no_header.csv": (
        4, "USD", (date(2026, 11, 4), "6.75", "BLUE BOTTLE COFFEE OAKLAND CA"), "71.04", "1250.00",
    ),
}  # fmt: skip


def read_rows(name: str) -> list[Row]:
    with (BANKS / name).open("rb") as stream:
        statement = read_statement(name, stream, {}, "USD")
        rows = list(statement.rows)
    assert all(isinstance(row, Row) for row in rows), rows
    return [row for row in rows if isinstance(row, Row)]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bank_layout_is_read_with_sbp_signs(name: str) -> None:
    count, currency, (day, amount, description), spent, money_in = EXPECTED[name]

    rows = read_rows(name)

    assert len(rows) == count
    assert {row.currency for row in rows} == {currency}
    assert (rows[0].date, rows[0].amount, rows[0].description) == (
        day,
        Decimal(amount),
        description,
    )
    assert sum(r.amount for r in rows if r.amount > 0) == Decimal(spent)
    assert -sum(r.amount for r in rows if r.amount < 0) == Decimal(money_in)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bank_file_imports_completely(planner: Planner, name: str) -> None:
    result = import_fixture(planner, name)

    assert (result.added, result.invalid, result.stored) == (EXPECTED[name][0], [], True)
    assert len(planner.list_expenses(month="2026-11")) == EXPECTED[name][0]


def test_ofx_keeps_the_memo_as_a_note_and_the_fitid_as_the_bank_id() -> None:
    first = read_rows("checking_statement.ofx")[0]

    assert (first.bank_id, first.note) == ("2026110201", "PEETS COFFEE BERKELEY CA")


def test_the_preamble_lines_above_the_header_are_skipped_and_lines_keep_their_numbers() -> None:
    rows = read_rows("uk_preamble_paid_out_in.csv")

    assert [row.line for row in rows] == [6, 7, 8, 9]


def test_a_semicolon_file_with_decimal_commas_and_two_digit_years_is_read() -> None:
    rows = read_rows("de_girokonto.csv")

    assert rows[2].date == date(2026, 11, 14)
    assert rows[2].amount == Decimal("-3150.00")  # the salary: money in


def test_a_header_naming_the_currency_sets_it_for_every_row() -> None:
    assert {row.currency for row in read_rows("de_dkb_cp1252.csv")} == {"EUR"}
