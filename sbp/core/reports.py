"""What a report says about a period: totals, budgets against spending, where the money went.

Pure aggregation, no rendering (sbp.render draws it) and no I/O (the Planner streams expenses in).
Expenses arrive once, in date order, and each leaves only a small row behind, so a year of
100,000 expenses fits comfortably. For a calendar month the budget figures are exactly what
`sbp status` shows: the same `CategoryStatus` values over the same spending rules.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from sbp.core.budget import BudgetState, BudgetTotals, CategoryStatus, effective_budgets
from sbp.core.categorize import normalise
from sbp.core.model import NON_SPENDING, Budget, CategoryTotal, Expense, Notification
from sbp.core.money import exponent
from sbp.core.report_periods import ReportPeriod

TOP_MERCHANTS = 10
LARGEST_EXPENSES = 10
_ZERO = Decimal(0)


class Granularity(StrEnum):
    """The width of one bar in the spending-over-time chart."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"


def granularity_for(period: ReportPeriod) -> Granularity:
    """Days for up to two months, weeks for up to a year, months beyond."""
    if period.days.days <= 62:
        return Granularity.DAY
    if period.days.days <= 371:
        return Granularity.WEEK
    return Granularity.MONTH


def bucket_start(day: date, granularity: Granularity) -> date:
    """The first day of the bar that `day` falls in (weeks start on Monday, as ISO weeks do)."""
    if granularity is Granularity.WEEK:
        return day - timedelta(days=day.weekday())
    if granularity is Granularity.MONTH:
        return day.replace(day=1)
    return day


def is_spending(expense: Expense, currency: str) -> bool:
    """Counts towards the totals: the base currency, and not income or a transfer."""
    return expense.currency == currency and expense.category not in NON_SPENDING


def spending_of(totals: Iterable[CategoryTotal], currency: str) -> Decimal:
    """Total spending in the month aggregates, by the same rule as `is_spending`."""
    return sum(
        (t.spent for t in totals if t.currency == currency and t.category not in NON_SPENDING),
        _ZERO,
    )


@dataclass(frozen=True, slots=True)
class ExpenseLine:
    """One row of the report's full list of expenses."""

    id: str
    date: date
    description: str
    category: str
    amount: Decimal
    currency: str
    has_receipt: bool


@dataclass(frozen=True)
class CategorySpend:
    """Spending in one category over the period, with its share of the total."""

    category: str
    spent: Decimal
    count: int
    share: Decimal


@dataclass(frozen=True)
class TimelinePoint:
    """Spending in one day, week or month (the bar starting on `start`)."""

    start: date
    spent: Decimal


@dataclass(frozen=True)
class MerchantSpend:
    """Spending at one merchant; descriptions are grouped by their normalised form."""

    name: str
    spent: Decimal
    count: int


@dataclass(frozen=True)
class AlertLine:
    """A budget alert raised about the period."""

    raised_on: date
    message: str


@dataclass(frozen=True)
class ReportData:
    """Everything a report shows, in the base currency unless a row says otherwise."""

    period: ReportPeriod
    currency: str
    generated_at: datetime
    spent: Decimal
    previous_spent: Decimal
    budgets: tuple[CategoryStatus, ...]
    categories: tuple[CategorySpend, ...]
    granularity: Granularity
    timeline: tuple[TimelinePoint, ...]
    merchants: tuple[MerchantSpend, ...]
    largest: tuple[ExpenseLine, ...]
    alerts: tuple[AlertLine, ...]
    expenses: tuple[ExpenseLine, ...]
    other_currencies: Mapping[str, Decimal]

    @property
    def generated(self) -> str:
        """When the report was made, as every rendering says it: to the minute, with the zone
        (`2026-11-23 09:30 UTC`), so the same data gives the same document within a minute."""
        return self.generated_at.strftime("%Y-%m-%d %H:%M %Z").strip()

    @property
    def is_empty(self) -> bool:
        return not self.expenses

    @property
    def budget_totals(self) -> BudgetTotals:
        """The period's budgets added up, as `sbp status` adds up a month's."""
        return BudgetTotals.of(self.budgets)

    @property
    def budgeted(self) -> Decimal:
        return self.budget_totals.budgeted

    @property
    def remaining(self) -> Decimal:
        """What is left of the budgets together (see `BudgetTotals.remaining`)."""
        return self.budget_totals.remaining

    @property
    def change(self) -> Decimal:
        """Spending against the previous period of the same length."""
        return self.spent - self.previous_spent

    @property
    def change_percent(self) -> Decimal | None:
        """The change as a percentage of the previous period; None when that was zero."""
        if self.previous_spent == 0:
            return None
        return (self.change * 100 / self.previous_spent).quantize(Decimal("0.1"))

    @property
    def over_budget(self) -> tuple[CategoryStatus, ...]:
        return tuple(b for b in self.budgets if b.state is BudgetState.OVER)


def period_budgets(
    budgets: Iterable[Budget], period: ReportPeriod, currency: str
) -> dict[str, Decimal]:
    """Each category's limit over the period: monthly limits, in proportion for partial months."""
    chosen = list(budgets)
    step = Decimal(1).scaleb(-exponent(currency))
    limits: dict[str, Decimal] = {}
    for month, covered in period.month_coverage():
        for category, budget in effective_budgets(chosen, month).items():
            share = budget.limit
            if covered != month.days:
                share = (budget.limit * covered / month.days).quantize(step)
            limits[category] = limits.get(category, _ZERO) + share
    return limits


def alerts_in(notifications: Iterable[Notification], period: ReportPeriod) -> tuple[AlertLine, ...]:
    """Alerts raised during the period, and those about a month the period wholly covers.

    An alert about November raised on 2 December (a late import) belongs in November's report;
    a week's report keeps only what was raised that week.
    """
    whole = {month for month, covered in period.month_coverage() if covered == month.days}
    found = [
        AlertLine(n.created_at.date(), n.message)
        for n in notifications
        if n.created_at.date() in period.days or n.month in whole
    ]
    return tuple(sorted(found, key=lambda a: (a.raised_on, a.message)))


class _Tally:
    """A running total and count, updated in place while expenses stream past."""

    __slots__ = ("count", "name", "spent")

    def __init__(self, name: str) -> None:
        self.name = name
        self.spent = _ZERO
        self.count = 0

    def count_in(self, amount: Decimal) -> None:
        self.spent += amount
        self.count += 1


class ReportBuilder:
    """Collects a period's expenses one at a time, then makes the `ReportData`."""

    def __init__(self, period: ReportPeriod, currency: str) -> None:
        self.period = period
        self.currency = currency
        self.granularity = granularity_for(period)
        self._lines: list[ExpenseLine] = []
        self._spent = _ZERO
        self._by_category: dict[str, _Tally] = {}
        self._by_bucket: dict[date, Decimal] = {}
        self._merchants: dict[str, _Tally] = {}
        self._merchant_keys: dict[str, str] = {}
        self._other: dict[str, Decimal] = {}

    def add(self, expense: Expense) -> None:
        """Count one expense of the period (they arrive oldest first)."""
        line = ExpenseLine(
            expense.id,
            expense.date,
            expense.description,
            expense.category,
            expense.amount,
            expense.currency,
            expense.receipt_key is not None,
        )
        self._lines.append(line)
        if expense.category in NON_SPENDING:
            return
        if expense.currency != self.currency:
            self._other[expense.currency] = self._other.get(expense.currency, _ZERO) + line.amount
            return
        self._count(line)

    def _count(self, line: ExpenseLine) -> None:
        self._spent += line.amount
        self._by_category.setdefault(line.category, _Tally(line.category)).count_in(line.amount)
        bucket = bucket_start(line.date, self.granularity)
        self._by_bucket[bucket] = self._by_bucket.get(bucket, _ZERO) + line.amount
        key = self._merchant_key(line.description)
        # a merchant is shown as the first description seen for it: real words, not the key
        self._merchants.setdefault(key, _Tally(line.description)).count_in(line.amount)

    def _merchant_key(self, description: str) -> str:
        key = self._merchant_keys.get(description)
        if key is None:
            key = normalise(description) or description.lower()
            self._merchant_keys[description] = key
        return key

    def finish(
        self,
        budgets: Iterable[Budget],
        alerts: Iterable[AlertLine],
        previous_spent: Decimal,
        generated_at: datetime,
    ) -> ReportData:
        """The report, given the period's budgets, its alerts and the previous period's spending."""
        return ReportData(
            period=self.period,
            currency=self.currency,
            generated_at=generated_at,
            spent=self._spent,
            previous_spent=previous_spent,
            budgets=self._budget_lines(budgets),
            categories=self._categories(),
            granularity=self.granularity,
            timeline=self._timeline(),
            merchants=self._top_merchants(),
            largest=self._largest(),
            alerts=tuple(alerts),
            expenses=tuple(self._lines),
            other_currencies=dict(sorted(self._other.items())),
        )

    def _budget_lines(self, budgets: Iterable[Budget]) -> tuple[CategoryStatus, ...]:
        limits = period_budgets(budgets, self.period, self.currency)
        return tuple(
            CategoryStatus(name, self._category_spent(name), limit, self.currency)
            for name, limit in sorted(limits.items())
        )

    def _category_spent(self, name: str) -> Decimal:
        tally = self._by_category.get(name)
        return tally.spent if tally else _ZERO

    def _categories(self) -> tuple[CategorySpend, ...]:
        rows = sorted(self._by_category.values(), key=lambda t: (-t.spent, t.name))
        return tuple(CategorySpend(t.name, t.spent, t.count, self._share(t.spent)) for t in rows)

    def _share(self, spent: Decimal) -> Decimal:
        if self._spent <= 0:
            return _ZERO
        return (spent * 100 / self._spent).quantize(Decimal("0.1"))

    def _timeline(self) -> tuple[TimelinePoint, ...]:
        points = []
        day = bucket_start(self.period.days.start, self.granularity)
        final = bucket_start(self.period.days.end, self.granularity)
        while True:
            points.append(TimelinePoint(day, self._by_bucket.get(day, _ZERO)))
            if day == final:  # checked before stepping: the last day of 9999 has no next
                return tuple(points)
            day = _next_bucket(day, self.granularity)

    def _top_merchants(self) -> tuple[MerchantSpend, ...]:
        rows = sorted(self._merchants.values(), key=lambda t: (-t.spent, -t.count, t.name))
        return tuple(MerchantSpend(t.name, t.spent, t.count) for t in rows[:TOP_MERCHANTS])

    def _largest(self) -> tuple[ExpenseLine, ...]:
        spending = (line for line in self._lines if self._counts(line))
        return tuple(heapq.nlargest(LARGEST_EXPENSES, spending, key=lambda line: line.amount))

    def _counts(self, line: ExpenseLine) -> bool:
        return line.currency == self.currency and line.category not in NON_SPENDING


def _next_bucket(day: date, granularity: Granularity) -> date:
    if granularity is Granularity.DAY:
        return day + timedelta(days=1)
    if granularity is Granularity.WEEK:
        return day + timedelta(days=7)
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)
