"""Reports over a period, built from streamed expenses and the monthly aggregates."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from sbp.core.model import ExpenseQuery
from sbp.planner.base import PlannerBase

if TYPE_CHECKING:  # reports are rare: keep their modules off the start-up path
    from sbp.core.report_periods import ReportPeriod
    from sbp.core.reports import ReportData


class ReportUseCases(PlannerBase):
    """Reports over a period, built from streamed expenses and the monthly aggregates."""

    def report_period(
        self,
        *,
        month: str | None = None,
        week: str | None = None,
        year: str | None = None,
        start: str | None = None,
        end: str | None = None,
    ) -> ReportPeriod:
        """The period `sbp report` options name (this month when none is given)."""
        from sbp.core.report_periods import choose_period

        return choose_period(
            self.clock.today(), month=month, week=week, year=year, start=start, end=end
        )

    def report(self, period: ReportPeriod | None = None) -> ReportData:
        """A period's report: its expenses streamed once, oldest first, plus budgets and alerts."""
        from sbp.core.report_periods import choose_period
        from sbp.core.reports import ReportBuilder, alerts_in

        chosen = period or choose_period(self.clock.today())
        builder = ReportBuilder(chosen, self.base_currency)
        query = ExpenseQuery(start=chosen.days.start, end=chosen.days.end, newest_first=False)
        for expense in self.ledger.iter_expenses(query):
            builder.add(expense)
        return builder.finish(
            self.ledger.budgets(),
            alerts_in(self.ledger.notifications(), chosen),
            self._spending_in(chosen.previous()),
            self.clock.now(),
        )

    def _spending_in(self, period: ReportPeriod) -> Decimal:
        """Spending over a period: whole months from the aggregates, partial ones streamed."""
        from sbp.core.reports import is_spending, spending_of

        total = Decimal(0)
        for month, covered in period.month_coverage():
            if covered == month.days:
                total += spending_of(self.ledger.month_totals(month), self.base_currency)
                continue
            first = max(month.first_day, period.days.start)
            last = min(month.last_day, period.days.end)
            for expense in self.ledger.iter_expenses(ExpenseQuery(start=first, end=last)):
                if is_spending(expense, self.base_currency):
                    total += expense.amount
        return total
