"""Expenses written out as CSV, JSON, a ledger/hledger journal or a beancount file.

Pure text from expenses, streamed in chunks so a large store is never held in memory. CSV and
JSON carry everything `sbp import` needs to rebuild the same expenses, ids and all (a round
trip: see `sbp.core.importers.restore`; CSV cells that a spreadsheet would run as formulas are
marked as text, see `sbp.core.spreadsheet`); the
journal formats turn each expense into a two-posting transaction against `Assets:Bank`.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator

from sbp.core.model import Expense
from sbp.core.money import plain
from sbp.core.spreadsheet import safe_cell

FORMATS = ("csv", "json", "ledger", "beancount")
CSV_FIELDS = ("date", "amount", "currency", "description", "category", "note", "id")
"""The columns every sbp CSV export starts with: `sbp import` knows its own exports by them."""
RESTORE_FIELDS = ("category_source", "account", "import_key")
"""The columns after them: what else `sbp import` needs to restore each expense as it was (the
layer that chose its category, its account, and the key its bank file knows it by)."""
BANK_ACCOUNT = "Assets:Bank"
_CHUNK = 1000
_WORD = re.compile(r"[A-Za-z0-9]+")


def export(fmt: str, expenses: Iterable[Expense], categories: Iterable[str] = ()) -> Iterator[str]:
    """The text of `expenses` in `fmt`, in chunks; beancount needs every category up front."""
    if fmt == "csv":
        return _csv(expenses)
    if fmt == "json":
        return _json(expenses)
    if fmt == "ledger":
        return _chunked(_ledger_entry(e) for e in expenses)
    if fmt == "beancount":
        return _beancount(expenses, categories)
    raise ValueError(f"unknown export format {fmt!r}")


def _record(expense: Expense) -> dict[str, str]:
    return {
        "date": expense.date.isoformat(),
        "amount": plain(expense.amount, expense.currency),
        "currency": expense.currency,
        "description": expense.description,
        "category": expense.category,
        "note": expense.note,
        "id": expense.id,
        "category_source": expense.category_source.value,
        "account": expense.account,
        "import_key": expense.import_fingerprint or "",
    }


def _csv(expenses: Iterable[Expense]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    fields = CSV_FIELDS + RESTORE_FIELDS
    writer.writerow(fields)
    for count, expense in enumerate(expenses, start=1):
        record = _record(expense)
        writer.writerow([safe_cell(record[name]) for name in fields])
        if count % _CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _json(expenses: Iterable[Expense]) -> Iterator[str]:
    yield '{"sbp_export": 1, "expenses": ['
    separator = "\n  "
    for expense in expenses:
        yield separator + json.dumps(_record(expense), ensure_ascii=False)
        separator = ",\n  "
    yield "\n]}\n"


def _chunked(pieces: Iterable[str]) -> Iterator[str]:
    batch: list[str] = []
    for piece in pieces:
        batch.append(piece)
        if len(batch) >= _CHUNK:
            yield "".join(batch)
            batch.clear()
    yield "".join(batch)


def account_for(category: str) -> str:
    """The journal account of a category: `Expenses:Phone-Internet`, `Income:General`, ..."""
    if category == "income":
        return "Income:General"
    if category == "transfer":
        return "Equity:Transfers"
    ascii_name = unicodedata.normalize("NFKD", category).encode("ascii", "ignore").decode()
    words = [word[:1].upper() + word[1:] for word in _WORD.findall(ascii_name)]
    return "Expenses:" + ("-".join(words) or "Other")


def _ledger_entry(expense: Expense) -> str:
    payee = expense.description.replace(";", ",")
    if payee[:1] in "(*!":
        payee = "[" + payee[1:] if payee[0] == "(" else payee[1:].lstrip() or "-"
    lines = [f"{expense.date.isoformat()} {payee}"]
    if expense.note:
        lines.append(f"    ; {' '.join(expense.note.split())}")
    amount = plain(expense.amount, expense.currency)
    lines.append(f"    {account_for(expense.category)}  {amount} {expense.currency}")
    lines.append(f"    {BANK_ACCOUNT}")
    return "\n".join(lines) + "\n\n"


def _quoted(text: str) -> str:
    return '"' + " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _beancount(expenses: Iterable[Expense], categories: Iterable[str]) -> Iterator[str]:
    accounts = sorted({BANK_ACCOUNT, *(account_for(c) for c in categories)})
    yield "".join(f"1900-01-01 open {account}\n" for account in accounts) + "\n"
    yield from _chunked(_beancount_entry(e) for e in expenses)


def _beancount_entry(expense: Expense) -> str:
    lines = [f"{expense.date.isoformat()} * {_quoted(expense.description)}"]
    lines.append(f'  sbp_id: "{expense.id}"')
    if expense.note:
        lines.append(f"  memo: {_quoted(expense.note)}")
    amount = plain(expense.amount, expense.currency)
    lines.append(f"  {account_for(expense.category)}  {amount} {expense.currency}")
    lines.append(f"  {BANK_ACCOUNT}")
    return "\n".join(lines) + "\n\n"
