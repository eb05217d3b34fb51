"""The things sbp keeps: expenses, budgets, rules, notifications.

Plain frozen dataclasses; changing one means making a new one with `dataclasses.replace`, so a
value handed to a front end can never be changed behind the store's back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sbp.core.periods import Month

NON_SPENDING = frozenset({"income", "transfer"})
"""Categories whose money is never counted as spending (salary, moving money between accounts)."""


class CategorySource(StrEnum):
    """Which layer of the categorizer chose an expense's category."""

    USER = "user"
    RULE = "rule"
    LEARNED = "learned"
    DEFAULT = "default"


@dataclass(frozen=True)
class Expense:
    """Money spent (a positive amount) or given back (a negative amount: a refund)."""

    id: str
    date: date
    amount: Decimal
    currency: str
    description: str
    category: str
    category_source: CategorySource
    created_at: datetime
    updated_at: datetime
    note: str = ""
    receipt_key: str | None = None
    import_fingerprint: str | None = None
    import_batch: str | None = None

    @property
    def month(self) -> Month:
        return Month.of(self.date)


@dataclass(frozen=True)
class Budget:
    """A spending limit for a category, in one month or (month None) every month."""

    category: str
    limit: Decimal
    currency: str
    month: Month | None = None


@dataclass(frozen=True)
class Rule:
    """The user's own categorization rule: descriptions matching `pattern` go to `category`."""

    id: int
    pattern: str
    category: str
    is_regex: bool = False


@dataclass(frozen=True)
class CategoryTotal:
    """Spending in one category and currency for one month, as the aggregates keep it."""

    category: str
    currency: str
    spent: Decimal
    count: int


@dataclass(frozen=True)
class Notification:
    """A budget alert: raised once per category, month and threshold (`dedupe_key`)."""

    id: str
    created_at: datetime
    kind: str
    message: str
    dedupe_key: str
    channel: str = "terminal"
    month: Month | None = None
    category: str | None = None
    read: bool = False


@dataclass(frozen=True)
class ExpenseQuery:
    """What `list` asks the ledger for; every field narrows the result."""

    start: date | None = None
    end: date | None = None
    category: str | None = None
    search: str | None = None
    limit: int | None = None
    newest_first: bool = True
