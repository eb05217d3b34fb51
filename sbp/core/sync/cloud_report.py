"""A report built from a user's replica: the same `ReportBuilder` and figures as `sbp report`.

Expenses come a month at a time by key (the replica has no date range query), oldest first as
the builder expects; the previous period's spending is counted by the same rule as the report's.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sbp.core.reports import ReportBuilder, ReportData, alerts_in, is_spending
from sbp.core.sync.cloud_alerts import budget_currency

if TYPE_CHECKING:
    from sbp.core.model import Expense
    from sbp.core.report_periods import ReportPeriod
    from sbp.core.sync.view import ReplicaView


def period_expenses(view: ReplicaView, period: ReportPeriod) -> Iterator[Expense]:
    """The period's live expenses, by date then id (as a device's store lists them)."""
    for month, _ in period.month_coverage():
        found = [e for e in view.month_expenses(month) if e.date in period.days]
        yield from sorted(found, key=lambda e: (e.date, e.id))


def replica_report(view: ReplicaView, period: ReportPeriod, now: datetime) -> ReportData:
    """The report of `period` over the replica, generated at `now`."""
    budgets = view.budgets()
    currency = budget_currency(view, budgets)
    builder = ReportBuilder(period, currency)
    for expense in period_expenses(view, period):
        builder.add(expense)
    previous = sum(
        (e.amount for e in period_expenses(view, period.previous()) if is_spending(e, currency)),
        Decimal(0),
    )
    return builder.finish(budgets, alerts_in(view.notifications(), period), previous, now)
