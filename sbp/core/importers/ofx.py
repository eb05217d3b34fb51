"""OFX and QFX statements (bank and credit-card), read with ofxtools rather than by hand.

OFX signs amounts from the account's side (a purchase is negative); sbp counts money spent as
positive, so every amount is turned around. The FITID is the bank's own transaction id.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import IO, Any

from ofxtools.Parser import OFXTree

from sbp.core.errors import InvalidInput
from sbp.core.importers.rows import BadRow, Row
from sbp.core.money import exponent

MAX_DESCRIPTION = 200


def read_ofx(stream: IO[bytes]) -> tuple[str, Iterator[Row | BadRow]]:
    """The statements' account id and rows; InvalidInput when the file is not valid OFX."""
    tree = OFXTree()
    try:
        tree.parse(stream)
        ofx = tree.convert()
    except Exception as exc:  # ofxtools raises many unrelated types for a broken file
        raise InvalidInput(f"cannot read the OFX file: {exc}") from None
    statements = list(ofx.statements)
    if not statements:
        raise InvalidInput("the OFX file holds no bank or card statement")
    account = str(getattr(statements[0].account, "acctid", "") or "")
    return account, _rows(statements)


def _rows(statements: list[Any]) -> Iterator[Row | BadRow]:
    number = 0
    for statement in statements:
        currency = str(statement.curdef or "USD")
        for transaction in statement.banktranlist or ():
            number += 1
            yield _row(number, transaction, currency)


def _row(number: int, transaction: Any, currency: str) -> Row | BadRow:
    amount: Decimal = -Decimal(transaction.trnamt)
    places = Decimal(1).scaleb(-exponent(currency))
    if amount != amount.quantize(places):
        return BadRow(number, f"amount {transaction.trnamt} has too many decimals")
    if not amount:
        return BadRow(number, "amount is zero: nothing to record")
    name = " ".join(str(transaction.name or "").split())
    memo = " ".join(str(transaction.memo or "").split())
    description = (name or memo)[:MAX_DESCRIPTION]
    if not description:
        return BadRow(number, "the transaction has neither a NAME nor a MEMO")
    return Row(
        line=number,
        date=transaction.dtposted.date(),
        amount=amount.quantize(places),
        currency=currency,
        description=description,
        bank_id=str(transaction.fitid or ""),
        note=memo if name and memo and memo != name else "",
    )
