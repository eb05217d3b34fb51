"""Reading a CSV file's records into `Row`s and `BadRow`s, streamed, once its layout is known.

Rows whose day/month order cannot be told yet (every date so far fits both) wait in a buffer
until one that can be told arrives; a file where none ever does is refused with the fix.

A big file is read in blocks (`RowReader.blocks`): a block of good rows comes as columns,
each parsed through a cache of the texts seen before, in one call a column.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from itertools import islice
from operator import itemgetter
from typing import Any

from sbp.core.errors import InvalidAmount, InvalidDate, InvalidInput
from sbp.core.exports import RESTORE_FIELDS
from sbp.core.importers.amounts import AmountColumn
from sbp.core.importers.csvlayout import Layout
from sbp.core.importers.csvsigns import (
    flag_of,
    is_summary_text,
    looks_like_summary,
    status_skip,
)
from sbp.core.importers.dates import orders_allowing
from sbp.core.importers.remembered import Remembered
from sbp.core.importers.rows import BadRow, Block, Record, Row, RowColumns, SkippedRow
from sbp.core.money import check_currency, exponent

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
        self._columns = columns = layout.columns
        self._date_at = columns["date"]
        self._currency_at = columns.get("currency")
        self._id_at = columns.get("id")
        self._category_at = columns.get("category")
        self._note_at = columns.get("note")
        self._kind_at = columns.get("kind")
        self._mcc_at = columns.get("mcc")
        self._status_at = columns.get("status")
        self._statuses = Remembered(status_skip, _REMEMBERED)
        # the cells a row needs, so that a shorter row (a trailing column left out) still reads
        core = [columns[r] for r in ("date", "amount", "debit", "credit") if r in columns]
        self._needed = 1 + max(core + layout.describing[:1])
        # sbp's own export: the columns that restore each expense as it was, where there are
        self._restore_at = [layout.restore.get(name) for name in RESTORE_FIELDS]
        money = MoneyCells(layout)
        self._money_cells = itemgetter(*(columns[role] for role in money.roles))
        # What the cells of a file mean, worked out once per distinct text. Amounts are known by
        # their cells, and by their currency too where the file has a currency column. (None of
        # these refers back to the reader: a reader and its caches make no reference cycle.)
        self._amounts = Remembered(
            (lambda key: money.amount(*key))
            if self._currency_at is not None
            else (lambda cells: money.amount(cells, currency)),
            _REMEMBERED,
        )
        self._currencies = Remembered(check_currency, _REMEMBERED)
        self._texts = Remembered(_folded_spaces, _REMEMBERED)
        self._summaries = Remembered(is_summary_text, _REMEMBERED)
        self._days = Remembered(lambda cell: layout.dates.parse(cell.strip()), _REMEMBERED)
        # rows waiting for the date order (line and record), and bad rows among them
        self._waiting: list[tuple[int, list[str]] | BadRow | SkippedRow] = []

    def rows(self, text: Iterable[str]) -> Iterator[Record]:
        """Every data record of the file as a row, in order, with its line number."""
        reader = csv.reader(text, delimiter=self.layout.delimiter)
        with _read_errors(reader):
            for number, (record, line) in enumerate(_records(reader)):
                yield from self._take(number, line, record)
            self._finish()

    def blocks(self, text: Iterable[str], size: int) -> Iterator[Block]:
        """The same rows as `rows`, read `size` records at a time: a block whose records are all
        good rows (the usual case) comes as columns, any other as a list of rows."""
        reader = csv.reader(text, delimiter=self.layout.delimiter)
        with _read_errors(reader):
            number = sum(1 for _ in islice(reader, self.layout.data_start))  # preamble, header
            while True:
                records, lines = _some_records(reader, size)
                if not records:
                    break
                columns = None
                if self.layout.dates.order is not None:
                    columns = self._as_columns(records, lines)
                if columns is not None:
                    yield columns
                else:
                    block: list[Record] = []
                    for offset, record in enumerate(records):
                        block.extend(self._take(number + offset, lines[offset], record))
                    # rows that waited for the date order come out at once: `size` at a time
                    for start in range(0, len(block), size):
                        yield block[start : start + size]
                number += len(records)
            self._finish()

    def _take(self, number: int, line: int, record: list[str]) -> Sequence[Record]:
        """What the `number`th record of the file (0 first), ending on `line`, gives: a row, a
        bad or skipped row, nothing (the header, a blank line), or (once the day/month order is
        known) the rows that waited for it. A record that could not be read is its reason."""
        if type(record) is Unreadable and number >= self.layout.data_start:
            return (BadRow(line, record.reason),)
        if number < self.layout.data_start or not (
            (record and record[0].strip()) or _has_text(record)
        ):
            return ()
        width = self.layout.width
        if len(record) != width:
            if len(record) >= self._needed and not any(record[width:]):
                record = record + [""] * (width - len(record))  # a left-out or extra empty cell
            else:
                odd = self._odd(line, record)
                if self._waiting:  # it waits with the rows before it: rows come in file order
                    self._waiting.append(odd)
                    return ()
                return (odd,)
        dates = self.layout.dates
        if dates.order is None:
            if record == self.layout.header:
                return (SkippedRow(line, "repeated header"),)
            dates.observe(record[self._date_at])
            if dates.order is None:
                self._waiting.append((line, record))
                return ()
            ready = [self.row(*item) if isinstance(item, tuple) else item for item in self._waiting]
            self._waiting.clear()
            ready.append(self.row(line, record))
            return ready
        return (self.row(line, record),)

    def _finish(self) -> None:
        """At the end of the file: rows still waiting mean the date order was never told."""
        for item in self._waiting:
            if isinstance(item, tuple):
                _, record = item
                raise InvalidDate(
                    f"every date in the file (like '{record[self._date_at].strip()}') "
                    "could be day/month or month/day",
                    hint="pin it: --map dates=dd/mm/yyyy or --map dates=mm/dd/yyyy",
                )

    def _as_columns(self, records: list[list[str]], lines: list[int]) -> RowColumns | None:
        """The records as columns when every one is a good row (else None: read them one by
        one). Each column is looked up in its remembered values in one call a column."""
        if self._currency_at is not None or set(map(len, records)) != {self.layout.width}:
            return None
        if self._status_at is not None and any(
            map(self._statuses.__getitem__, map(itemgetter(self._status_at), records))
        ):
            return None
        try:
            days = list(map(self._days.__getitem__, map(itemgetter(self._date_at), records)))
            amounts = list(map(self._amounts.__getitem__, map(self._money_cells, records)))
        except (ValueError, InvalidAmount):  # a bad row among them
            return None
        first = itemgetter(self.layout.describing[0])
        descriptions = list(map(self._texts.__getitem__, map(first, records)))
        if "" in descriptions:  # the first describing column is empty: another may say it
            for index, text in enumerate(descriptions):
                if not text:
                    descriptions[index] = text = self._description(records[index])
                    if not text:
                        return None
        if any(map(self._summaries.__getitem__, descriptions)):  # rows to skip among them
            return None
        ids, categories, notes, kinds = (
            None if at is None else list(map(str.strip, map(itemgetter(at), records)))
            for at in (self._id_at, self._category_at, self._note_at, self._kind_at)
        )
        mccs = None if self._mcc_at is None else [_mcc(r[self._mcc_at]) for r in records]
        restored = (
            None if at is None else list(map(str.strip, map(itemgetter(at), records)))
            for at in self._restore_at
        )
        return RowColumns(
            lines, days, amounts, [self.currency] * len(records), descriptions, ids, categories,
            notes, kinds, mccs, *restored,
        )  # fmt: skip

    def row(self, line: int, record: Sequence[str]) -> Record:
        """One record as a row, or the reason it is not one (or is no transaction)."""
        if self._status_at is not None and (why := self._statuses[record[self._status_at]]):
            return SkippedRow(line, why)
        try:
            currency = self.currency if self._currency_at is None else self._currency(record)
            day = self._days[record[self._date_at]]
            cells = self._money_cells(record)
            amount = self._amounts[cells if self._currency_at is None else (cells, currency)]
        except NoTransaction as exc:
            return SkippedRow(line, exc.reason)
        except (ValueError, InvalidAmount) as exc:
            return self._odd(line, record, str(exc))
        description = self._description(record)
        if not description:
            return BadRow(line, "description is empty")
        if self._summaries[description]:
            return SkippedRow(line, "summary line")
        return Row(
            line, day, amount, currency, description,
            "" if self._id_at is None else record[self._id_at].strip(),
            "" if self._category_at is None else record[self._category_at].strip(),
            "" if self._note_at is None else record[self._note_at].strip(),
            "" if self._kind_at is None else record[self._kind_at].strip()[:20],
            None if self._mcc_at is None else _mcc(record[self._mcc_at]),
            *(record[at].strip() if at is not None and at < len(record) else ""
              for at in self._restore_at),
        )  # fmt: skip

    def _odd(self, line: int, record: Sequence[str], reason: str = "") -> BadRow | SkippedRow:
        """A record that does not read as a row: skipped when it is plainly no transaction (the
        header again, a total or balance line), else bad, with `reason` or its field count."""
        if [cell.strip() for cell in record] == [c.strip() for c in self.layout.header]:
            return SkippedRow(line, "repeated header")
        if looks_like_summary(record):
            return SkippedRow(line, "summary line")
        at = self._date_at
        if at >= len(record) or not record[at].strip():
            return SkippedRow(line, "no date")
        if sum(1 for cell in record if cell.strip()) == 1 and orders_allowing(record[at]) is None:
            return SkippedRow(line, "text line")
        return BadRow(line, reason or f"expected {self.layout.width} fields, found {len(record)}")

    def _currency(self, record: Sequence[str]) -> str:
        text = record[self._columns["currency"]].strip()
        return self.currency if not text else self._currencies[text]

    def _description(self, record: Sequence[str]) -> str:
        texts = self._texts
        for index in self.layout.describing:
            text: str = texts[record[index]]
            if text:
                return text
        return ""


def _some_records(reader: Any, size: int) -> tuple[list[list[str]], list[int]]:
    """Up to `size` records from `reader`, and the line each ends on (none at the end)."""
    records: list[list[str]] = []
    lines: list[int] = []
    add_record, add_line = records.append, lines.append
    while len(records) < size:
        try:
            for record in islice(reader, size - len(records)):
                add_record(record)
                add_line(reader.line_num)
            break
        except csv.Error as exc:
            add_record(_unreadable(exc))
            add_line(reader.line_num)
    return records, lines


class NoTransaction(ValueError):
    """A record that is no transaction at all (a zero amount): skipped, not refused."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class MoneyCells:
    """What the money cells of a row (its amount, or its debit and credit, and any debit/credit
    flag) mean, in the file's sign convention turned into sbp's: positive money spent, negative
    money back."""

    def __init__(self, layout: Layout) -> None:
        roles = ["amount", "debit", "credit"] + (["direction"] if layout.flags else [])
        self.roles = [role for role in roles if role in layout.columns]
        self._flip = layout.spending == "negative"
        self._minor = layout.minor_units
        self._column = AmountColumn(layout.decimal_mark, spending_negative=self._flip)

    def amount(self, cells: str | tuple[str, ...], currency: str) -> Decimal:
        """The amount of a row whose money cells (`itemgetter` of the `roles` columns) are
        `cells`; ValueError saying why there is none (NoTransaction for a zero)."""
        by_role = dict(
            zip(self.roles, cells if isinstance(cells, tuple) else (cells,), strict=True)
        )
        if "amount" in by_role:
            value = self._column.parse(by_role["amount"], currency)
            if value is None:
                raise ValueError("amount is empty")
            amount = -value if self._flip else value
        else:
            debit = self._cell_amount(by_role.get("debit"), currency)
            credit = self._cell_amount(by_role.get("credit"), currency)
            if debit is None and credit is None:
                raise ValueError("neither a debit nor a credit amount")
            amount = abs(debit or Decimal(0)) - abs(credit or Decimal(0))
        if "direction" in by_role:
            amount = self._flagged(amount, by_role["direction"])
        if not amount:
            raise NoTransaction("zero amount")
        return amount.scaleb(-exponent(currency)) if self._minor else amount

    def _flagged(self, amount: Decimal, flag: str) -> Decimal:
        spent = flag_of(flag)
        if spent is None:
            raise ValueError(f"'{flag.strip()[:20]}' in the debit/credit column is neither")
        return abs(amount) if spent else -abs(amount)

    def _cell_amount(self, cell: str | None, currency: str) -> Decimal | None:
        return None if cell is None else self._column.parse(cell, currency)


@contextmanager
def _read_errors(reader: Any) -> Iterator[None]:
    """A file that cannot be read as text or as CSV, said with the line and the fix."""
    try:
        yield
    except UnicodeDecodeError:
        raise InvalidInput(
            f"the file stops being UTF-8 after line {reader.line_num}",
            hint="say its encoding: --map encoding=cp1252 (or latin-1)",
        ) from None
    except csv.Error as exc:
        raise InvalidInput(f"line {reader.line_num + 1} cannot be read: {exc}") from None


def _folded_spaces(cell: str) -> str:
    """A description cell as stored: runs of white space made one space, and not too long."""
    return " ".join(cell.split())[:MAX_DESCRIPTION]


def _has_text(record: Sequence[str]) -> bool:
    return any(cell.strip() for cell in record)


def _mcc(cell: str) -> str | None:
    code = cell.strip()
    return code if len(code) == 4 and code.isascii() and code.isdigit() else None


class Unreadable(list[str]):
    """A record the csv module could not read (a field over its size limit, a stray quote):
    no cells, and the reason. Reading goes on after it."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


def _records(reader: Any) -> Iterator[tuple[list[str], int]]:
    """Each record and the line it ends on."""
    while True:
        try:
            for record in reader:
                yield record, reader.line_num
            return
        except csv.Error as exc:
            yield _unreadable(exc), reader.line_num


def _unreadable(error: csv.Error) -> Unreadable:
    return Unreadable(f"the line cannot be read as CSV: {error}")
