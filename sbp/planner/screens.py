"""What screens left open all day (the TUI) need: pages, daily totals, checks as you type."""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each string annotation
# of its fields when the class is made, which costs every run of sbp start-up time.

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from sbp.core.categorize import category_name
from sbp.core.errors import InvalidInput
from sbp.core.model import NON_SPENDING, Expense, ExpenseQuery
from sbp.core.periods import DateRange, Month, parse_date
from sbp.planner.base import PlannerBase, clean_description

EXPENSE_ORDERS = ("date", "amount", "description", "category")


class ExpensePage(NamedTuple):
    """A slice of a long listing: the rows, where they start, and whether more follow."""

    rows: tuple[Expense, ...]
    offset: int
    has_more: bool


class ScreenUseCases(PlannerBase):
    """What screens left open all day (the TUI) need: pages, daily totals, checks as you type."""

    def expense_page(
        self,
        *,
        search: str | None = None,
        category: str | None = None,
        month: str | Month | None = None,
        order: str = "date",
        descending: bool = True,
        offset: int = 0,
        limit: int = 50,
    ) -> ExpensePage:
        """One page of expenses from every month (or one month), for tables too big to load."""
        if order not in EXPENSE_ORDERS:
            raise InvalidInput(f"cannot sort by '{order}': use {', '.join(EXPENSE_ORDERS)}")
        period = DateRange.of_month(self._month(month)) if month else None
        query = ExpenseQuery(
            start=period.start if period else None,
            end=period.end if period else None,
            category=category_name(category) if category and category.strip() else None,
            search=(search or "").strip() or None,
            limit=limit + 1,
            newest_first=descending,
        )
        rows = self.ledger.page(query, max(offset, 0), order)
        return ExpensePage(tuple(rows[:limit]), max(offset, 0), len(rows) > limit)

    def daily_spending(self, month: str | Month | None = None) -> list[tuple[date, Decimal]]:
        """Spending on each day of the month in the store's currency, income and transfers aside."""
        which = self._month(month)
        start = which.first_day.toordinal()
        days = {date.fromordinal(start + n): Decimal(0) for n in range(which.days)}
        for day, category, currency, spent in self.ledger.daily_totals(which):
            if category not in NON_SPENDING and currency == self.base_currency:
                days[day] += spent
        return sorted(days.items())

    def check_amount(self, text: str) -> Decimal:
        """What `text` means as an amount, or the error `add_expense` would raise for it."""
        return self._money(text, None)[0]

    def check_date(self, text: str) -> date:
        """What `text` means as a day, or the error `add_expense` would raise for it."""
        return parse_date(text, self.clock.today())

    def check_description(self, text: str) -> str:
        """The description as it would be stored, or the error `add_expense` would raise."""
        return clean_description(text)

    def outside_changes(self) -> int:
        """A number that moves when another process (another `sbp`) writes to the store."""
        return self.ledger.outside_changes()
