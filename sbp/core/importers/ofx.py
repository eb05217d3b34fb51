"""OFX and QFX statements (bank and credit-card, OFX 1 and 2), read tolerantly and as a stream.

OFX signs amounts from the account's side (a purchase is negative); sbp counts money spent as
positive, so every amount is turned around. The FITID is the bank's own transaction id, the
TRNTYPE its kind of transaction, the SIC its merchant category code. Dates are the bank's own
day as written, whatever time zone follows them. Investment statements are skipped and named.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from itertools import chain
from typing import BinaryIO

from sbp.core.errors import InvalidAmount, InvalidInput
from sbp.core.importers.ofxscan import OfxScan, Skipped, Transaction
from sbp.core.importers.ofxtokens import ofx_text, tokens
from sbp.core.importers.rows import BadRow, Record, Row, SkippedRow
from sbp.core.importers.text import sample_of
from sbp.core.money import Money, check_currency, exponent, parse_amount

MAX_DESCRIPTION = 200
_DATE = re.compile(r"\s*([0-9]{4})([0-9]{2})([0-9]{2})")
_MCC = re.compile(r"[0-9]{4}")
_PLAIN = re.compile(r"-?[0-9]{1,9}\.[0-9][0-9]\Z")  # far below the cap, exact in cents
# what a transaction with neither a name nor a memo is called, by its TRNTYPE
_KIND_NAMES = {
    "ATM": "ATM withdrawal", "CHECK": "Check", "CASH": "Cash withdrawal", "FEE": "Bank fee",
    "SRVCHG": "Service charge", "INT": "Interest", "DIV": "Dividend", "DEP": "Deposit",
    "DIRECTDEP": "Direct deposit", "DIRECTDEBIT": "Direct debit", "XFER": "Transfer",
    "PAYMENT": "Payment", "POS": "Card payment", "REPEATPMT": "Standing order",
    "CREDIT": "Credit", "DEBIT": "Debit",
}  # fmt: skip


def read_ofx(stream: BinaryIO, currency: str) -> tuple[str, Iterator[Record]]:
    """The file's account id (its first bank or card statement's) and its records, read as
    they are needed; InvalidInput when the file holds no bank or card statement.

    `currency` is for statements that name none (CURDEF is required, but not always there).
    """
    sample, whole = sample_of(stream)
    scan = OfxScan()
    items = scan.transactions(tokens(ofx_text(whole, sample)))
    ahead: list[Transaction | Skipped] = []
    for item in items:  # read on to the first transaction: the account is known by then
        ahead.append(item)
        if isinstance(item, Transaction):
            break
    if not scan.statements:
        raise InvalidInput(_nothing_to_import(ahead))
    records = (_record(item, currency) for item in chain(ahead, items))
    return scan.account, records


def _nothing_to_import(skipped: list[Transaction | Skipped]) -> str:
    sections = [item.reason() for item in skipped if isinstance(item, Skipped)]
    if sections:
        return f"the OFX file holds no bank or card statement, only: {'; '.join(sections)}"
    return "the file holds no bank or card statement: is it an OFX or QFX export?"


def _record(item: Transaction | Skipped, default_currency: str) -> Record:
    if isinstance(item, Skipped):
        return SkippedRow(item.line, item.reason())
    fields, line = item.fields, item.line
    try:
        currency = check_currency(
            fields.get("CURRENCY.CURSYM") or item.currency or default_currency
        )
        money = _amount(fields.get("TRNAMT", ""), currency)
    except InvalidAmount as exc:
        return BadRow(line, str(exc))
    written = fields.get("DTPOSTED") or fields.get("DTUSER") or fields.get("DTAVAIL", "")
    day = _day(written)
    if day is None:
        reason = (
            f"date '{written[:40]}' is not a date" if written else "the transaction has no date"
        )
        return BadRow(line, reason)
    if not money.amount:
        return SkippedRow(line, "zero amount")
    name = _folded(fields.get("NAME") or fields.get("PAYEE.NAME", ""))
    memo = _folded(fields.get("MEMO", ""))
    kind = fields.get("TRNTYPE", "").upper()[:20]
    description = name or memo or _named_by_kind(kind, fields.get("CHECKNUM", ""))
    mcc = fields.get("SIC", "").strip()
    return Row(
        line=line,
        date=day,
        amount=-money.amount,
        currency=money.currency,
        description=description[:MAX_DESCRIPTION],
        bank_id=fields.get("FITID", "")[:255],
        note=memo if name and memo and memo != name else "",
        kind=kind,
        mcc=mcc if _MCC.fullmatch(mcc) else None,
    )


def _amount(text: str, currency: str) -> Money:
    """The amount as `sbp add` reads it; the common `-12.50` without the general parser."""
    if exponent(currency) == 2 and _PLAIN.match(text):
        return Money(Decimal(text), currency)
    return parse_amount(text, currency)


def _day(text: str) -> date | None:
    found = _DATE.match(text)
    if found is None:
        return None
    try:
        return date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return None


def _folded(text: str) -> str:
    return " ".join(text.split())


def _named_by_kind(kind: str, check_number: str) -> str:
    name = _KIND_NAMES.get(kind, kind.capitalize() or "Transaction")
    number = _folded(check_number)
    return f"{name} {number}" if number else name
