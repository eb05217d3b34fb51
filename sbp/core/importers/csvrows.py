"""Reading a CSV file's records into `Row`s and `BadRow`s, streamed, once its layout is known.

Rows whose day/month order cannot be told yet (every date so far fits both) wait in a buffer
until one that can be told arrives; a file where none ever does is refused with the fix.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from operator import itemgetter
from typing import Any

from sbp.core.errors import InvalidAmount, InvalidDate, InvalidInput
from sbp.core.importers.amounts import AmountColumn
from sbp.core.importers.csvlayout import Layout
from sbp.core.importers.rows import BadRow, Row
from sbp.core.money import check_currency

MAX_DESCRIPTION = 200
_REMEMBERED = 50_000  # distinct cell texts kept per column kind


class RowReader:
    """Turns the records of one file into rows, given its layout and default currency.

    Bank files repeat their days, amounts and merchants, so each distinct cell text is parsed
    once and remembered (up to a bound), which also hands later steps the same string objects.
    """

    def __init__(self, layout: Layout, currency: str) -> None:
        self.layout = layout
        self.currency = currency
        self._flip = layout.spending == "negative"
        self._amounts = AmountColumn(layout.decimal_mark, spending_negative=self._flip)
        self._columns = columns = layout.columns
        self._currencies: dict[str, str] = {}
        self._date_at = columns["date"]
        self._currency_at = columns.get("currency")
        self._id_at = columns.get("id")
        self._category_at = columns.get("category")
        self._note_at = columns.get("note")
        money = [columns[role] for role in ("amount", "debit", "credit") if role in columns]
        self._money_cells = itemgetter(*money)
        self._money: dict[tuple[object, str], Decimal] = {}
        self._texts: dict[str, str] = {}

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
        start, width, date_index = self.layout.data_start, self.layout.width, self._date_at
        row = self.row
        for number, record in enumerate(reader):
            if number < start or not ((record and record[0].strip()) or _has_text(record)):
                continue
            if len(record) != width:
                yield BadRow(reader.line_num, f"expected {width} fields, found {len(record)}")
                continue
            if dates.order is None:
                dates.observe(record[date_index])
                if dates.order is None:
                    waiting.append((reader.line_num, record))
                    continue
                yield from (row(n, r) for n, r in waiting)
                waiting.clear()
            yield row(reader.line_num, record)
        if waiting:
            raise InvalidDate(
                f"every date in the file (like '{waiting[0][1][date_index].strip()}') could be "
                "day/month or month/day",
                hint="pin it: --map dates=dd/mm/yyyy or --map dates=mm/dd/yyyy",
            )

    def row(self, line: int, record: Sequence[str]) -> Row | BadRow:
        """One record as a row, or the reason it is not one."""
        try:
            currency = self.currency if self._currency_at is None else self._currency(record)
            day = self.layout.dates.parse(record[self._date_at].strip())
            amount = self._amount(record, currency)
        except (ValueError, InvalidAmount) as exc:
            return BadRow(line, str(exc))
        description = self._description(record)
        if not description:
            return BadRow(line, "description is empty")
        return Row(
            line, day, amount, currency, description,
            "" if self._id_at is None else record[self._id_at].strip(),
            "" if self._category_at is None else record[self._category_at].strip(),
            "" if self._note_at is None else record[self._note_at].strip(),
        )  # fmt: skip

    def _currency(self, record: Sequence[str]) -> str:
        text = record[self._columns["currency"]].strip()
        if not text:
            return self.currency
        code = self._currencies.get(text)
        if code is None:
            code = self._currencies[text] = check_currency(text)
        return code

    def _amount(self, record: Sequence[str], currency: str) -> Decimal:
        key = (self._money_cells(record), currency)
        amount = self._money.get(key)
        if amount is None:
            amount = self._parse_amount(record, currency)
            if len(self._money) >= _REMEMBERED:
                self._money.clear()
            self._money[key] = amount
        return amount

    def _parse_amount(self, record: Sequence[str], currency: str) -> Decimal:
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
        texts = self._texts
        for index in self.layout.describing:
            cell = record[index]
            text = texts.get(cell)
            if text is None:
                text = " ".join(cell.split())[:MAX_DESCRIPTION]
                if len(texts) >= _REMEMBERED:
                    texts.clear()
                texts[cell] = text
            if text:
                return text
        return ""


def _has_text(record: Sequence[str]) -> bool:
    return any(cell.strip() for cell in record)
