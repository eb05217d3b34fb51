"""The expenses sbp was least sure how to file, most money first: what `sbp categories
--review` asks a person to check, so that a few corrections fix what matters most."""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each string annotation
# of its fields when the class is made, which costs every run of sbp start-up time.

from datetime import timedelta
from decimal import Decimal
from typing import NamedTuple

from sbp.core.categorize import clean
from sbp.core.errors import InvalidInput
from sbp.core.model import CategorySource, Expense, ExpenseQuery
from sbp.planner.base import PlannerBase

_CHOSEN_BY_THE_PERSON = frozenset(
    (CategorySource.USER, CategorySource.RULE, CategorySource.LEARNED)
)


class ReviewItem(NamedTuple):
    """One merchant's expenses that sbp filed without being sure, and why it filed them so."""

    description: str  # the most recent description of the merchant's expenses
    merchant: str  # the cleaned description the expenses share
    category: str
    source: CategorySource
    reason: str
    expenses: int
    total: Decimal
    currency: str
    latest: str  # the id of the most recent of them, for `sbp edit ID -c CATEGORY`


class ReviewUseCases(PlannerBase):
    """The expenses sbp was least sure of."""

    def review(self, limit: int = 20, days: int = 90) -> list[ReviewItem]:
        """Merchants of the last `days` days filed under `other` or by a weak guess, in the
        store's currency, grouped by their cleaned description, most money first (`other`
        before weak guesses of the same amount)."""
        if limit < 1 or days < 1:
            raise InvalidInput("--limit and the number of days must be positive numbers")
        today = self.clock.today()
        query = ExpenseQuery(start=today - timedelta(days=days - 1), end=today, newest_first=False)
        groups: dict[str, tuple[Expense, int, Decimal]] = {}
        for expense in self.ledger.iter_expenses(query):
            if (
                expense.category_source in _CHOSEN_BY_THE_PERSON
                or expense.amount <= 0
                or expense.currency != self.base_currency
            ):
                continue
            key = clean(expense.description)
            _, count, total = groups.get(key, (expense, 0, Decimal(0)))
            groups[key] = (expense, count + 1, total + expense.amount)  # oldest first
        categorizer = self._categorizer()
        found: list[ReviewItem] = []
        for key, (latest, count, total) in groups.items():
            choice = categorizer.categorize(latest.description)
            if choice.source in _CHOSEN_BY_THE_PERSON:
                continue  # taught since: later expenses like these will follow
            if latest.category != "other" and not choice.weak:
                continue
            found.append(
                ReviewItem(
                    latest.description, key, latest.category, latest.category_source,
                    choice.reason, count, total, latest.currency, latest.id,
                )
            )  # fmt: skip
        found.sort(key=lambda item: (-item.total, item.category != "other", item.merchant))
        return found[:limit]
