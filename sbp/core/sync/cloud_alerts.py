"""Budget alerts worked out from a user's replica: the same rules and words as on a device.

After a write (the categorizer) an alert is raised by the crossing rule of `sbp add`; once a
day (the budget alert) by the threshold each category has reached and by its pace. Each alert
is recorded once per dedupe key, so a device and the cloud, or two runs, never raise it twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from sbp.core.alerts import DEFAULT_THRESHOLDS, crossings, notification_for, reached_thresholds
from sbp.core.budget import MonthStatus, effective_budgets, month_status
from sbp.core.ids import new_ulid
from sbp.core.model import NON_SPENDING, Budget, Expense, Notification
from sbp.core.pace import pace_notification, runs_out_on
from sbp.core.periods import Month
from sbp.core.sync.hlc import epoch_millis

if TYPE_CHECKING:
    from sbp.core.sync.hlc import HybridClock
    from sbp.core.sync.view import ReplicaView

FALLBACK_CURRENCY = "USD"

MakeId = Callable[[datetime], str]


def budget_currency(view: ReplicaView, budgets: Sequence[Budget]) -> str:
    """The currency budgets are counted in: the one the user's stores agreed on, else the
    first budget's."""
    base = view.base_currency()
    if base:
        return base
    return budgets[0].currency if budgets else FALLBACK_CURRENCY


def month_in_replica(view: ReplicaView, month: Month, today: date) -> MonthStatus:
    """The month's budgets against its spending, as `sbp status` shows it."""
    budgets = view.budgets()
    currency = budget_currency(view, budgets)
    return month_status(month, currency, budgets, view.month_totals(month), today)


def alerts_after_write(
    view: ReplicaView,
    expense: Expense,
    today: date,
    now: datetime,
    thresholds: Sequence[int] = DEFAULT_THRESHOLDS,
    make_id: MakeId = new_ulid,
) -> list[Notification]:
    """The thresholds `expense` pushed its category across (the rule of `sbp add`), given a
    replica that already counts it."""
    budgets = view.budgets()
    if expense.category in NON_SPENDING or expense.category not in effective_budgets(
        budgets, expense.month
    ):
        return []  # no budget to cross: the month's expenses need not be read
    status = month_in_replica(view, expense.month, today)
    category = status.find(expense.category)
    if category is None or expense.currency != status.currency:
        return []
    before = category.spent - expense.amount
    found = crossings(expense.month, before, category, thresholds)
    return [notification_for(crossing, now, make_id) for crossing in found]


def due_alerts(
    view: ReplicaView,
    today: date,
    now: datetime,
    thresholds: Sequence[int] = DEFAULT_THRESHOLDS,
    make_id: MakeId = new_ulid,
) -> list[Notification]:
    """This month's alerts as they stand: per budgeted category the highest threshold reached
    (one message, "over budget", rather than 80% and 100% at once) and a pace warning."""
    month = Month.of(today)
    found = []
    for category in month_in_replica(view, month, today).categories:
        reached = reached_thresholds(month, category, thresholds)
        if reached:
            found.append(notification_for(reached[-1], now, make_id))
        pace = runs_out_on(month, category, today)
        if pace is not None:
            found.append(pace_notification(pace, now, make_id))
    return found


def record_new(
    view: ReplicaView,
    alerts: Sequence[Notification],
    clock: HybridClock,
    now: datetime,
    origin: str,
) -> list[Notification]:
    """Commit each alert whose dedupe key is new; the ones that were (to publish)."""
    now_ms = epoch_millis(now)
    return [a for a in alerts if view.record_notification(a, clock, now_ms, origin)]
