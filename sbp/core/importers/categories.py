"""Categories for imported rows: the same layered categorizer as `sbp add`, plus money coming in.

A bank file also holds salary, transfers, interest and refunds. The person's own rules and
corrections still win; then the bank's codes where the file has them (a transaction type, a
merchant category code), transfers (either way) go to `transfer`, and money coming in is judged
by evidence: a credit is a refund (keeping the merchant's category, so it lowers that category's
spending) only where the bank calls it one or the same merchant also appears as spending in the
file; regular credits from the same payer, interest and anything else are `income`. A bank's
own category column is mapped to sbp's categories, never copied in as a new category.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import partial
from itertools import repeat
from operator import attrgetter
from typing import NamedTuple

from sbp.core.categorize import Categorizer, Choice
from sbp.core.importers.remembered import Remembered
from sbp.core.keywords import EVERYDAY_CATEGORIES
from sbp.core.model import NON_SPENDING, CategorySource

_TRANSFER = re.compile(
    r"\b(?:transfer|xfer|zelle|venmo|uberweisung|umbuchung|dauerauftrag|standing order|"
    r"payment thank you|payment received|autopay|credit card payment|own account|"
    r"save the change|savings)\b"
)
_INCOME = re.compile(
    r"\b(?:salary|payroll|wages?|direct dep(?:osit)?|dir dep|gehalt|lohn|bonus|pension|"
    r"dividends?|interest|zinsen|tax refund|paycheck|income|bgc)\b"
)
_REFUND = re.compile(r"\b(?:refund|return|reversal|erstattung|remboursement|devolucion|rimborso)\b")
_CACHE_LIMIT = 50_000
_USER_LAYERS = (CategorySource.RULE, CategorySource.LEARNED, CategorySource.USER)
_SBP_CATEGORIES = frozenset(EVERYDAY_CATEGORIES) | NON_SPENDING

BANK_CATEGORIES: dict[str, str] = {
    "supermarkets": "groceries", "grocery": "groceries", "food and drink": "groceries",
    "lebensmittel": "groceries", "alimentation": "groceries", "eating out": "dining",
    "restaurants": "dining", "food & dining": "dining", "takeaway": "dining", "bars": "dining",
    "gas": "fuel", "gas & fuel": "fuel", "fuel": "fuel", "petrol": "fuel",
    "transportation": "transport", "auto & transport": "transport", "public transport": "transport",
    "travel": "travel", "holidays": "travel", "hotels": "travel", "flights": "travel",
    "bills": "utilities", "bills & utilities": "utilities", "utilities": "utilities",
    "phone": "phone & internet", "internet": "phone & internet", "mobile": "phone & internet",
    "health & fitness": "health", "health & beauty": "health", "medical": "health",
    "personal care": "shopping", "general": "shopping", "general merchandise": "shopping",
    "clothing": "shopping", "electronics": "shopping", "home": "housing", "household": "housing",
    "rent": "housing", "mortgage": "housing", "home improvement": "housing",
    "entertainment": "entertainment", "leisure": "entertainment", "media": "entertainment",
    "subscriptions": "subscriptions", "education": "education", "charity": "gifts",
    "gifts & donations": "gifts", "fees & charges": "fees", "bank fees": "fees",
    "cash": "cash", "atm": "cash", "cash & atm": "cash", "transfers": "transfer",
    "savings": "transfer", "income": "income", "salary": "income", "paycheck": "income",
}  # fmt: skip
"""Category names banks and card apps put in their exports, as sbp's categories."""


class ImportCategorizer:
    """Categorizes many rows quickly: one categorizer, and each description decided once."""

    def __init__(self, categorizer: Categorizer, own_categories: bool = False) -> None:
        """`own_categories`: the file is sbp's own export, whose categories are kept as they
        are (a bank's are mapped)."""
        self._categorizer = categorizer
        self._own = own_categories
        # by (description, money in, kind, mcc); made without a reference back to self
        self._decided = Remembered(partial(_decide, categorizer), _CACHE_LIMIT)
        self._merchants_spent: set[str] = set()  # by earlier blocks, so by earlier lines
        self._rows = 0  # rows handed over so far, the order of rows given without lines

    def choose(
        self,
        description: str,
        money_in: bool,
        given: str = "",
        line: int | None = None,
        *,
        kind: str | None = None,
        mcc: str | int | None = None,
    ) -> Choice:
        """The category of an imported row; `given` is a category the file itself names,
        `line` the row's line number, `kind` the bank's transaction type and `mcc` its
        merchant category code."""
        if given:
            chosen = self._given(description, given)
            if chosen is not None:
                return chosen
        at = None if line is None else (line,)
        return self.choose_all((description,), (money_in,), (kind,), (mcc,), at)[0]

    def choose_all(
        self,
        descriptions: Sequence[str],
        money_in: Iterable[bool],
        kinds: Sequence[str | None] | None = None,
        mccs: Sequence[str | int | None] | None = None,
        lines: Sequence[int] | None = None,
    ) -> list[Choice]:
        """The categories of many rows that name none themselves, in order; `kinds` and
        `mccs` are the columns of transaction types and merchant category codes, if any.

        Money in is a refund only where the file spent at the same merchant on an earlier line
        (`lines`, the rows' line numbers; their order here without them), so a file gives the
        same categories however its rows are handed over: all at once or a block at a time.
        """
        count = len(descriptions)
        keys = zip(
            descriptions,
            money_in,
            kinds if kinds is not None else repeat(None, count),
            mccs if mccs is not None else repeat(None, count),
            strict=True,
        )
        decided = list(map(self._decided.__getitem__, keys))
        distinct = set(decided)
        order = lines if lines is not None else range(self._rows, self._rows + count)
        self._rows += count
        if not any(row.refund is not None for row in distinct):  # the usual chunk: no credit
            self._merchants_spent.update(row.merchant for row in distinct if row.merchant)
            return list(map(_choice_of, decided))
        first_spent: dict[str, int] = {}
        for row, line in zip(decided, order, strict=True):
            if (
                row.merchant
                and row.refund is None
                and line < first_spent.get(row.merchant, line + 1)
            ):
                first_spent[row.merchant] = line
        earlier = self._merchants_spent
        chosen = [
            row.choice
            if row.refund is None
            or not (row.merchant in earlier or first_spent.get(row.merchant, line) < line)
            else row.refund
            for row, line in zip(decided, order, strict=True)
        ]
        earlier.update(first_spent)
        return chosen

    def _given(self, description: str, given: str) -> Choice | None:
        name = " ".join(given.lower().split())
        if self._own or name in _SBP_CATEGORIES:
            return self._categorizer.categorize(description, given)
        mapped = BANK_CATEGORIES.get(name)
        if mapped is None:
            return None
        return Choice(mapped, CategorySource.BANK, f"the bank's category '{given.strip()}'")


class Decided(NamedTuple):
    """What one row is on its own: its category, the merchant it names ("" for none) and, for
    money in that could be a refund, the category it has as one (else None)."""

    choice: Choice
    merchant: str
    refund: Choice | None = None


_choice_of = attrgetter("choice")
_INCOME_CHOICE = Choice("income", CategorySource.DEFAULT, "money in, not a refund of spending")


def _decide(
    categorizer: Categorizer, key: tuple[str, bool, str | None, str | int | None]
) -> Decided:
    """What one (description, money in, kind, mcc) is, on its own."""
    description, money_in, kind, mcc = key
    choice, text, merchant = categorizer.decide(description, kind=kind, mcc=mcc, money_in=money_in)
    if choice.source in _USER_LAYERS or choice.category in NON_SPENDING:
        return Decided(choice, "" if money_in else merchant or text)
    if _TRANSFER.search(text):
        return Decided(Choice("transfer", CategorySource.DEFAULT, "looks like a transfer"), "")
    if not money_in:
        return Decided(choice, merchant or text)
    if _INCOME.search(text):
        return Decided(Choice("income", CategorySource.DEFAULT, "looks like income"), "")
    if choice.category == "other":
        return Decided(_INCOME_CHOICE, "")
    if _REFUND.search(text):
        return Decided(choice._replace(reason=f"a refund: {choice.reason}"), "")
    refund = choice._replace(reason=f"a refund (spent there too): {choice.reason}")
    return Decided(_INCOME_CHOICE, merchant or text, refund)
