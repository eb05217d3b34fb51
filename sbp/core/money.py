"""Amounts of money: parsing what people type, formatting what they read, storing exactly.

Money is a `Decimal` in the core and an integer count of minor units (cents) in storage, with
an ISO 4217 code beside it. Floats never appear: `0.1 + 0.2` is not a price.
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each string annotation
# of its fields when the class is made, which costs every run of sbp start-up time.

import re
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from sbp.core.errors import InvalidAmount

# Minor-unit exponents (ISO 4217) for the currencies people are likely to use; others default to 2.
_EXPONENTS = {"JPY": 0, "KRW": 0, "ISK": 0, "CLP": 0, "VND": 0, "HUF": 2, "KWD": 3, "BHD": 3}
_SYMBOLS = {
    "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "¥", "INR": "₹", "KRW": "₩",
    "CHF": "CHF ", "CAD": "CA$", "AUD": "A$", "NZD": "NZ$", "SEK": "kr ", "NOK": "kr ",
    "DKK": "kr ", "PLN": "zł ", "BRL": "R$", "MXN": "MX$", "ZAR": "R ", "ILS": "₪",
}  # fmt: skip
# What people type or read beside a number, and the currencies each mark can mean; the first
# is meant unless the store's own currency is one of the others ("$" in a CAD store is CAD).
_MARKS: dict[str, tuple[str, ...]] = {
    "$": ("USD", "CAD", "AUD", "NZD", "MXN"), "€": ("EUR",), "£": ("GBP",), "¥": ("JPY", "CNY"),
    "₹": ("INR",), "₩": ("KRW",), "₪": ("ILS",), "CA$": ("CAD",), "A$": ("AUD",),
    "NZ$": ("NZD",), "MX$": ("MXN",), "R$": ("BRL",), "R": ("ZAR",), "kr": ("SEK", "NOK", "DKK"),
    "zł": ("PLN",),
}  # fmt: skip
_MARK = "|".join(
    [r"[A-Za-z]{3}(?![A-Za-z])"]
    + [re.escape(mark) for mark in sorted(_MARKS, key=len, reverse=True)]
)
# Patterns, not compiled regexes: `re` compiles each on first use, and a plain `12.50` (what
# `sbp add` is mostly given) needs neither, which spares its start-up the compilation.
_SPLIT_PATTERN = (
    rf"^(?P<sign1>[-+]?)\s*(?P<pre>{_MARK})?\s*(?P<sign2>[-+]?)\s*"
    rf"(?P<number>[0-9][0-9.,' ]*?)\s*(?P<post>{_MARK})?$"
)
_PLAIN_NUMBER = frozenset("0123456789.,")
# A space or apostrophe only groups thousands (`1 234,56`, `1'234.56`); `12 50` is not a number.
_LOOSE_GROUP_PATTERN = r"[ '](?!\d{3}(?:\D|$))"
# Larger amounts are typing mistakes, and would not fit the store's 64-bit minor units.
MAX_AMOUNT = Decimal(10) ** 12


def exponent(currency: str) -> int:
    """How many decimal places `currency` has (2 for USD and EUR, 0 for JPY)."""
    return _EXPONENTS.get(currency, 2)


def check_currency(code: str) -> str:
    """An ISO 4217 code in upper case, or InvalidAmount naming the bad code."""
    upper = code.strip().upper()
    if not (len(upper) == 3 and upper.isascii() and upper.isalpha()):  # A-Z: cheaper than a regex
        raise InvalidAmount(f"currency '{code}' is not a 3-letter ISO 4217 code (e.g. USD, EUR)")
    return upper


class Money(NamedTuple):
    """An exact amount in one currency; the pair that parsing returns."""

    amount: Decimal
    currency: str


def parse_amount(text: str, currency: str) -> Money:
    """Read an amount as people type it.

    `12.50`, `12,50`, `1,234.56`, `1.234,56`, `$4.20` and `4.20EUR` are understood; `currency`
    is used when the text names none, and decides what an ambiguous mark (`$`, `kr`) means.
    Anything that is not a plain finite number with at most the currency's decimals, or whose
    separators could mean two things (`12.345`), is refused with an `InvalidAmount` saying why.
    """
    raw = text.strip()
    if not raw:
        raise InvalidAmount("amount is empty: give a number such as 12.50")
    parts = _split(raw)
    if parts is None:
        raise InvalidAmount(f"amount '{text}' is not a number (try 12.50 or 12,50)")
    sign1, pre, sign2, number, post = parts
    if sign1 and sign2:
        raise InvalidAmount(f"amount '{text}' has two signs")
    negative = (sign1 or sign2) == "-"
    code = _currency_of(text, pre, post, currency)
    if (" " in number or "'" in number) and re.search(_LOOSE_GROUP_PATTERN, number):
        raise InvalidAmount(f"amount '{text}' has misplaced thousands separators")
    value = _to_decimal(text, number.replace(" ", "").replace("'", ""), code)
    return Money(-value if negative else value, code)


def _split(raw: str) -> tuple[str, str | None, str, str, str | None] | None:
    """(sign, mark, sign, number, mark) of a stripped amount, or None when it is not one."""
    if raw[0].isdigit() and _PLAIN_NUMBER.issuperset(raw):
        return "", None, "", raw, None  # digits and separators only: what the pattern would say
    match = re.match(_SPLIT_PATTERN, raw)
    if match is None:
        return None
    return match["sign1"], match["pre"], match["sign2"], match["number"], match["post"]


def _currency_of(text: str, pre: str | None, post: str | None, default: str) -> str:
    if pre and post:
        raise InvalidAmount(f"amount '{text}' names its currency twice")
    marker = pre or post
    fallback = check_currency(default)
    if marker is None:
        return fallback
    if marker in _MARKS:
        meanings = _MARKS[marker]
        return fallback if fallback in meanings else meanings[0]
    return check_currency(marker)


def _to_decimal(text: str, number: str, currency: str) -> Decimal:
    places = exponent(currency)
    normalised = _normalise_separators(text, number, places)
    try:
        value = Decimal(normalised)
    except InvalidOperation:
        raise InvalidAmount(f"amount '{text}' is not a number") from None
    return checked_amount(value, currency, text)


def checked_amount(value: Decimal, currency: str, text: str) -> Decimal:
    """`value` at the currency's exact precision, after the checks every amount passes, however
    it came in (typed, or read from any kind of file): finite, below the cap, and no more
    decimals than the currency has. InvalidAmount says which check failed, quoting `text`."""
    text = text.strip()
    places = exponent(currency)
    if not value.is_finite():
        raise InvalidAmount(f"amount '{text}' is not a finite number")
    if abs(value) >= MAX_AMOUNT:
        raise InvalidAmount(f"amount '{text}' is too large: amounts stay below 1,000,000,000,000")
    if -value.as_tuple().exponent > places:  # type: ignore[operator]
        raise InvalidAmount(
            f"amount '{text}' has more than {places} decimals, too many for {currency}"
        )
    return value.quantize(Decimal(1).scaleb(-places))


def _normalise_separators(text: str, number: str, places: int) -> str:
    """Decide which of `.` and `,` is the decimal mark and return a plain `1234.56`."""
    dots, commas = number.count("."), number.count(",")
    if dots and commas:
        decimal_mark = "." if number.rfind(".") > number.rfind(",") else ","
        group_mark = "," if decimal_mark == "." else "."
        if number.count(decimal_mark) > 1:
            raise InvalidAmount(f"amount '{text}' has more than one decimal mark")
        whole, fraction = number.split(decimal_mark)
        return _ungroup(text, whole, group_mark) + "." + fraction
    mark = "." if dots else "," if commas else ""
    if not mark:
        return number
    parts = number.split(mark)
    if len(parts) > 2:
        return _ungroup(text, number, mark)
    whole, fraction = parts
    if not fraction or not whole:
        raise InvalidAmount(f"amount '{text}' is not a number")
    if len(fraction) == 3 and places == 0:
        return _ungroup(text, number, mark)  # a currency without decimals: `1,234` is grouped
    if len(fraction) == 3 and places < 3:
        raise InvalidAmount(
            f"amount '{text}' is ambiguous: '{mark}' could be a decimal mark or a thousands "
            f"separator; write {whole}{fraction}, or use at most {places} decimals"
        )
    return whole + "." + fraction


def _ungroup(text: str, whole: str, group_mark: str) -> str:
    groups = whole.split(group_mark)
    if not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
        raise InvalidAmount(f"amount '{text}' has misplaced thousands separators")
    return "".join(groups)


def to_minor(amount: Decimal, currency: str) -> int:
    """The amount as an integer count of the currency's minor units, for storage."""
    scaled = amount.scaleb(exponent(currency))
    if scaled != scaled.to_integral_value():
        raise InvalidAmount(f"{amount} has more decimals than {currency} allows")
    return int(scaled)


def from_minor(minor: int, currency: str) -> Decimal:
    """The stored integer count of minor units as an exact Decimal."""
    places = exponent(currency)
    return Decimal(minor).scaleb(-places).quantize(Decimal(1).scaleb(-places))


def format_amount(amount: Decimal, currency: str, symbol: bool = False, group: bool = True) -> str:
    """`1,234.56`, or `$1,234.56` with the symbol; negative amounts lead with `-`."""
    places = exponent(currency)
    quantized = amount.quantize(Decimal(1).scaleb(-places))
    body = f"{abs(quantized):,.{places}f}" if group else f"{abs(quantized):.{places}f}"
    sign = "-" if quantized < 0 else ""
    if not symbol:
        return sign + body
    mark = _SYMBOLS.get(currency)
    return f"{sign}{mark}{body}" if mark else f"{sign}{body} {currency}"


def plain(amount: Decimal, currency: str) -> str:
    """The amount as a machine-readable string: `1234.50`, for JSON and CSV."""
    return format_amount(amount, currency, group=False)
