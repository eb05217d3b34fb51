"""sbp's own JSON export read back: `{"expenses": [...]}` or a bare list of expense objects.

Amounts are strings in sbp's sign (positive money spent), so nothing is guessed. The file is
read as a stream, one expense at a time (see `jsonitems`), so its size does not matter.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import IO, Any

from sbp.core.errors import SbpError
from sbp.core.importers.jsonitems import json_entries
from sbp.core.importers.rows import BadRow, Record, Row, SkippedRow
from sbp.core.money import parse_amount

MAX_DESCRIPTION = 200


def read_json(stream: IO[bytes], currency: str) -> Iterator[Record]:
    """Rows of a JSON export, read as they are needed; InvalidInput when the file is not JSON
    of that shape (never quoting the file)."""
    entries = json_entries(stream)
    return (_row(number, item, currency) for number, item in enumerate(entries, start=1))


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
        category_source=_text(item.get("category_source")),
        account=_text(item.get("account")),
        import_key=_text(item.get("import_key")),
    )


def _text(value: Any) -> str:
    """A field's text: a string (numbers are read as the text they are written as) as it is,
    anything else (a list, an object, null, true) as no text at all."""
    if isinstance(value, str):
        return value
    return ""
