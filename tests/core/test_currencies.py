"""Currency codes: the ISO 4217 list shipped with sbp, checked wherever a code comes in."""

from __future__ import annotations

import pytest

from sbp.core.currencies import CURRENT, KNOWN, WITHDRAWN
from sbp.core.errors import InvalidAmount
from sbp.core.money import check_currency, parse_amount


@pytest.mark.parametrize("code", ["USD", "eur", " jpy ", "CHF", "XCG", "ZWG", "VED", "SLE"])
def test_current_iso_codes_are_accepted(code: str) -> None:
    assert check_currency(code) == code.strip().upper()


@pytest.mark.parametrize("code", ["HRK", "ANG", "VEF", "SLL"])
def test_codes_withdrawn_lately_still_read_old_statements(code: str) -> None:
    assert check_currency(code) == code


@pytest.mark.parametrize("code", ["XYZ", "ABC", "USX", "XTS", "XXX", "DEM"])
def test_three_letters_that_are_no_currency_are_refused(code: str) -> None:
    with pytest.raises(InvalidAmount, match=f"currency '{code}' is not an ISO 4217 currency code"):
        check_currency(code)


def test_an_amount_naming_an_unknown_currency_is_refused() -> None:
    with pytest.raises(InvalidAmount, match="'ABC' is not an ISO 4217"):
        parse_amount("12.50ABC", "USD")
    assert parse_amount("12.50chf", "USD").currency == "CHF"


def test_the_list_is_the_standards_three_letter_codes() -> None:
    assert len(CURRENT) > 170 and not CURRENT & WITHDRAWN
    assert all(len(code) == 3 and code.isascii() and code.isupper() for code in KNOWN)
    assert {"USD", "EUR", "GBP", "JPY", "CNY", "INR", "BRL", "ZAR", "KWD"} <= CURRENT
