"""The CSV layouts real statements come in, one class of failure each: flag columns, signs on a
tie, titles above the header, rows that are no transactions, short years, value dates, cents,
money columns pinned by hand, and the currency the file names."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from bank_files import import_text

from sbp.planner import Planner


def amounts(planner: Planner) -> dict[str, Decimal]:
    found = planner.list_expenses(start="2000-01-01", end="2099-12-31")
    return {e.description: e.amount for e in found}


def test_a_debit_credit_flag_column_signs_unsigned_amounts(planner: Planner) -> None:
    text = (
        "Datum;Naam;Af Bij;Bedrag (EUR)\n20261102;Albert Heijn;Af;12,50\n"
        "20261103;Werkgever;Bij;2000,00\n"
    )

    import_text(planner, text)

    assert amounts(planner) == {"Albert Heijn": Decimal("12.50"), "Werkgever": Decimal("-2000.00")}


def test_map_direction_names_a_flag_column_the_header_does_not(planner: Planner) -> None:
    text = "Date,Text,Sum,Way\n2026-11-02,Shop,5.00,D\n2026-11-03,Pay,9.00,K\n"

    import_text(planner, text, mapping={"direction": "Way", "amount": "Sum"})

    assert amounts(planner) == {"Shop": Decimal("5.00"), "Pay": Decimal("-9.00")}


def test_as_many_credits_as_debits_are_read_by_the_rows_that_are_money_in(
    planner: Planner,
) -> None:
    text = "Date,Description,Amount\n2026-11-02,Grocer,-40.00\n2026-11-03,ACME SALARY,900.00\n"

    result = import_text(planner, text)

    assert amounts(planner) == {"Grocer": Decimal("40.00"), "ACME SALARY": Decimal("-900.00")}
    assert any("spending=negative" in guess for guess in result.guesses)


def test_a_running_balance_settles_the_sign(planner: Planner) -> None:
    text = (
        "Date,Description,Amount,Balance\n2026-11-02,Shop,5.00,95.00\n2026-11-03,Cafe,2.00,93.00\n"
    )

    result = import_text(planner, text)

    assert amounts(planner) == {"Shop": Decimal("5.00"), "Cafe": Decimal("2.00")}
    assert not any("spending" in guess for guess in result.guesses)


def test_a_title_line_above_the_header_is_passed_over(planner: Planner) -> None:
    text = "Statement for account 12345678\nDate,Description,Amount\n2026-11-02,Tea,-2.00\n"

    result = import_text(planner, text)

    assert result.added == 1
    assert not any("no header" in guess for guess in result.guesses)


def test_a_header_in_another_language_is_still_a_header(planner: Planner) -> None:
    text = "Kuupäev;Selgitus;Summa\n02.11.2026;Rimi;-12,40\n03.11.2026;Bolt;-6,10\n"

    result = import_text(planner, text)

    assert amounts(planner) == {"Rimi": Decimal("12.40"), "Bolt": Decimal("6.10")}
    assert not any("no header" in guess for guess in result.guesses)


ROWS_THAT_ARE_NO_TRANSACTIONS = {
    "zero amount": "2026-11-04,Card check,0.00",
    "pending": "2026-11-04,Uber,-8.00,Pending",
    "repeated header": "Date,Description,Amount,Status",
    "summary line": "Total,,-12.00,",
    "no date": ",Carried forward,,",
}


@pytest.mark.parametrize("reason", sorted(ROWS_THAT_ARE_NO_TRANSACTIONS))
def test_a_row_that_is_no_transaction_is_skipped_and_counted(planner: Planner, reason: str) -> None:
    extra = ROWS_THAT_ARE_NO_TRANSACTIONS[reason]
    text = (
        "Date,Description,Amount,Status\n2026-11-02,Tea,-2.00,Posted\n"
        f"{extra}\n2026-11-05,Cake,-10.00,Posted\n"
    )

    result = import_text(planner, text)

    assert (result.added, result.invalid, result.skipped) == (2, [], {reason: 1})


def test_a_trailing_separator_on_every_row_is_no_extra_column(planner: Planner) -> None:
    text = "Date;Description;Amount\n02.11.2026;Tea;-2,00;\n03.11.2026;Cake;-3,00;\n"

    result = import_text(planner, text)

    assert (result.added, result.invalid) == (2, [])


def test_two_digit_years_with_dots_are_day_first(planner: Planner) -> None:
    import_text(planner, "Buchungstag;Text;Betrag\n02.11.26;REWE;-5,00\n")

    assert planner.list_expenses(month="2026-11")[0].date == date(2026, 11, 2)


def test_map_dates_accepts_short_years(planner: Planner) -> None:
    import_text(planner, "Date,Text,Amount\n04/05/26,Tea,-2.00\n", mapping={"dates": "dd.mm.yy"})

    assert planner.list_expenses(month="2026-05")[0].description == "Tea"


def test_a_value_date_column_settles_the_day_month_order(planner: Planner) -> None:
    text = (
        "Date,Value Date,Description,Amount\n04/05/2026,04/05/2026,Tea,-2.00\n"
        "04/05/2026,25/05/2026,Cake,-3.00\n"
    )

    result = import_text(planner, text)

    assert {e.date for e in planner.list_expenses(month="2026-05")} == {date(2026, 5, 4)}
    assert any("Value Date" in guess for guess in result.guesses)


def test_amounts_in_cents_are_read_as_money(planner: Planner) -> None:
    import_text(
        planner, "date,description,amount_cents\n2026-11-02,Tea,-250\n2026-11-03,Cake,-1999\n"
    )

    assert amounts(planner) == {"Tea": Decimal("2.50"), "Cake": Decimal("19.99")}


def test_map_units_says_an_export_is_in_cents(planner: Planner) -> None:
    import_text(planner, "Date,Text,Value\n2026-11-02,Tea,-250\n", mapping={"units": "cents"})

    assert amounts(planner) == {"Tea": Decimal("2.50")}


def test_pinned_debit_and_credit_win_over_an_amount_column_found_empty(planner: Planner) -> None:
    text = "Date,Description,Amount,Out,In\n2026-11-02,Tea,,2.00,\n2026-11-03,Pay,,,50.00\n"

    import_text(planner, text, mapping={"debit": "Out", "credit": "In"})

    assert amounts(planner) == {"Tea": Decimal("2.00"), "Pay": Decimal("-50.00")}


def test_an_empty_amount_column_gives_way_to_debit_and_credit(planner: Planner) -> None:
    text = "Date,Description,Amount,Debit,Credit\n2026-11-02,Tea,,2.00,\n2026-11-03,Pay,,,50.00\n"

    import_text(planner, text)

    assert amounts(planner) == {"Tea": Decimal("2.00"), "Pay": Decimal("-50.00")}


def test_columns_named_in_a_header_longer_than_the_rows_are_no_traceback(
    planner: Planner,
) -> None:
    text = "Title\nWhen,What,How much,Extra,Notes\n2026-11-02,Tea,-2.00\n2026-11-03,Cake,-3.00\n"

    result = import_text(
        planner, text, mapping={"date": "When", "amount": "How much", "description": "What"}
    )

    assert (result.added, result.invalid) == (2, [])


def test_a_payee_column_describes_a_row_whose_description_is_empty(planner: Planner) -> None:
    text = "Date,Description,Payee,Amount\n2026-11-02,,Corner Shop,-2.00\n"

    import_text(planner, text)

    assert list(amounts(planner)) == ["Corner Shop"]


def test_a_currency_the_file_names_is_kept_and_the_difference_said(planner: Planner) -> None:
    result = import_text(planner, "02/11/2026;Carrefour;-23,40 €\n13/11/2026;Paul;-9,90 €\n")

    assert {e.currency for e in planner.list_expenses(month="2026-11")} == {"EUR"}
    assert any("in EUR, not USD" in guess for guess in result.guesses)


def test_a_line_of_a_megabyte_is_one_bad_row_on_its_own_line(planner: Planner) -> None:
    text = (
        "Date,Description,Amount\n2026-11-02,Tea,-2.00\n"
        f'2026-11-03,"{"x" * (1 << 20)}",-3.00\n2026-11-04,Cake,-4.00\n'
    )

    result = import_text(planner, text, skip_invalid=True)

    assert [bad.line for bad in result.invalid] == [3]
    assert result.added == 2


def test_a_transaction_type_and_a_merchant_code_column_are_carried_in_both_readings() -> None:
    import io

    from sbp.core.importers.detect import read_statement
    from sbp.core.importers.rows import Row, RowColumns

    text = (
        "Transaction Date,Transaction Type,Transaction Description,Debit Amount,Credit Amount,MCC\n"
        "03/11/2026,DEB,PRET A MANGER,3.20,,5812\n25/11/2026,BGC,EMPLOYER LTD,,2100.00,\n"
    )

    def opened() -> io.BytesIO:
        return io.BytesIO(text.encode())

    rows = [r for r in read_statement("l.csv", opened(), {}, "GBP").rows if isinstance(r, Row)]
    [block] = list(read_statement("l.csv", opened(), {}, "GBP").in_blocks(10))

    assert [(r.kind, r.mcc) for r in rows] == [("DEB", "5812"), ("BGC", None)]
    assert isinstance(block, RowColumns)
    assert (list(block.kinds or ()), list(block.mccs or ())) == (["DEB", "BGC"], ["5812", None])
