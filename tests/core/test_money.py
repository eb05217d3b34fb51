"""Amounts as people type them: every form the issue promises, and every refusal."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sbp.core.errors import InvalidAmount
from sbp.core.money import (
    Money,
    check_currency,
    exponent,
    format_amount,
    from_minor,
    parse_amount,
    plain,
    to_minor,
)


@pytest.mark.parametrize(
    ("typed", "default", "expected"),
    [
        ("12.50", "USD", Money(Decimal("12.50"), "USD")),
        ("12,50", "USD", Money(Decimal("12.50"), "USD")),
        ("1,234.56", "USD", Money(Decimal("1234.56"), "USD")),
        ("1.234,56", "EUR", Money(Decimal("1234.56"), "EUR")),
        ("$4.20", "USD", Money(Decimal("4.20"), "USD")),
        ("4.20EUR", "USD", Money(Decimal("4.20"), "EUR")),
        ("-3", "USD", Money(Decimal("-3.00"), "USD")),
        ("12", "USD", Money(Decimal("12.00"), "USD")),
        ("12.5", "USD", Money(Decimal("12.50"), "USD")),
        ("  7.00  ", "USD", Money(Decimal("7.00"), "USD")),
        ("4.20 eur", "USD", Money(Decimal("4.20"), "EUR")),
        ("EUR 4.20", "USD", Money(Decimal("4.20"), "EUR")),
        ("€4,20", "USD", Money(Decimal("4.20"), "EUR")),
        ("-$4.20", "USD", Money(Decimal("-4.20"), "USD")),
        ("$-4.20", "USD", Money(Decimal("-4.20"), "USD")),
        ("+5", "USD", Money(Decimal("5.00"), "USD")),
        ("1,234,567.89", "USD", Money(Decimal("1234567.89"), "USD")),
        ("1.234.567,89", "EUR", Money(Decimal("1234567.89"), "EUR")),
        ("1 234,56", "EUR", Money(Decimal("1234.56"), "EUR")),
        ("1'234.56", "CHF", Money(Decimal("1234.56"), "CHF")),
        ("1,234", "JPY", Money(Decimal("1234"), "JPY")),
        ("¥1,234", "JPY", Money(Decimal("1234"), "JPY")),
        ("12.345", "KWD", Money(Decimal("12.345"), "KWD")),
        ("0", "USD", Money(Decimal("0.00"), "USD")),
    ],
)
def test_amounts_are_read_the_way_people_type_them(
    typed: str, default: str, expected: Money
) -> None:
    parsed = parse_amount(typed, default)

    assert parsed == expected
    assert parsed.amount.as_tuple().exponent == -exponent(expected.currency)


@pytest.mark.parametrize(
    ("typed", "default", "currency"),
    [
        ("$4.20", "CAD", "CAD"),  # a dollar sign in a Canadian store is Canadian dollars
        ("$4.20", "EUR", "USD"),
        ("¥100", "CNY", "CNY"),
        ("¥100", "USD", "JPY"),
        ("kr 12,50", "NOK", "NOK"),
        ("CA$12.00", "USD", "CAD"),
        ("R$ 1.234,56", "USD", "BRL"),
        ("R 12.00", "USD", "ZAR"),
        ("zł 9,99", "USD", "PLN"),
    ],
)
def test_a_currency_mark_means_the_stores_currency_when_it_can(
    typed: str, default: str, currency: str
) -> None:
    assert parse_amount(typed, default).currency == currency


@pytest.mark.parametrize(
    ("typed", "default", "says"),
    [
        ("abc", "USD", "is not a number"),
        ("NaN", "USD", "is not a number"),
        ("nan", "USD", "is not a number"),
        ("inf", "USD", "is not a number"),
        ("Infinity", "USD", "is not a number"),
        ("1e999", "USD", "is not a number"),
        ("1e9999", "USD", "is not a number"),
        ("12.345", "USD", "ambiguous"),
        ("12,345", "EUR", "ambiguous"),
        ("12.3456", "USD", "more than 2 decimals"),
        ("1.5", "JPY", "more than 0 decimals"),
        ("", "USD", "empty"),
        ("   ", "USD", "empty"),
        ("--3", "USD", "two signs"),
        ("-$-3", "USD", "two signs"),
        ("$4.20EUR", "USD", "currency twice"),
        ("1,23,456.00", "USD", "misplaced thousands separators"),
        ("1.234.56", "USD", "misplaced thousands separators"),
        ("1,234.56.78", "USD", "more than one decimal mark"),
        ("12.", "USD", "is not a number"),
        ("12 50", "USD", "misplaced thousands separators"),
        ("1 234 567 890 123", "USD", "too large"),
        ("9" * 40, "USD", "too large"),
        ("4.20 EURO", "USD", "is not a number"),
    ],
)
def test_bad_amounts_are_refused_with_the_reason(typed: str, default: str, says: str) -> None:
    with pytest.raises(InvalidAmount) as refused:
        parse_amount(typed, default)

    assert says in str(refused.value)


def test_a_bad_default_currency_is_named_in_the_refusal() -> None:
    with pytest.raises(InvalidAmount, match="'US' is not a 3-letter ISO 4217 code"):
        parse_amount("12", "US")


def test_currency_codes_are_upper_cased_and_checked() -> None:
    assert check_currency(" eur ") == "EUR"
    with pytest.raises(InvalidAmount):
        check_currency("EURO")


@pytest.mark.parametrize(
    ("amount", "currency", "minor"),
    [
        (Decimal("12.50"), "USD", 1250),
        (Decimal("-0.01"), "EUR", -1),
        (Decimal("1234"), "JPY", 1234),
        (Decimal("1.234"), "KWD", 1234),
        (Decimal("999999999999.99"), "USD", 99999999999999),
    ],
)
def test_amounts_are_stored_as_whole_minor_units(
    amount: Decimal, currency: str, minor: int
) -> None:
    assert to_minor(amount, currency) == minor
    assert from_minor(minor, currency) == amount


def test_an_amount_finer_than_the_currency_cannot_be_stored() -> None:
    with pytest.raises(InvalidAmount, match="more decimals than USD allows"):
        to_minor(Decimal("0.001"), "USD")


@pytest.mark.parametrize(
    ("amount", "currency", "symbol", "shown"),
    [
        (Decimal("1234.5"), "USD", False, "1,234.50"),
        (Decimal("1234.5"), "USD", True, "$1,234.50"),
        (Decimal("-4.2"), "EUR", True, "-€4.20"),
        (Decimal("1234"), "JPY", True, "¥1,234"),
        (Decimal("12.5"), "KWD", True, "12.500 KWD"),
        (Decimal("3"), "CHF", True, "CHF 3.00"),
    ],
)
def test_amounts_are_formatted_for_reading(
    amount: Decimal, currency: str, symbol: bool, shown: str
) -> None:
    assert format_amount(amount, currency, symbol=symbol) == shown


def test_plain_amounts_for_json_have_no_grouping_or_symbol() -> None:
    assert plain(Decimal("1234567.5"), "USD") == "1234567.50"
