"""Reading a CSV file's records into `Row`s and `BadRow`s, streamed, once its layout is known.

Rows whose day/month order cannot be told yet (every date so far fits both) wait in a buffer
until one that can be told arrives; a file where none ever does is refused with the fix.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from sbp.core.errors import InvalidAmount, InvalidDate, InvalidInput
from sbp.core.importers.amounts import AmountColumn
from sbp.core.importers.csvlayout import Layout
from sbp.core.importers.rows import BadRow, Row
from sbp.core.money import check_currency

MAX_DESCRIPTION = 200


class RowReader:
    """Turns the records of one file into rows, given its layout and default currency."""

    def __init__(self, layout: Layout, currency: str) -> None:
        self.layout = layout
        self.currency = currency
        self._amounts = AmountColumn(layout.decimal_mark)
        self._flip = layout.spending == "negative"
        self._columns = layout.columns
        self._currencies: dict[str, str] = {}

    def rows(self, text: Iterable[str]) -> Iterator[Row | BadRow]:
        """Every data record of the file as a row, in order, with its line number."""
        reader = csv.reader(text, delimiter=self.layout.delimiter)
        try:
            yield from self._rows(reader)
        except UnicodeDecodeError:
            raise InvalidInput(
                f"the file stops being UTF-8 after line {reader.line_num}",
                hint="say its encoding: --map encoding=cp1252 (or latin-1)",
            ) from None
        except csv.Error as exc:
            raise InvalidInput(f"line {reader.line_num + 1} cannot be read: {exc}") from None

    def _rows(self, reader: Any) -> Iterator[Row | BadRow]:
        waiting: list[tuple[int, list[str]]] = []
        dates = self.layout.dates
        start = self.layout.data_start
        date_index = self._columns["date"]
        for number, record in enumerate(reader):
            if number < start or not ((record and record[0].strip()) or _has_text(record)):
                continue
            line = reader.line_num
            if len(record) != self.layout.width:
                yield BadRow(line, f"expected {self.layout.width} fields, found {len(record)}")
                continue
            if not dates.decided:
                dates.observe(record[date_index])
                if not dates.decided:
                    waiting.append((line, record))
                    continue
                yield from (self.row(n, r) for n, r in waiting)
                waiting.clear()
            yield self.row(line, record)
        if waiting:
            raise InvalidDate(
                f"every date in the file (like '{waiting[0][1][date_index].strip()}') could be "
                "day/month or month/day",
                hint="pin it: --map dates=dd/mm/yyyy or --map dates=mm/dd/yyyy",
            )

    def row(self, line: int, record: Sequence[str]) -> Row | BadRow:
        """One record as a row, or the reason it is not one."""
        columns = self._columns
        try:
            currency = self._currency(record)
            day = self.layout.dates.parse(record[columns["date"]].strip())
            amount = self._amount(record, currency)
        except (ValueError, InvalidAmount) as exc:
            return BadRow(line, str(exc))
        description = self._description(record)
        if not description:
            return BadRow(line, "description is empty")
        return Row(
            line, day, amount, currency, description,
            bank_id=record[columns["id"]].strip() if "id" in columns else "",
            category=record[columns["category"]].strip() if "category" in columns else "",
            note=record[columns["note"]].strip() if "note" in columns else "",
        )  # fmt: skip

    def _currency(self, record: Sequence[str]) -> str:
        if "currency" not in self._columns:
            return self.currency
        text = record[self._columns["currency"]].strip()
        if not text:
            return self.currency
        code = self._currencies.get(text)
        if code is None:
            code = self._currencies[text] = check_currency(text)
        return code

    def _amount(self, record: Sequence[str], currency: str) -> Decimal:
        columns = self._columns
        if "amount" in columns:
            value = self._amounts.parse(record[columns["amount"]], currency)
            if value is None:
                raise ValueError("amount is empty")
            amount = -value if self._flip else value
        else:
            debit = self._cell_amount(record, "debit", currency)
            credit = self._cell_amount(record, "credit", currency)
            if debit is None and credit is None:
                raise ValueError("neither a debit nor a credit amount")
            amount = abs(debit or Decimal(0)) - abs(credit or Decimal(0))
        if not amount:
            raise ValueError("amount is zero: nothing to record")
        return amount

    def _cell_amount(self, record: Sequence[str], role: str, currency: str) -> Decimal | None:
        if role not in self._columns:
            return None
        return self._amounts.parse(record[self._columns[role]], currency)

    def _description(self, record: Sequence[str]) -> str:
        for index in self.layout.describing:
            text = " ".join(record[index].split())
            if text:
                return text[:MAX_DESCRIPTION]
        return ""


def _has_text(record: Sequence[str]) -> bool:
    return any(cell.strip() for cell in record)
