"""Working out a CSV file's dialect from its first lines: delimiter, header row, columns, formats.

Banks put account details above the header, use `;` with a decimal comma, sign amounts either
way or split them into debit and credit columns. Everything detected can be pinned with
`--map` (or a saved profile); what was only guessed is said, with the `--map` that pins it.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from sbp.core.errors import InvalidInput
from sbp.core.exports import CSV_FIELDS as SBP_EXPORT_HEADER
from sbp.core.exports import RESTORE_FIELDS
from sbp.core.importers.amounts import AmountColumn, guess_decimal_mark
from sbp.core.importers.dates import ORDER_NAMES, DateColumn, order_named, orders_allowing
from sbp.core.importers.headers import ROLES, assign_roles, header_score

DELIMITERS = (",", ";", "\t", "|")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
_DELIMITER_BY_NAME = {"comma": ",", "semicolon": ";", "tab": "\t", "pipe": "|", "\\t": "\t"}
_CURRENCY_MARK = re.compile(r"€|£|\b(?:EUR|USD|GBP|CHF|CAD|AUD|JPY|SEK|NOK|DKK|PLN)\b")
_SYMBOL_CODES = {"€": "EUR", "£": "GBP"}
MAP_KEYS = (*ROLES, "dates", "decimal", "spending", "delimiter", "header")


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
    currency: str | None = None  # named by the amount columns themselves
    restore: dict[str, int] = field(default_factory=dict)
    """Where sbp's own export keeps what restores its expenses (`RESTORE_FIELDS`), by name."""

    def pins(self, header: Sequence[str]) -> dict[str, str]:
        """The `--map` settings that reproduce this layout, for a saved profile."""
        pinned = {role: _column_name(header, index) for role, index in self.columns.items()}
        pinned["delimiter"] = _DELIMITER_NAMES[self.delimiter]
        pinned["decimal"] = self.decimal_mark
        pinned["spending"] = self.spending
        if self.dates.order is not None:
            pinned["dates"] = ORDER_NAMES[self.dates.order]
        return pinned


def _column_name(header: Sequence[str], index: int) -> str:
    return header[index] if header and header[index].strip() else str(index + 1)


def check_map(mapping: Mapping[str, str]) -> None:
    """Refuse unknown `--map` keys before anything is read."""
    unknown = sorted(set(mapping) - set(MAP_KEYS))
    if unknown:
        raise InvalidInput(
            f"unknown --map key '{unknown[0]}'", hint=f"known keys: {', '.join(MAP_KEYS)}"
        )


def detect_layout(lines: Sequence[str], mapping: Mapping[str, str]) -> Layout:
    """The layout of a CSV file from its first lines and the person's pinned settings."""
    check_map(mapping)
    delimiter = _delimiter(lines, mapping.get("delimiter"))
    records = list(csv.reader(lines, delimiter=delimiter))
    width = _modal_width(records)
    pinned_names = [mapping[role] for role in ROLES if role in mapping]
    header_line, data_start = _header(records, width, mapping.get("header"), pinned_names)
    header = records[header_line] if header_line >= 0 else []
    guesses: list[str] = []
    if header:
        columns, describing = assign_roles(header)
    else:
        columns, describing = _roles_by_content(records[data_start:], width)
        guesses.append("the file has no header row: columns were chosen from their contents")
    columns.update(_pinned_columns(header, mapping, width))
    if "description" in columns and columns["description"] not in describing:
        describing.insert(0, columns["description"])
    _require(columns)
    data = [r for r in records[data_start:] if len(r) == width]
    dates = _dates(data, columns["date"], mapping.get("dates"))
    decimal_mark = _decimal(data, columns, delimiter, mapping.get("decimal"), guesses)
    spending = _spending(header, data, columns, decimal_mark, mapping.get("spending"), guesses)
    layout = Layout(
        delimiter, header_line, data_start, width, columns, describing, dates, decimal_mark,
        spending, guesses,
    )  # fmt: skip
    layout.currency = _currency_hint(header, data, columns)
    if is_own_export(header):
        named = [cell.strip().lower() for cell in header]
        layout.restore = {name: named.index(name) for name in RESTORE_FIELDS if name in named}
    return layout


def is_own_export(header: Sequence[str]) -> bool:
    """Whether a CSV header is the one sbp's own exports start with."""
    return tuple(cell.strip().lower() for cell in header[: len(SBP_EXPORT_HEADER)]) == (
        SBP_EXPORT_HEADER
    )


def _currency_hint(
    header: Sequence[str], data: Sequence[Sequence[str]], columns: Mapping[str, int]
) -> str | None:
    """The currency the amount columns name in their header (`Betrag (EUR)`) or cells (`£3.45`)."""
    indexes = [columns[r] for r in ("amount", "debit", "credit") if r in columns]
    texts = [header[i] for i in indexes if header] + [r[i] for r in data[:50] for i in indexes]
    for text in texts:
        found = _CURRENCY_MARK.search(text)
        if found:
            mark = found.group()
            return _SYMBOL_CODES.get(mark, mark)
    return None


def _delimiter(lines: Sequence[str], pinned: str | None) -> str:
    if pinned:
        return _DELIMITER_BY_NAME.get(pinned.lower(), pinned)
    best, best_score = ",", (0, 0)
    for candidate in DELIMITERS:
        records = [r for r in csv.reader(lines, delimiter=candidate) if len(r) > 1]
        if not records:
            continue
        width, count = Counter(len(r) for r in records).most_common(1)[0]
        if (count, width) > best_score:
            best, best_score = candidate, (count, width)
    return best


def _modal_width(records: Sequence[Sequence[str]]) -> int:
    widths = Counter(len(r) for r in records if len(r) > 1)
    if not widths:
        raise InvalidInput("the file has no columns: is it a CSV export?")
    return widths.most_common(1)[0][0]


def _header(
    records: Sequence[Sequence[str]], width: int, pinned: str | None, names: Iterable[str]
) -> tuple[int, int]:
    if pinned:
        line = int(pinned) - 1 if pinned.isdigit() else -1
        return (line, line + 1) if line >= 0 else (-1, 0)
    for index, record in enumerate(records):
        if len(record) == width and header_score(record) >= 2:
            return index, index + 1
    named = {value.strip().lower() for value in names if not value.strip().isdigit()}
    for index, record in enumerate(records):
        if named and named <= {cell.strip().lower() for cell in record}:
            return index, index + 1  # the person named columns of this row
    for index, record in enumerate(records):
        if len(record) == width and any(orders_allowing(cell) for cell in record):
            return -1, index
    raise InvalidInput("cannot find the header row or any dated row in the file")


def _pinned_columns(
    header: Sequence[str], mapping: Mapping[str, str], width: int
) -> dict[str, int]:
    pinned: dict[str, int] = {}
    lowered = [cell.strip().lower() for cell in header]
    for role in ROLES:
        value = mapping.get(role)
        if value is None:
            continue
        if value.isdigit() and 1 <= int(value) <= width:
            pinned[role] = int(value) - 1
        elif value.strip().lower() in lowered:
            pinned[role] = lowered.index(value.strip().lower())
        elif role == "currency" and len(value) == 3 and value.isalpha():
            continue  # one currency for the whole file, not a column
        else:
            raise InvalidInput(
                f"--map {role}={value}: no such column",
                hint=f"give a header name or a number from 1 to {width}",
            )
    return pinned


def _require(columns: Mapping[str, int]) -> None:
    missing = [role for role in ("date", "description") if role not in columns]
    if "amount" not in columns and not ("debit" in columns or "credit" in columns):
        missing.append("amount")
    if missing:
        raise InvalidInput(
            f"cannot tell which column holds the {' and '.join(missing)}",
            hint=f"pin it: --map {missing[0]}=COLUMN (a header name or a number)",
        )


def _roles_by_content(
    data: Sequence[Sequence[str]], width: int
) -> tuple[dict[str, int], list[int]]:
    rows = [r for r in data if len(r) == width][:100]
    roles: dict[str, int] = {}
    texts: list[tuple[float, int]] = []
    probe = AmountColumn(".")
    for index in range(width):
        values = [r[index].strip() for r in rows if r[index].strip()]
        if not values:
            continue
        if "date" not in roles and all(orders_allowing(v) for v in values):
            roles["date"] = index
        elif "amount" not in roles and all(_is_amount(probe, v) for v in values):
            roles["amount"] = index
        elif not all(_is_amount(probe, v) for v in values):
            texts.append((sum(len(v) for v in values) / len(values), index))
    describing = [index for _, index in sorted(texts, reverse=True)]
    if describing:
        roles["description"] = describing[0]
    return roles, describing


def _is_amount(column: AmountColumn, text: str) -> bool:
    try:
        column.parse(text.replace(",", ""), "USD")
    except ValueError:
        return False
    return True


def _dates(data: Sequence[Sequence[str]], index: int, pinned: str | None) -> DateColumn:
    if pinned:
        try:
            return DateColumn(order_named(pinned))
        except ValueError as exc:
            raise InvalidInput(str(exc)) from None
    column = DateColumn()
    for record in data:
        column.observe(record[index])
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
        if pinned not in (".", ","):
            raise InvalidInput(f"--map decimal={pinned}: the decimal mark is '.' or ','")
        return pinned
    indexes = [columns[r] for r in ("amount", "debit", "credit") if r in columns]
    found = guess_decimal_mark([record[i] for record in data for i in indexes])
    if found is None:
        found = "," if delimiter == ";" else "."
        if data:
            guesses.append(
                f"no amount shows its decimal mark: taken as '{found}' (pin with --map decimal=.)"
            )
    return found


def _spending(
    header: Sequence[str],
    data: Sequence[Sequence[str]],
    columns: Mapping[str, int],
    decimal_mark: str,
    pinned: str | None,
    guesses: list[str],
) -> str:
    if pinned:
        if pinned not in ("negative", "positive"):
            raise InvalidInput(f"--map spending={pinned}: say negative or positive")
        return pinned
    if "amount" not in columns:
        return "positive"  # debit and credit columns say it themselves
    if is_own_export(header):
        return "positive"  # sbp's own export
    if not data:
        return "positive"  # nothing to go by, and nothing to read either
    column = AmountColumn(decimal_mark)
    signs = Counter[bool]()
    for record in data:
        try:
            value = column.parse(record[columns["amount"]], "EUR")
        except ValueError:
            continue
        if value:
            signs[value < 0] += 1
    if signs[True] > signs[False]:
        guesses.append(
            "most amounts are negative, so negative means money spent "
            "(pin with --map spending=negative)"
        )
        return "negative"
    guesses.append(
        "most amounts are positive, so positive means money spent "
        "(pin with --map spending=positive, or spending=negative if that is wrong)"
    )
    return "positive"
