"""A report built from the replica says exactly what `sbp report` says over the same data."""

from __future__ import annotations

from fixed_clock import FixedClock
from test_report_planner import seed

from sbp.core.model import ExpenseQuery
from sbp.core.periods import Month
from sbp.core.report_periods import ReportPeriod
from sbp.core.sync.cloud_report import replica_report
from sbp.core.sync.codec import budget_record, expense_record, notification_record, setting_record
from sbp.core.sync.view import ReplicaView
from sbp.planner import Planner
from sbp.store.memory import MemoryLedger
from sbp.store.memory_replica import MemoryReplica

V = "1790000000000-0000-laptop0000000000"


def replica_of(ledger: MemoryLedger) -> MemoryReplica:
    """What a first sync of this ledger would put in the cloud."""
    replica = MemoryReplica("01KAUSER00000000000000000A")
    changes = [expense_record(e, V) for e in ledger.query(ExpenseQuery())]
    changes += [budget_record(b, V) for b in ledger.budgets()]
    changes += [notification_record(n, V) for n in ledger.notifications()]
    changes.append(setting_record("base_currency", "USD", V))
    replica.commit(changes, "laptop", "2026-11-23T09:30:00+00:00")
    return replica


def test_the_cloud_report_equals_the_devices_for_a_month_a_week_and_a_range(
    planner: Planner, ledger: MemoryLedger, clock: FixedClock
) -> None:
    seed(planner)
    planner.add_expense("59", "Whole Foods", on="2026-11-20", category="groceries")  # an alert
    view = ReplicaView(replica_of(ledger))

    for period in [
        ReportPeriod.month(Month(2026, 11)),
        ReportPeriod.week(2026, 45),
        planner.report_period(start="2026-10-15", end="2026-11-10"),
    ]:
        on_device = planner.report(period)
        in_cloud = replica_report(view, period, clock.now())
        assert in_cloud == on_device, period.label
    assert replica_report(view, ReportPeriod.month(Month(2026, 11)), clock.now()).alerts
