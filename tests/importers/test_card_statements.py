"""Card statements, where spending is positive: a file with as many payments and credits as
purchases is still read the card's way round, from the words every card statement uses for
money in, and a card's own transaction date is the expense's date, not the day it posted."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest

from sbp.core.importers.detect import read_statement
from sbp.core.importers.rows import Row

DISCOVER = """\
Trans. Date,Post Date,Description,Amount,Category
11/02/2026,11/03/2026,SHELL OIL 57444,40.00,Gasoline
11/05/2026,11/05/2026,INTERNET PAYMENT - THANK YOU,-500.00,Payments and Credits
11/07/2026,11/09/2026,TRADER JOE S #552,63.10,Supermarkets
11/10/2026,11/10/2026,STATEMENT CREDIT,-10.00,Awards and Rebate Credits
"""
AMEX = """\
Date,Description,Amount
11/02/2026,BLUE BOTTLE COFFEE OAKLAND,6.50
11/04/2026,PAYMENT RECEIVED - THANK YOU,-250.00
"""
CITI = """\
Status,Date,Description,Debit,Credit
Cleared,11/02/2026,WHOLEFDS MKT 10234,54.21,
Cleared,11/06/2026,"ONLINE PAYMENT, THANK YOU",,-300.00
"""


def rows(text: str) -> list[tuple[date, Decimal, str]]:
    statement = read_statement("card.csv", io.BytesIO(text.encode()), {}, "USD")
    return [(r.date, r.amount, r.description) for r in statement.rows if isinstance(r, Row)]


def test_a_card_file_with_as_many_credits_as_purchases_keeps_spending_positive() -> None:
    assert rows(DISCOVER) == [
        (date(2026, 11, 2), Decimal("40.00"), "SHELL OIL 57444"),
        (date(2026, 11, 5), Decimal("-500.00"), "INTERNET PAYMENT - THANK YOU"),
        (date(2026, 11, 7), Decimal("63.10"), "TRADER JOE S #552"),
        (date(2026, 11, 10), Decimal("-10.00"), "STATEMENT CREDIT"),
    ]


@pytest.mark.parametrize("text", [AMEX, CITI], ids=["amex", "citi"])
def test_a_card_payment_is_money_in(text: str) -> None:
    [purchase, payment] = rows(text)

    assert purchase[1] > 0 > payment[1]
