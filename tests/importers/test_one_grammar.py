"""One grammar for amounts and dates, whichever way they come in: what `sbp add` refuses, no
file format lets in, and every amount passes the same checks (finite, below the cap, exact)."""

from __future__ import annotations

import pytest
from bank_files import import_text

from sbp.core.errors import InvalidAmount
from sbp.core.money import parse_amount
from sbp.planner import Planner

# Arabic-Indic, full-width and Persian digits
FOREIGN_DIGITS = [
    "-\u0661\u0662.\u0665\u0660",
    "-\uff11\uff12.\uff15\uff10",
    "\u0661\u0662",
    "-\u06f1\u06f2.\u06f5\u06f0",
]
OUT_OF_BOUNDS = ["-50000000000000000.01", "-99999999999999999999", "1000000000000.00"]


@pytest.mark.parametrize("amount", FOREIGN_DIGITS + OUT_OF_BOUNDS + ["-1E30", "-Infinity", "NaN"])
def test_add_refuses_the_amount(amount: str) -> None:
    with pytest.raises(InvalidAmount):
        parse_amount(amount, "USD")


@pytest.mark.parametrize("amount", FOREIGN_DIGITS + OUT_OF_BOUNDS + ["-1E30", "-Infinity", "NaN"])
def test_a_csv_import_refuses_the_same_amount(planner: Planner, amount: str) -> None:
    text = f"Date,Description,Amount\n2026-11-03,Tea,{amount}\n2026-11-04,Cake,-3.00\n"

    result = import_text(planner, text)

    assert [bad.line for bad in result.invalid] == [2]
    assert planner.list_expenses(start="2000-01-01", end="2099-12-31") == []


@pytest.mark.parametrize(
    "day",
    ["\u0662\u0660\u0662\u0666-11-05", "\uff12\uff10\uff12\uff16-11-05", "05.\u0661\u0661.2026"],
)
def test_a_csv_import_refuses_dates_in_other_digits(planner: Planner, day: str) -> None:
    text = f"Date,Description,Amount\n{day},Tea,-2.00\n2026-11-04,Cake,-3.00\n"

    result = import_text(planner, text)

    assert [bad.line for bad in result.invalid] == [2]


def test_a_json_file_that_is_broken_is_refused_without_quoting_it(planner: Planner) -> None:
    from sbp.core.errors import InvalidInput

    secret = "JANE-DOE-PRIVATE-NOTE"
    text = '{"expenses": [{"date": "2026-11-02", "amount": "2.00", "description": "' + secret

    with pytest.raises(InvalidInput, match="not valid JSON") as refused:
        import_text(planner, text, name="x.json")

    assert secret not in str(refused.value)
