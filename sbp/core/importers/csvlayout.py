"""Working out a CSV file's dialect from its first lines: delimiter, header row, columns, formats.

Banks put account details or a title above the header, use `;` with a decimal comma, sign
amounts either way, split them into debit and credit columns or flag each row debit or credit.
Everything detected can be pinned with `--map` (or a saved profile); what was only guessed is
said, with the `--map` that pins it.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sbp.core.errors import InvalidInput
from sbp.core.exports import CSV_FIELDS as SBP_EXPORT_HEADER
from sbp.core.exports import RESTORE_FIELDS
from sbp.core.importers.amounts import AmountColumn, guess_decimal_mark
from sbp.core.importers.csvcolumns import find_columns, is_amount
from sbp.core.importers.csvsigns import spending_from_balance, spending_from_words
from sbp.core.importers.dates import (
    ORDER_NAMES,
    DateColumn,
    orders_allowing,
    pinned_column,
    settled_by_rows,
)
from sbp.core.importers.headers import ROLES, clean, header_score
from sbp.core.importers.mapping import DELIMITER_NAMES, delimiter_named, header_line

DELIMITERS = (",", ";", "\t", "|")
_DELIMITER_NAMES = {value: name for name, value in DELIMITER_NAMES.items() if name != "\\t"}
_CODES = "EUR|USD|GBP|CHF|CAD|AUD|NZD|JPY|SEK|NOK|DKK|PLN|CZK|HUF|BRL|MXN|INR|ZAR|SGD|HKD"
_CURRENCY_MARK = re.compile(rf"€|£|R\$|zł|Kč|\b(?:{_CODES})\b")
_SYMBOL_CODES = {"€": "EUR", "£": "GBP", "R$": "BRL", "zł": "PLN", "Kč": "CZK"}
_MINOR_UNITS = re.compile(r"\b(?:cents?|pence|minor|centimes|öre|øre|centavos)\b", re.IGNORECASE)


@dataclass
class Layout:
    """How to read a CSV file: everything the row reader needs, decided once."""

    delimiter: str
    header_line: int  # index of the header among the file's records; -1 when there is none
    data_start: int  # index of the first data record
    width: int
    columns: dict[str, int]
    describing: list[int]
    dates: DateColumn
    decimal_mark: str
    spending: str  # "negative" (banks' usual sign) or "positive" (sbp's own)
    guesses: list[str] = field(default_factory=list)
    currency: str | None = None  # named by the file itself (its header, cells or preamble)
    header: list[str] = field(default_factory=list)
    flags: bool = False  # amounts are unsigned; the `direction` column says which way
    minor_units: bool = False  # amounts are written in cents
    restore: dict[str, int] = field(default_factory=dict)
    """Where sbp's own export keeps what restores its expenses (`RESTORE_FIELDS`), by name."""

    def pins(self, header: Sequence[str]) -> dict[str, str]:
        """The `--map` settings that reproduce this layout, for a saved profile."""
        pinned = {role: _column_name(header, index) for role, index in self.columns.items()}
        pinned["delimiter"] = _DELIMITER_NAMES.get(self.delimiter, self.delimiter)
        pinned["decimal"] = self.decimal_mark
        pinned["spending"] = self.spending
        if self.minor_units:
            pinned["units"] = "cents"
        if not self.flags:
            pinned.pop("direction", None)
        if self.dates.order is not None:
            pinned["dates"] = ORDER_NAMES[self.dates.order]
        return pinned


def _column_name(header: Sequence[str], index: int) -> str:
    return header[index] if index < len(header) and header[index].strip() else str(index + 1)


def detect_layout(lines: Sequence[str], mapping: Mapping[str, str], whole: bool = False) -> Layout:
    """The layout of a CSV file from its first lines and the person's pinned settings;
    `whole` when those lines are the whole file (then the order of its rows can tell dates)."""
    delimiter = _delimiter(lines, mapping.get("delimiter"))
    records = list(csv.reader(lines, delimiter=delimiter))
    width = _modal_width(records)
    pinned_names = [mapping[role] for role in ROLES if mapping.get(role)]
    header_at, data_start = _header(records, width, mapping.get("header"), pinned_names)
    header = records[header_at] if header_at >= 0 else []
    width = max(width, len(_trimmed(header)))  # rows may leave out empty cells at the end
    data = [r for r in records[data_start:] if width - 1 <= len(r) <= width + 1 and r != header]
    found = find_columns(header, data, width, mapping)
    columns, guesses = found.roles, found.guesses
    dates = _dates(data, header, columns["date"], mapping.get("dates"), whole, guesses)
    decimal_mark = _decimal(data, columns, delimiter, mapping.get("decimal"), guesses)
    money = AmountColumn(decimal_mark)
    amounts = _amounts(money, data, columns.get("amount"))
    flags = "direction" in columns and (
        "direction" in mapping or all(a is None or a >= 0 for a in amounts)
    )
    if flags:
        spending = "positive"
    else:
        balances = _amounts(money, data, found.balance)
        spending = _spending(
            header, data, columns, amounts, balances, found.describing, mapping, guesses
        )
    layout = Layout(
        delimiter, header_at, data_start, width, columns, found.describing, dates, decimal_mark,
        spending, guesses, header=list(header), flags=flags,
    )  # fmt: skip
    layout.minor_units = _in_cents(header, columns, mapping.get("units"))
    layout.currency = _currency_hint(records[: max(header_at, 0)], header, data, columns)
    if is_own_export(header):
        named = [clean(cell) for cell in header]
        layout.restore = {
            name: named.index(clean(name)) for name in RESTORE_FIELDS if clean(name) in named
        }
    return layout


def is_own_export(header: Sequence[str]) -> bool:
    """Whether a CSV header is the one sbp's own exports start with."""
    return tuple(clean(cell) for cell in header[: len(SBP_EXPORT_HEADER)]) == SBP_EXPORT_HEADER


def is_own_listing(header: Sequence[str]) -> bool:
    """Whether a CSV header is that of `sbp list --csv`, whose categories are the person's."""
    cells = [clean(cell) for cell in header]
    return "category" in cells and "category source" in cells


def _delimiter(lines: Sequence[str], pinned: str | None) -> str:
    if pinned:
        return delimiter_named(pinned)
    best, best_score = ",", (0, 0)
    for candidate in DELIMITERS:
        records = [r for r in csv.reader(lines, delimiter=candidate) if len(r) > 1]
        if not records:
            continue
        width = _modal_width(records)
        count = sum(1 for r in records if len(r) == width)
        if (count * width, count) > best_score:  # the delimiter that makes the widest table
            best, best_score = candidate, (count * width, count)
    return best


def _modal_width(records: Sequence[Sequence[str]]) -> int:
    """The width of the rows that hold most of the file's filled cells: the table's, not that
    of account details above it, however many lines those take in a short file."""
    widths = Counter[int]()
    for record in records:
        if len(record) > 1:
            widths[len(record)] += sum(1 for cell in record if cell.strip())
    if not widths:
        raise InvalidInput(
            "the file has no columns: is it a CSV export?",
            hint="if its columns are set apart by another character: --map delimiter=CHARACTER",
        )
    return max(widths, key=lambda width: (widths[width], width))


def _header(
    records: Sequence[Sequence[str]], width: int, pinned: str | None, names: Iterable[str]
) -> tuple[int, int]:
    if pinned:
        line = header_line(pinned)
        if line >= len(records):
            lines = len(records)
            raise InvalidInput(
                f"--map header={pinned}: the file's first {lines} lines hold no such line"
            )
        return (line, line + 1) if line >= 0 else (-1, 0)
    near = [i for i, r in enumerate(records) if len(r) >= 2 and width - 1 <= len(r) <= width + 1]
    for index in near:
        if header_score(records[index]) >= 2:
            return index, index + 1
    named = {value.strip().lower() for value in names if not value.strip().isdigit()}
    for index, record in enumerate(records):
        if named and named <= {cell.strip().lower() for cell in record}:
            return index, index + 1  # the person named columns of this row
    for index in near:  # a row of words above rows of dates: a header in another language
        if _words_only(records[index]) and _dated(records, index + 1, width):
            return index, index + 1
    for index in near:
        if len(records[index]) == width and any(orders_allowing(c) for c in records[index]):
            return -1, index
    raise InvalidInput(
        "cannot find the header row or any dated row in the file",
        hint="name the line that holds the column names: --map header=LINE",
    )


def _trimmed(record: Sequence[str]) -> Sequence[str]:
    end = len(record)
    while end and not record[end - 1].strip():
        end -= 1
    return record[:end]


def _words_only(record: Sequence[str]) -> bool:
    cells = [cell.strip() for cell in record if cell.strip()]
    return len(cells) >= 2 and not any(orders_allowing(c) or is_amount(c) for c in cells)


def _dated(records: Sequence[Sequence[str]], start: int, width: int) -> bool:
    for record in records[start : start + 3]:
        if width - 1 <= len(record) <= width + 1:
            return any(orders_allowing(cell) for cell in record)
    return False


def _dates(
    data: Sequence[Sequence[str]],
    header: Sequence[str],
    index: int,
    pinned: str | None,
    whole: bool,
    guesses: list[str],
) -> DateColumn:
    if pinned:
        return pinned_column(pinned)
    column = _observed(data, index)
    if column.decided:
        return column
    for other in range(len(data[0]) if data else 0):  # a value date may tell the order
        if other != index and (sibling := _observed(data, other, strict=True)).decided:
            order = ORDER_NAMES[sibling.order or "ymd"]
            guesses.append(
                f"day and month taken in the order the '{_column_name(header, other)}' column "
                f"shows, {order} (pin with --map dates={order})"
            )
            return DateColumn(sibling.order)
    values = [r[index].strip() for r in data if index < len(r) and r[index].strip()]
    return (settled_by_rows(values, guesses) if whole else None) or column


def _observed(data: Sequence[Sequence[str]], index: int, strict: bool = False) -> DateColumn:
    """The date order a column's values show; `strict`: only if every value is a date."""
    column = DateColumn()
    values = [r[index] for r in data if index < len(r) and r[index].strip()]
    if strict and not (values and all(orders_allowing(v) for v in values)):
        return column
    for value in values:
        column.observe(value)
        if column.decided:
            break
    return column


def _decimal(
    data: Sequence[Sequence[str]],
    columns: Mapping[str, int],
    delimiter: str,
    pinned: str | None,
    guesses: list[str],
) -> str:
    if pinned:
        return pinned
    indexes = [columns[r] for r in ("amount", "debit", "credit") if r in columns]
    found = guess_decimal_mark([record[i] for record in data for i in indexes if i < len(record)])
    if found is None:
        found = "," if delimiter == ";" else "."
        if data:
            guesses.append(
                f"no amount shows its decimal mark: taken as '{found}' (pin with --map decimal=.)"
            )
    return found


def _amounts(
    money: AmountColumn, data: Sequence[Sequence[str]], index: int | None
) -> list[Decimal | None]:
    if index is None:
        return []
    values: list[Decimal | None] = []
    for record in data:
        try:
            values.append(money.parse(record[index], "EUR") if index < len(record) else None)
        except ValueError:
            values.append(None)
    return values


def _spending(
    header: Sequence[str],
    data: Sequence[Sequence[str]],
    columns: Mapping[str, int],
    amounts: Sequence[Decimal | None],
    balances: Sequence[Decimal | None],
    describing: Sequence[int],
    mapping: Mapping[str, str],
    guesses: list[str],
) -> str:
    pinned = mapping.get("spending")
    if pinned:
        return pinned.lower()
    if "amount" not in columns:
        return "positive"  # debit and credit columns say it themselves
    if is_own_export(header):
        return "positive"  # sbp's own export
    if not data:
        return "positive"  # nothing to go by, and nothing to read either
    by_balance = spending_from_balance(amounts, balances) if balances else None
    if by_balance is not None:
        return by_balance  # the balance moves by each amount: that is no guess
    known = [(a, r) for a, r in zip(amounts, data, strict=True) if a is not None]
    texts = [" ".join(r[i] for i in describing if i < len(r)) for _, r in known]
    by_words = spending_from_words([a for a, _ in known], texts)
    negatives = sum(1 for a, _ in known if a < 0)
    positives = sum(1 for a, _ in known if a > 0)
    if by_words is not None and (
        negatives == positives or min(negatives, positives) * 3 > max(negatives, positives)
    ):
        side = "positive" if by_words == "negative" else "negative"
        guesses.append(
            f"rows that read as money in (salary, refunds) are {side}, so {by_words} means "
            f"money spent (pin with --map spending={by_words})"
        )
        return by_words
    if positives > negatives:
        guesses.append(
            "most amounts are positive, so positive means money spent "
            "(pin with --map spending=positive, or spending=negative if that is wrong)"
        )
        return "positive"
    most = (
        "most amounts are negative"
        if negatives > positives
        else "as many amounts are negative as positive"
    )
    guesses.append(f"{most}, so negative means money spent (pin with --map spending=negative)")
    return "negative"


def _in_cents(header: Sequence[str], columns: Mapping[str, int], pinned: str | None) -> bool:
    if pinned:
        return pinned.lower() == "cents"
    indexes = [columns[r] for r in ("amount", "debit", "credit") if r in columns]
    return any(i < len(header) and _MINOR_UNITS.search(clean(header[i])) for i in indexes)


def _currency_hint(
    preamble: Sequence[Sequence[str]],
    header: Sequence[str],
    data: Sequence[Sequence[str]],
    columns: Mapping[str, int],
) -> str | None:
    """The currency the file names: its amount columns' header (`Betrag (EUR)`) or cells
    (`£3.45`), or the account details above the header (`Currency: EUR`)."""
    indexes = [columns[r] for r in ("amount", "debit", "credit") if r in columns]
    texts = [header[i] for i in indexes if i < len(header)]
    texts += [r[i] for r in data[:50] for i in indexes if i < len(r)]
    texts += [cell for record in preamble for cell in record]
    for text in texts:
        found = _CURRENCY_MARK.search(text)
        if found:
            mark = found.group()
            return _SYMBOL_CODES.get(mark, mark)
    return None
