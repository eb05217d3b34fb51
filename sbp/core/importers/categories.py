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

from sbp.core.categorize import Categorizer, Choice, clean
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
        self._merchants_spent: set[str] = set()

    def choose(
        self,
        description: str,
        money_in: bool,
        given: str = "",
        *,
        kind: str | None = None,
        mcc: str | int | None = None,
    ) -> Choice:
        """The category of an imported row; `given` is a category the file itself names,
        `kind` the bank's transaction type and `mcc` its merchant category code."""
        if given:
            chosen = self._given(description, given)
            if chosen is not None:
                return chosen
        return self.choose_all((description,), (money_in,), (kind,), (mcc,))[0]

    def choose_all(
        self,
        descriptions: Sequence[str],
        money_in: Iterable[bool],
        kinds: Sequence[str | None] | None = None,
        mccs: Sequence[str | int | None] | None = None,
    ) -> list[Choice]:
        """The categories of many rows that name none themselves, in order; `kinds` and
        `mccs` are the columns of transaction types and merchant category codes, if any."""
        count = len(descriptions)
        keys = list(
            zip(
                descriptions,
                money_in,
                kinds if kinds is not None else repeat(None, count),
                mccs if mccs is not None else repeat(None, count),
                strict=True,
            )
        )
        decided = list(map(self._decided.__getitem__, keys))
        spent = self._merchants_spent
        spent.update(merchant for _, merchant, is_in in decided if merchant and not is_in)
        return [choice if not is_in else _credit(choice, merchant, spent)
                for choice, merchant, is_in in decided]  # fmt: skip

    def _given(self, description: str, given: str) -> Choice | None:
        name = " ".join(given.lower().split())
        if self._own or name in _SBP_CATEGORIES:
            return self._categorizer.categorize(description, given)
        mapped = BANK_CATEGORIES.get(name)
        if mapped is None:
            return None
        return Choice(mapped, CategorySource.BANK, f"the bank's category '{given.strip()}'")


Decided = tuple[Choice, str, bool]
"""A row's category before the evidence of other rows, the merchant it names, money in."""


def _decide(
    categorizer: Categorizer, key: tuple[str, bool, str | None, str | int | None]
) -> Decided:
    """What one (description, money in, kind, mcc) is, on its own."""
    description, money_in, kind, mcc = key
    choice = categorizer.categorize(description, kind=kind, mcc=mcc, money_in=money_in)
    text = clean(description)
    merchant = categorizer.merchant_of(text) or text
    if choice.source in _USER_LAYERS or choice.category in NON_SPENDING:
        return choice, merchant, money_in
    if _TRANSFER.search(text):
        return Choice("transfer", CategorySource.DEFAULT, "looks like a transfer"), "", money_in
    if money_in and _INCOME.search(text):
        return Choice("income", CategorySource.DEFAULT, "looks like income"), "", money_in
    if money_in and choice.category != "other" and _REFUND.search(text):
        return choice._replace(reason=f"a refund: {choice.reason}"), "", False
    return choice, merchant, money_in


def _credit(choice: Choice, merchant: str, spent: set[str]) -> Choice:
    """Money in: a refund where the file also spent at that merchant, otherwise income."""
    if choice.source in _USER_LAYERS or choice.category in NON_SPENDING:
        return choice
    if choice.category != "other" and merchant in spent:
        return choice._replace(reason=f"a refund (spent at {merchant} too): {choice.reason}")
    return Choice("income", CategorySource.DEFAULT, "money in, not a refund of spending here")
