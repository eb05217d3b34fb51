"""Property-based round trips: what sbp prints, sbp reads back as the same exact amount."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from sbp.core.errors import InvalidAmount
from sbp.core.money import (
    MAX_AMOUNT,
    Money,
    exponent,
    format_amount,
    from_minor,
    parse_amount,
    plain,
    to_minor,
)

# Currencies with 0, 2 and 3 decimals, with and without a symbol of their own (KWD has none).
CURRENCIES = ["USD", "EUR", "GBP", "JPY", "KRW", "KWD", "BHD", "CHF", "CAD", "CNY", "SEK", "NOK"]
CURRENCIES += ["BRL", "ZAR", "PLN", "INR", "ILS", "AUD", "MXN"]


@st.composite
def money(draw: st.DrawFn) -> Money:
    currency = draw(st.sampled_from(CURRENCIES))
    limit = int(MAX_AMOUNT) * 10 ** exponent(currency) - 1
    minor = draw(st.integers(min_value=-limit, max_value=limit))
    return Money(from_minor(minor, currency), currency)


@given(money(), st.booleans(), st.booleans())
def test_a_formatted_amount_parses_back_to_the_same_decimal(
    value: Money, symbol: bool, group: bool
) -> None:
    text = format_amount(value.amount, value.currency, symbol=symbol, group=group)

    assert parse_amount(text, value.currency) == value


@given(money())
def test_a_plain_amount_parses_back_in_any_store_currency(value: Money) -> None:
    text = f"{plain(value.amount, value.currency)} {value.currency}"

    assert parse_amount(text, "USD") == value


@given(money())
def test_minor_units_round_trip_exactly(value: Money) -> None:
    minor = to_minor(value.amount, value.currency)

    assert isinstance(minor, int)
    assert from_minor(minor, value.currency) == value.amount


@given(st.integers(min_value=-(10**15), max_value=10**15), st.sampled_from(CURRENCIES))
def test_from_minor_then_to_minor_is_the_identity(minor: int, currency: str) -> None:
    assert to_minor(from_minor(minor, currency), currency) == minor


@given(
    st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False),
    st.sampled_from(["{:.2f}", "{:,.2f}"]),
)
def test_two_decimal_amounts_with_a_comma_decimal_mark_read_the_same(
    amount: Decimal, pattern: str
) -> None:
    english = pattern.format(amount)
    european = english.replace(",", " ").replace(".", ",").replace(" ", ".")

    assert parse_amount(european, "EUR").amount == parse_amount(english, "EUR").amount == amount


@given(st.text(alphabet="0123456789.,'-+ $€¥kRrCAD$eE", max_size=24) | st.text(max_size=24))
def test_any_text_is_either_an_amount_or_a_refusal_that_says_why(text: str) -> None:
    try:
        parsed = parse_amount(text, "USD")
    except InvalidAmount as refused:
        assert str(refused)
    else:
        assert parsed.amount.is_finite()
        assert abs(parsed.amount) < MAX_AMOUNT
        assert to_minor(parsed.amount, parsed.currency) == int(
            parsed.amount.scaleb(exponent(parsed.currency))
        )
