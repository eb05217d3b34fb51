"""Amounts as banks write them: `-1,234.56`, `1.234,56`, `(12.00)`, `12.00-`, `12.00 CR`, `€4,20`.

The decimal mark is decided once per file from a sample (a bank never mixes them), so each row
is parsed by a few string operations instead of guessing again.
"""

from __future__ import annotations

import re
from decimal import Decimal

from sbp.core.errors import InvalidAmount
from sbp.core.money import checked_amount, exponent

# Digits are ASCII only, as in `sbp add`: Arabic-Indic or full-width digits make no amount.
_NOISE = re.compile(r"\s+|'|[$€£¥₹]|(?<![A-Za-z])[A-Za-z]{3}(?![A-Za-z])")
_SHAPE = re.compile(r"^-?[0-9]+(?:\.[0-9]+)?$")
_COMMA_DECIMAL = re.compile(r"[0-9],[0-9]{1,2}(?:[^0-9]*)$")
_DOT_DECIMAL = re.compile(r"[0-9]\.[0-9]{1,2}(?:[^0-9]*)$")
_CREDIT_MARK = re.compile(r"\b(?:CR|H)\s*$", re.IGNORECASE)
_DEBIT_MARK = re.compile(r"\b(?:DR|S)\s*$", re.IGNORECASE)


def guess_decimal_mark(samples: list[str]) -> str | None:
    """`,` or `.` as the sample's amounts show it; None when no amount shows a decimal mark."""
    commas = sum(1 for text in samples if _COMMA_DECIMAL.search(text.strip()))
    dots = sum(1 for text in samples if _DOT_DECIMAL.search(text.strip()))
    if commas == dots == 0:
        return None
    return "," if commas > dots else "."


class AmountColumn:
    """Parses one column's amounts with a known decimal mark, in the file's own sign.

    A `CR` or `DR` mark says which way the money went whatever the sign convention of the file,
    so a marked amount gets the sign the file gives money in (or out): positive money in where
    the file writes spending negative (`spending_negative`), negative money in otherwise.
    """

    def __init__(self, decimal_mark: str = ".", spending_negative: bool = False) -> None:
        self.decimal_mark = decimal_mark
        self._spending_negative = spending_negative
        self._group = "," if decimal_mark == "." else "."
        mark = re.escape(decimal_mark)
        self._plain = re.compile(rf"^-?[0-9]{{1,9}}{mark}[0-9][0-9]$")

    def parse(self, text: str, currency: str) -> Decimal | None:
        """The signed amount, None for an empty cell; ValueError saying why it is not one."""
        raw = text.strip()
        if not raw:
            return None
        if self._plain.match(raw) and exponent(currency) == 2:  # the common case: `-12.50`
            return Decimal(raw.replace(",", ".")) if self.decimal_mark == "," else Decimal(raw)
        negative, marked_in = False, None
        if _CREDIT_MARK.search(raw):
            raw, marked_in = _CREDIT_MARK.sub("", raw), True
        elif _DEBIT_MARK.search(raw):
            raw, marked_in = _DEBIT_MARK.sub("", raw), False
        cleaned = _NOISE.sub("", raw).replace(self._group, "").replace(self.decimal_mark, ".")
        if cleaned.startswith("(") and cleaned.endswith(")"):
            cleaned, negative = cleaned[1:-1], not negative
        if cleaned.endswith("-"):
            cleaned, negative = cleaned[:-1], not negative
        if cleaned.startswith("+"):
            cleaned = cleaned[1:]
        if cleaned.startswith("-"):
            cleaned, negative = cleaned[1:], not negative
        if not _SHAPE.match(cleaned):
            raise ValueError(f"amount '{text.strip()}' is not a number")
        if marked_in is not None:  # the mark decides, not the sign
            negative = marked_in != self._spending_negative
        return _checked(text, -Decimal(cleaned) if negative else Decimal(cleaned), currency)


def _checked(text: str, value: Decimal, currency: str) -> Decimal:
    try:
        return checked_amount(value, currency, text)
    except InvalidAmount as exc:
        raise ValueError(str(exc)) from None
