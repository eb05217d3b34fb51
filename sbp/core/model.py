"""The things sbp keeps: expenses, budgets, rules, notifications.

Immutable `typing.NamedTuple` records; changing one means making a new one with `._replace`,
so a value handed to a front end can never be changed behind the store's back. NamedTuples
rather than frozen dataclasses because every `sbp add` creates these classes at start-up, and a
frozen dataclass costs several times as much to create. Being tuples, they also compare equal to
a plain tuple of the same values and iterate over their fields: compare records of one type only,
and turn them into JSON field by field (`sbp.cli.output`), never whole.
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each string annotation
# of its fields when the class is made, which costs every run of sbp start-up time.

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from sbp.core.periods import Month

NON_SPENDING = frozenset({"income", "transfer"})
"""Categories whose money is never counted as spending (salary, moving money between accounts)."""


class CategorySource(StrEnum):
    """Which layer of the categorizer chose an expense's category."""

    USER = "user"
    RULE = "rule"
    LEARNED = "learned"
    DEFAULT = "default"
    BANK = "bank"  # a code the bank gave: transaction type, merchant category code, category
    MERCHANT = "merchant"  # the merchant knowledge base
    MODEL = "model"  # the person's own model, learnt from their corrections and rules


class Expense(NamedTuple):
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
    account: str = ""
    """The bank account or card the money came from, by the name sbp knows it (see
    `sbp.core.accounts`); empty when none was given, as for expenses typed by hand."""

    @property
    def month(self) -> Month:
        return Month.of(self.date)


class Budget(NamedTuple):
    """A spending limit for a category, in one month or (month None) every month."""

    category: str
    limit: Decimal
    currency: str
    month: Month | None = None


class Rule(NamedTuple):
    """The user's own categorization rule: descriptions matching `pattern` go to `category`."""

    id: int
    pattern: str
    category: str
    is_regex: bool = False
    key: str = ""
    """The rule's name on every device (a ULID); rules are tried in the order of their keys."""


class CategoryTotal(NamedTuple):
    """Spending in one category and currency for one month, as the aggregates keep it."""

    category: str
    currency: str
    spent: Decimal
    count: int  # type: ignore[assignment]  # a field on purpose: it hides tuple.count


class Notification(NamedTuple):
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


class ExpenseQuery(NamedTuple):
    """What `list` asks the ledger for; every field narrows the result."""

    start: date | None = None
    end: date | None = None
    category: str | None = None
    search: str | None = None
    limit: int | None = None
    newest_first: bool = True
