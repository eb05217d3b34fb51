"""Where a month stands against its budgets: spent, limit, remaining, a safe daily amount.

Computed from the month's aggregates (one total per category), never from the expenses
themselves, so it costs the same with a thousand expenses or a million.
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each string annotation
# of its fields when the class is made, which costs every run of sbp start-up time.

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum
from typing import NamedTuple

from sbp.core.errors import NotFound
from sbp.core.model import NON_SPENDING, Budget, CategoryTotal
from sbp.core.money import exponent
from sbp.core.periods import Month


class BudgetState(StrEnum):
    """How a budgeted category is doing; front ends colour by it."""

    FINE = "fine"
    WARNING = "warning"
    OVER = "over"


WARNING_PERCENT = Decimal(80)


class CategoryStatus(NamedTuple):
    """One budgeted category in one month."""

    category: str
    spent: Decimal
    limit: Decimal
    currency: str

    @property
    def remaining(self) -> Decimal:
        """The limit less what was spent: below zero once the category is over."""
        return self.limit - self.spent

    @property
    def over(self) -> Decimal:
        """How far spending went past the limit (zero while within it)."""
        return max(self.spent - self.limit, Decimal(0))

    @property
    def percent(self) -> Decimal:
        """Spent as a percentage of the limit, one decimal place; 0 limit counts as 100%."""
        if self.limit <= 0:
            return Decimal(100) if self.spent > 0 else Decimal(0)
        return (self.spent * 100 / self.limit).quantize(Decimal("0.1"))

    @property
    def state(self) -> BudgetState:
        if self.spent > self.limit:
            return BudgetState.OVER
        if self.percent >= WARNING_PERCENT:
            return BudgetState.WARNING
        return BudgetState.FINE


class BudgetTotals(NamedTuple):
    """Several budgets added up: the one definition of "remaining" that the CLI, the TUI, the
    reports and their JSON all show, with the overspending beside it rather than hidden in it."""

    budgeted: Decimal
    spent: Decimal
    over: Decimal
    """What the categories past their limit spent beyond it, added up."""
    over_categories: tuple[str, ...]

    @property
    def remaining(self) -> Decimal:
        """What is left of the budgets together: budgeted less spent, so one category's
        overspending uses up what the others have left; below zero once they are all spent."""
        return self.budgeted - self.spent

    @classmethod
    def of(cls, statuses: Iterable[CategoryStatus]) -> "BudgetTotals":
        """The totals of these categories' budgets."""
        chosen = tuple(statuses)
        over = tuple(status for status in chosen if status.state is BudgetState.OVER)
        return cls(
            sum((status.limit for status in chosen), Decimal(0)),
            sum((status.spent for status in chosen), Decimal(0)),
            sum((status.over for status in over), Decimal(0)),
            tuple(status.category for status in over),
        )


class MonthStatus(NamedTuple):
    """The whole month: every budgeted category plus what falls outside the budgets."""

    month: Month
    currency: str
    categories: tuple[CategoryStatus, ...]
    unbudgeted: Mapping[str, Decimal]
    other_currencies: Mapping[str, Decimal]
    days_left: int

    @property
    def budget_totals(self) -> BudgetTotals:
        """The month's budgets added up: budgeted, spent, remaining and over budget."""
        return BudgetTotals.of(self.categories)

    @property
    def budgeted(self) -> Decimal:
        return self.budget_totals.budgeted

    @property
    def spent_budgeted(self) -> Decimal:
        return self.budget_totals.spent

    @property
    def unbudgeted_total(self) -> Decimal:
        return sum(self.unbudgeted.values(), Decimal(0))

    @property
    def total(self) -> Decimal:
        return self.spent_budgeted + self.unbudgeted_total

    @property
    def remaining(self) -> Decimal:
        """What is left of the budgets together (see `BudgetTotals.remaining`)."""
        return self.budget_totals.remaining

    @property
    def safe_daily(self) -> Decimal:
        """What can be spent each remaining day and keep the budgets together within their
        total (and every budget not already over within its own); zero once nothing is left."""
        if self.days_left <= 0 or self.remaining <= 0:
            return Decimal(0)
        step = Decimal(1).scaleb(-exponent(self.currency))
        return (self.remaining / self.days_left).quantize(step, rounding=ROUND_DOWN)

    def category(self, name: str) -> CategoryStatus:
        """The status of one budgeted category."""
        for status in self.categories:
            if status.category == name:
                return status
        raise NotFound(f"no budget for category '{name}' in {self.month}")

    def find(self, name: str) -> CategoryStatus | None:
        """The status of one category, or None when it has no budget."""
        return next((c for c in self.categories if c.category == name), None)


def effective_budgets(budgets: Iterable[Budget], month: Month) -> dict[str, Budget]:
    """The limit in force per category: a budget for this month beats an every-month budget."""
    chosen: dict[str, Budget] = {}
    for budget in budgets:
        if budget.month is not None and budget.month != month:
            continue
        current = chosen.get(budget.category)
        if current is None or (current.month is None and budget.month is not None):
            chosen[budget.category] = budget
    return chosen


def month_status(
    month: Month,
    currency: str,
    budgets: Iterable[Budget],
    totals: Iterable[CategoryTotal],
    today: date,
) -> MonthStatus:
    """Combine the month's budgets and aggregates into what `sbp status` shows."""
    limits = effective_budgets(budgets, month)
    spent: dict[str, Decimal] = {}
    other: dict[str, Decimal] = {}
    for total in totals:
        if total.category in NON_SPENDING:
            continue
        if total.currency != currency:
            other[total.currency] = other.get(total.currency, Decimal(0)) + total.spent
            continue
        spent[total.category] = spent.get(total.category, Decimal(0)) + total.spent
    statuses = tuple(
        CategoryStatus(name, spent.get(name, Decimal(0)), budget.limit, currency)
        for name, budget in sorted(limits.items())
    )
    unbudgeted = {name: value for name, value in sorted(spent.items()) if name not in limits}
    return MonthStatus(month, currency, statuses, unbudgeted, other, month.days_left(today))
