"""`sbp report --cloud` and `sbp report` over the same synced data give the same PDF bytes:
two devices write (expenses in two currencies, income, refunds, edits, a deletion, an undo,
budgets for every month and for one, alerts read and unread, receipts), sync, and each
device's report equals the one the report function builds from the replica, for a month, a
week across two months, a year and a range."""

from __future__ import annotations

from datetime import timedelta

import pytest

from sbp.cloud.local_receipts import LocalReceipts
from sbp.core.receipts import JPEG, Receipt
from sbp.core.sync.cloud_report import replica_report
from sbp.core.sync.ports import SyncReplica
from sbp.core.sync.view import ReplicaView
from sbp.render.pdf import render_pdf
from tests.sync.conftest import MakeDevice
from tests.sync.devices import Device


def write_a_month(laptop: Device, phone: Device) -> None:
    a, b = laptop.planner, phone.planner
    a.set_budget("coffee", "10")
    a.set_budget("dining", "40", month=a.clock.today().strftime("%Y-%m"))
    coffee = a.add_expense("4.50", "Blue Bottle", category="coffee").expense
    a.add_expense("7", "Blue Bottle", category="coffee", on="-1d")  # past 80% and 100%
    a.add_expense("2000", "ACME payroll", category="income", on="-3d")
    a.add_expense("-3", "Refund mug", category="shopping", on="-2d")
    a.add_expense("5", "Pret", currency="EUR")
    receipt = Receipt(b"\xff\xd8\xff\xe0 a photo", JPEG)
    a.attach_receipt(coffee.id, receipt, LocalReceipts(laptop.folder))
    laptop.sync(upload=True)  # the first sync of a store that holds data
    phone.sync()
    dinner = b.add_expense("35", "Chez Panisse", category="dining", on="-33d").expense
    b.add_expense("12", "Tesco", category="groceries", on="-6d")
    gone = b.add_expense("9", "mistake", category="dining").expense
    b.edit_expense(dinner.id, amount="38", note="with Sam")
    b.remove_expense(gone.id)
    b.add_expense("1", "typo")
    b.undo()
    b.set_budget("groceries", "50")
    b.mark_notifications_read()
    for _ in range(2):
        phone.sync()
        laptop.sync()


@pytest.mark.parametrize("cloud", ["memory", "dynamodb"], indirect=True)
def test_the_cloud_report_is_the_devices_report_byte_for_byte(
    device: MakeDevice, replica: SyncReplica
) -> None:
    laptop, phone = device("laptop"), device("phone")
    write_a_month(laptop, phone)
    view = ReplicaView(replica)
    today = laptop.clock.today()
    start = (today - timedelta(days=40)).isoformat()
    periods = [{}, {"week": (today - timedelta(days=today.day)).strftime("%G-W%V")},
               {"year": str(today.year)}, {"start": start}]  # fmt: skip
    assert laptop.planner.report().alerts, "the month raised alerts"
    for one in (laptop, phone):
        for options in periods:
            period = one.planner.report_period(**options)
            on_device = one.planner.report(period)
            in_cloud = replica_report(view, period, on_device.generated_at)
            assert render_pdf(in_cloud) == render_pdf(on_device), (one.name, options)
