"""sbp's own JSON export read back: `{"expenses": [...]}` or a bare list of expense objects.

Amounts are strings in sbp's sign (positive money spent), so nothing is guessed. The file is
read as a stream by ijson (its C parser), one expense at a time, so its size does not matter.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import IO, Any

from sbp.core.errors import InvalidInput, SbpError
from sbp.core.importers.rows import BadRow, Record, Row, SkippedRow
from sbp.core.money import parse_amount

MAX_DESCRIPTION = 200


def read_json(stream: IO[bytes], sample: bytes, currency: str) -> Iterator[Record]:
    """Rows of a JSON export, read as they are needed; InvalidInput when the file is not JSON
    of that shape (never quoting the file). `sample` is the file's first bytes."""
    import ijson  # only JSON imports need it

    whole_object = sample.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"
    if whole_object and b'"expenses"' not in sample:
        raise InvalidInput("the JSON file holds no list of expenses")
    prefix = "expenses.item" if whole_object else "item"
    return _rows(ijson.items(stream, prefix, use_float=False), currency)


def _rows(items: Iterator[Any], currency: str) -> Iterator[Record]:
    import ijson

    number = 0
    try:
        for number, item in enumerate(items, start=1):
            yield _row(number, item, currency)
    except (ijson.JSONError, UnicodeDecodeError, RecursionError):
        where = f"after entry {number}" if number else "before its first entry"
        raise InvalidInput(f"the file is not valid JSON {where}") from None


def _row(number: int, item: Any, default_currency: str) -> Record:
    if not isinstance(item, dict):
        return BadRow(number, "the entry is not an object")
    written = _text(item.get("date"))
    try:
        day = date.fromisoformat(written)
    except ValueError:
        return BadRow(number, f"date '{written[:40]}' is not YYYY-MM-DD")
    try:
        money = parse_amount(
            _text(item.get("amount")), _text(item.get("currency")) or default_currency
        )
    except SbpError as exc:
        return BadRow(number, str(exc))
    description = " ".join(_text(item.get("description")).split())[:MAX_DESCRIPTION]
    if not description:
        return BadRow(number, "description is empty")
    if not money.amount:
        return SkippedRow(number, "zero amount")
    return Row(
        line=number,
        date=day,
        amount=money.amount,
        currency=money.currency,
        description=description,
        bank_id=_text(item.get("id")),
        category=_text(item.get("category")),
        note=_text(item.get("note")),
    )


def _text(value: Any) -> str:
    """A field's text: a string as it is, a number as written, anything else (a list, an
    object, null) as no text at all."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return str(value)
    return ""
