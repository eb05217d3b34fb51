"""Devices syncing with what the cloud's Lambdas write: the categorizer's category and a
device's note on the same expense both survive; an expense added on the web is categorized in
the cloud and reaches the devices; an alert raised on a device and by the cloud for the same
threshold is one notification everywhere (and published once).

The Lambda handlers run in this process, on the moto resources of `tests/lambdas/conftest.py`;
the devices sync in this process too, with the DynamoDB and S3 adapters on the same moto.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from lambdas import budget_alert, categorizer
from sbp.cloud.replica_sync import DynamoSyncReplica
from sbp.cloud.snapshots import S3Snapshots
from sbp.core.model import CategorySource, Expense
from sbp.core.sync.codec import expense_record
from sbp.core.sync.hlc import HybridClock, epoch_millis
from tests.lambdas.conftest import Cloud, LambdaContext
from tests.moto_resources import BUCKET, REPLICA_TABLE
from tests.sync.devices import USER, Device, World


@pytest.fixture
def world() -> World:
    return World()


@pytest.fixture
def devices(cloud: Cloud, world: World, tmp_path: Path) -> Iterator[list[Device]]:
    replica = DynamoSyncReplica(USER, REPLICA_TABLE, cloud.dynamodb)
    snapshots = S3Snapshots(USER, BUCKET, cloud.s3)
    made = [Device(n, tmp_path / n, world, replica, snapshots) for n in ("laptop", "phone")]
    for device in made:
        device.sync()
    yield made
    for device in made:
        device.close()


def categorize(cloud: Cloud, expense_id: str) -> None:
    body = json.dumps({"user_id": USER, "expense_id": expense_id})
    answer = categorizer.handler(cloud.sqs_event(body), LambdaContext())
    assert answer == {"batchItemFailures": []}


def test_the_categorizers_category_and_a_devices_note_both_survive(
    cloud: Cloud, devices: list[Device], world: World
) -> None:
    laptop, phone = devices
    added = laptop.planner.add_expense("4.50", "STARBUCKS 1234 SEATTLE").expense
    assert added.category == "coffee"  # the merchant list's guess, before any rule
    phone.planner.add_rule("starbucks", "treats")
    for device in (laptop, phone, laptop):
        device.sync()

    world.advance(seconds=1)
    categorize(cloud, added.id)  # in the cloud, with the rule now synced: treats
    laptop.planner.edit_expense(added.id, note="with Sam")  # meanwhile, not yet synced
    for device in (laptop, phone, laptop):
        device.sync()

    for device in devices:
        kept = device.planner.show(added.id)
        assert (kept.category, kept.category_source, kept.note) == (
            "treats",
            CategorySource.RULE,
            "with Sam",
        )
    assert laptop.state() == phone.state()


def test_an_expense_added_on_the_web_is_categorized_and_reaches_the_devices(
    cloud: Cloud, devices: list[Device], world: World
) -> None:
    laptop, phone = devices
    laptop.planner.add_rule("blue bottle", "coffee")
    laptop.sync()
    now = world.instant
    web = Expense("01KAWEB0000000000000000001", now.date(), Decimal("6.00"), "USD",
                  "BLUE BOTTLE OAKLAND", "other", CategorySource.DEFAULT, now, now)  # fmt: skip
    version = HybridClock("web0000000000000").stamp(epoch_millis(now))
    cloud.replica(USER).commit([expense_record(web, version)], "web", now.isoformat())

    categorize(cloud, web.id)
    report = phone.sync()

    seen = phone.planner.show(web.id)
    assert (seen.category, seen.category_source) == ("coffee", CategorySource.RULE)
    assert report.pulled == 3  # the rule, the web's expense, the categorizer's category
    laptop.sync()
    assert laptop.state() == phone.state()


def test_an_alert_raised_on_a_device_and_by_the_cloud_is_one_notification(
    cloud: Cloud, devices: list[Device], world: World
) -> None:
    laptop, phone = devices
    laptop.planner.set_budget("coffee", "10")
    laptop.sync()
    local = laptop.planner.add_expense("9.00", "Ritual", category="coffee").alerts
    assert [a.dedupe_key[-9:] for a in local] == ["coffee#80"]
    now = world.instant
    web = Expense("01KAWEB0000000000000000002", now.date(), Decimal("9.00"), "USD",
                  "Blue Bottle", "coffee", CategorySource.USER, now, now)  # fmt: skip
    version = HybridClock("web0000000000000").stamp(epoch_millis(now))
    cloud.replica(USER).commit([expense_record(web, version)], "web", now.isoformat())

    scheduled = {"time": datetime.now(UTC).isoformat()}
    budget_alert.handler(scheduled, LambdaContext())  # the cloud sees the web's 9.00: 80%
    for device in (laptop, phone, laptop):
        device.sync()

    month = now.strftime("%Y-%m")
    for device in devices:
        assert [n.dedupe_key for n in device.planner.notifications()] == [f"{month}#coffee#80"]
    assert laptop.state() == phone.state()
    published = [message for message, _ in cloud.published() if "80%" in message]
    assert len(published) == 1  # devices never publish; the cloud did once
