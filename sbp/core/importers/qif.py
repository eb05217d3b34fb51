"""QIF files (Quicken, GnuCash, Microsoft Money and the banks that still offer them), streamed.

A QIF file is records of one-letter fields ended by `^`: `D` the date (`2/10'2020`, `02/10/20`,
`10.02.2020`), `T` the amount from the account's side, `P` the payee, `M` a memo, `L` the
category (`Food:Groceries`, or `[Savings]` for a transfer), `N` a check number, and `S`/`E`/`$`
the category, memo and amount of each split. A split transaction becomes one expense per split,
so each part counts against its own budget. Investment and list sections are skipped.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import BinaryIO

from sbp.core.errors import InvalidAmount
from sbp.core.importers.dates import DateColumn, pinned_column, settled_by_rows
from sbp.core.importers.qifcategories import sbp_category
from sbp.core.importers.rows import BadRow, Record, Row, SkippedRow, Statement
from sbp.core.importers.text import guess_encoding
from sbp.core.money import parse_amount

MAX_DESCRIPTION = 200
_TRANSACTIONS = ("bank", "ccard", "cash", "oth a", "oth l")
_LONGEST_FIELD = 4096


@dataclass
class _Entry:
    line: int
    fields: dict[str, str] = field(default_factory=dict)
    splits: list[dict[str, str]] = field(default_factory=list)


def read_qif(
    name: str, stream: BinaryIO, sample: bytes, mapping: Mapping[str, str], currency: str
) -> Statement:
    """A statement over a QIF file; its dates' day/month order is read from the first part of
    the file (Quicken writes month first) unless `--map dates=` pins it."""
    encoding = mapping.get("encoding") or guess_encoding(sample)
    guesses: list[str] = []
    dates = _date_order(sample.decode(encoding, errors="replace"), mapping.get("dates"), guesses)
    fixed = mapping.get("currency", "")
    reader = _QifReader(dates, fixed.upper() if len(fixed) == 3 else currency)
    text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
    statement = Statement(name, "qif", reader.records(text))
    statement.guesses.extend(guesses)
    return statement


def _date_order(text: str, pinned: str | None, guesses: list[str]) -> DateColumn:
    if pinned:
        return pinned_column(pinned)
    column = DateColumn()
    written = [_date_text(line[1:]) for line in text.splitlines() if line.startswith("D")]
    for value in written:
        column.observe(value)
        if column.decided:
            return column
    settled = settled_by_rows(written, guesses)
    if settled is not None:
        return settled
    guesses.append(
        "every QIF date fits month/day and day/month: read month first, as Quicken writes"
        " them (pin with --map dates=dd/mm/yyyy if not)"
    )
    return DateColumn("mdy")


def _date_text(text: str) -> str:
    """`2/10'2020`, `2/10' 0`, ` 2/10/20` as `2/10/2020`-like text the date parser reads."""
    return text.strip().replace("' ", "/").replace("'", "/").replace(" ", "")


@dataclass
class _Skipped:
    line: int
    what: str
    count: int = 0

    def row(self) -> SkippedRow:
        plural = "" if self.count == 1 else "s"
        return SkippedRow(self.line, f"{self.what} ({self.count} transaction{plural})")


class _QifReader:
    def __init__(self, dates: DateColumn, currency: str) -> None:
        self._dates = dates
        self._currency = currency

    def records(self, text: Iterable[str]) -> Iterator[Record]:
        section = "bank"
        skipping: _Skipped | None = None
        entry: _Entry | None = None
        for number, raw in enumerate(text, start=1):
            line = raw.strip()[:_LONGEST_FIELD]
            if not line:
                continue
            if line.startswith("!"):
                yield from self._rows(entry)
                entry = None
                if skipping is not None:
                    yield skipping.row()
                section = _section(line)
                skipping = _Skipped(number, "investment account") if section == "invst" else None
            elif section not in _TRANSACTIONS:
                if skipping is not None and line.startswith("^"):
                    skipping.count += 1
            elif line.startswith("^"):
                yield from self._rows(entry)
                entry = None
            else:
                entry = entry or _Entry(number)
                _add(entry, line[0], line[1:].strip())
        yield from self._rows(entry)
        if skipping is not None:
            yield skipping.row()

    def _rows(self, entry: _Entry | None) -> Iterator[Record]:
        if entry is None or not entry.fields:
            return
        fields, line = entry.fields, entry.line
        try:
            day = self._dates.parse(_date_text(fields.get("D", "")))
        except ValueError:
            yield BadRow(line, f"date '{fields.get('D', '')[:40]}' is not a date")
            return
        try:
            total = parse_amount(fields.get("T") or fields.get("U", ""), self._currency)
            parts = [
                (parse_amount(split.get("$", ""), self._currency).amount, split)
                for split in entry.splits
            ]
        except InvalidAmount as exc:
            yield BadRow(line, str(exc))
            return
        if not total.amount:
            yield SkippedRow(line, "zero amount")
            return
        payee = " ".join(fields.get("P", "").split())
        memo = " ".join(fields.get("M", "").split())
        number = fields.get("N", "").strip()
        description = payee or memo or (f"Check {number}" if number else "")
        if not description:
            yield BadRow(line, "the transaction has neither a payee (P) nor a memo (M)")
            return
        if not parts or sum(amount for amount, _ in parts) != total.amount:
            parts = [(total.amount, {"S": fields.get("L", "")})]
        kind = "CHECK" if number.isdigit() else number.upper()[:20]
        for amount, split in parts:
            if amount:
                note = " ".join(split.get("E", "").split()) or (memo if payee else "")
                yield Row(
                    line, day, -amount, total.currency, description[:MAX_DESCRIPTION],
                    category=sbp_category(split.get("S", "")), note=note, kind=kind,
                )  # fmt: skip


def _section(line: str) -> str:
    """`bank`, `ccard`, `invst`, ... for a `!Type:` line; `account` or `options` otherwise."""
    lowered = line.lower()
    if lowered.startswith("!type:"):
        return " ".join(lowered[6:].split())
    return "account" if lowered.startswith("!account") else "options"


def _add(entry: _Entry, code: str, value: str) -> None:
    if code == "S":
        entry.splits.append({"S": value})
    elif code in "E$" and entry.splits:
        entry.splits[-1].setdefault(code, value)
    else:
        entry.fields.setdefault(code, value)
