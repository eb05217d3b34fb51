"""Categories for imported rows: the same layered categorizer as `sbp add`, plus money coming in.

A bank file also holds salary, transfers and refunds. The person's own rules and corrections
still win; then transfers (either way) go to `transfer` and salary-like credits to `income`,
which never count as spending; a credit from a merchant the keywords know (a refund) keeps that
merchant's category, so it reduces the category's spending; any other credit is `income`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import partial

from sbp.core.categorize import Categorizer, Choice, normalise
from sbp.core.importers.remembered import Remembered
from sbp.core.model import CategorySource

_TRANSFER = re.compile(
    r"\b(?:transfer|xfer|zelle|venmo|überweisung|umbuchung|dauerauftrag|standing order|"
    r"payment thank you|payment received|autopay|credit card payment|own account)\b"
)
_INCOME = re.compile(
    r"\b(?:salary|payroll|wages?|direct dep(?:osit)?|dir dep|gehalt|lohn|bonus|pension|"
    r"dividends?|interest paid|interest earned|zinsen|tax refund|paycheck|income)\b"
)
_CACHE_LIMIT = 50_000
_USER_LAYERS = (CategorySource.RULE, CategorySource.LEARNED, CategorySource.USER)


class ImportCategorizer:
    """Categorizes many rows quickly: one categorizer, and each description decided once."""

    def __init__(self, categorizer: Categorizer) -> None:
        self._categorizer = categorizer
        # by (description, money in); made without a reference back to self (no cycle)
        self._decided = Remembered(partial(_decide, categorizer), _CACHE_LIMIT)

    def choose(self, description: str, money_in: bool, given: str = "") -> Choice:
        """The category of an imported row; `given` is a category the file itself names."""
        if given:
            return self._categorizer.categorize(description, given)
        return self.choose_all((description,), (money_in,))[0]

    def choose_all(self, descriptions: Iterable[str], money_in: Iterable[bool]) -> list[Choice]:
        """The categories of many rows that name none themselves, in order."""
        return list(map(self._decided.__getitem__, zip(descriptions, money_in, strict=True)))


def _decide(categorizer: Categorizer, key: tuple[str, bool]) -> Choice:
    """The category of a row with this (description, money in) that names none itself."""
    description, money_in = key
    choice = categorizer.categorize(description)
    if choice.source in _USER_LAYERS:
        return choice
    text = normalise(description)
    if _TRANSFER.search(text):
        return Choice("transfer", CategorySource.DEFAULT, "looks like a transfer")
    if not money_in:
        return choice
    if _INCOME.search(text):
        return Choice("income", CategorySource.DEFAULT, "looks like income")
    if choice.category != "other":
        return choice  # a refund from a merchant: it lowers that category's spending
    return Choice("income", CategorySource.DEFAULT, "money in from no known merchant")
