"""sbp's own JSON export read back: `{"expenses": [...]}` or a bare list of expense objects.

Amounts are strings in sbp's sign (positive money spent), so nothing is guessed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import IO, Any

from sbp.core.errors import InvalidInput, SbpError
from sbp.core.importers.rows import BadRow, Row
from sbp.core.money import parse_amount

MAX_DESCRIPTION = 200


def read_json(stream: IO[bytes], currency: str) -> Iterator[Row | BadRow]:
    """Rows of a JSON export; InvalidInput when the file is not JSON of that shape."""
    try:
        data = json.load(stream)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"the file is not valid JSON: {exc}") from None
    items = data.get("expenses") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise InvalidInput("the JSON file holds no list of expenses")
    return (_row(number, item, currency) for number, item in enumerate(items, start=1))


def _row(number: int, item: Any, default_currency: str) -> Row | BadRow:
    if not isinstance(item, dict):
        return BadRow(number, "the entry is not an object")
    try:
        day = date.fromisoformat(str(item.get("date", "")))
    except ValueError:
        return BadRow(number, f"date '{item.get('date', '')}' is not YYYY-MM-DD")
    try:
        money = parse_amount(
            str(item.get("amount", "")), str(item.get("currency") or default_currency)
        )
    except SbpError as exc:
        return BadRow(number, str(exc))
    description = " ".join(str(item.get("description") or "").split())[:MAX_DESCRIPTION]
    if not description:
        return BadRow(number, "description is empty")
    if not money.amount:
        return BadRow(number, "amount is zero: nothing to record")
    return Row(
        line=number,
        date=day,
        amount=money.amount,
        currency=money.currency,
        description=description,
        bank_id=str(item.get("id") or ""),
        category=str(item.get("category") or ""),
        note=str(item.get("note") or ""),
        category_source=str(item.get("category_source") or ""),
        account=str(item.get("account") or ""),
        import_key=str(item.get("import_key") or ""),
    )
