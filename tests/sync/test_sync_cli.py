"""`sbp sync` through the installed program: devices, each its own SBP_HOME, signed in to one
account on a moto server on loopback."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync.signed_in import CloudDevice, MotoServer, sign_in


@pytest.fixture(scope="module")
def moto() -> Iterator[MotoServer]:
    server = MotoServer.start()
    yield server
    server.stop()


@pytest.fixture
def devices(tmp_path: Path, moto: MotoServer, request: pytest.FixtureRequest) -> list[CloudDevice]:
    user = f"01KAY5ER{abs(hash(request.node.name)) % 10**18:018d}"[:26]
    made = []
    for name in ("laptop", "phone"):
        sign_in(tmp_path / name, user, moto.url)
        made.append(CloudDevice(tmp_path / name))
    return made


def test_an_expense_added_on_one_device_is_seen_on_the_other(devices: list[CloudDevice]) -> None:
    laptop, phone = devices
    laptop.ok("sync")
    phone.ok("sync")
    added = laptop.add("4.50", "Blue Bottle", "-c", "coffee")

    pushed = laptop.ok("sync")
    pulled = phone.ok("sync")

    assert pushed.out.startswith("pushed 2, pulled 0")
    assert pulled.out.startswith("pushed 0, pulled 1, 2 changed here")
    assert phone.ok("show", added).out == laptop.ok("show", added).out
    assert phone.export() == laptop.export()


def test_edits_on_both_end_with_the_newer_one_and_say_so(devices: list[CloudDevice]) -> None:
    laptop, phone = devices
    laptop.ok("sync")
    added = laptop.add("4.50", "Blue Bottle")
    laptop.ok("sync")
    phone.ok("sync")

    laptop.ok("edit", added, "--note", "with Sam")
    phone.ok("edit", added, "--note", "with Alex")
    phone.ok("sync")
    said = laptop.ok("sync", "--json")
    phone.ok("sync")

    report = json.loads(said.out)
    assert report["conflicts"] == [
        {
            "kind": "exp",
            "key": added,
            "fields": ["note"],
            "kept": "theirs",
            "from": report["conflicts"][0]["from"],
            "what": f"{added[-6:]} Blue Bottle",
        }
    ]
    notes = {json.loads(d.ok("show", added, "--json").out)["note"] for d in devices}
    assert notes == {"with Alex"}
    assert laptop.export() == phone.export()


def test_a_deletion_on_one_device_and_an_older_edit_on_the_other_end_deleted(
    devices: list[CloudDevice],
) -> None:
    laptop, phone = devices
    laptop.ok("sync")
    added = laptop.add("4.50", "Blue Bottle")
    laptop.ok("sync")
    phone.ok("sync")

    phone.ok("edit", added, "--note", "with Sam")
    laptop.ok("rm", added, "--yes")
    for device in (laptop, phone, laptop):
        device.ok("sync")

    for device in devices:
        assert device("show", added).code == 3
    assert laptop.export() == phone.export()


def test_rules_and_budgets_set_on_both_devices_end_alike(devices: list[CloudDevice]) -> None:
    laptop, phone = devices
    laptop.ok("sync")
    phone.ok("sync")
    laptop.ok("budget", "set", "coffee", "60")
    laptop.ok("rules", "add", "blue bottle", "coffee")
    phone.ok("budget", "set", "groceries", "400")
    phone.ok("rules", "add", "lidl", "groceries")

    for device in (laptop, phone, laptop):
        device.ok("sync")

    assert laptop.ok("budget", "list", "--json").out == phone.ok("budget", "list", "--json").out
    rules = [
        [{k: v for k, v in rule.items() if k != "id"} for rule in json.loads(out)]
        for out in (d.ok("rules", "list", "--json").out for d in devices)
    ]  # a rule's number is this device's handle on it; the order is every device's
    assert rules[0] == rules[1] and [r["pattern"] for r in rules[0]] == ["blue bottle", "lidl"]
    assert "groceries" in laptop.ok("budget", "list").out


def test_status_says_where_the_sync_stands(devices: list[CloudDevice]) -> None:
    laptop, _ = devices
    laptop.ok("sync")
    laptop.add("4.50", "Blue Bottle")
    laptop.add("3.00", "Ritual")

    # two expenses, and the store's currency fixed by the first
    assert "sync: synced just now, 3 changes not yet synced" in laptop.ok("status").out
    laptop.ok("sync")
    assert laptop.ok("status").out.splitlines()[-1] == "sync: synced just now"
    assert json.loads(laptop.ok("status", "--json").out)["sync"] == "synced just now"


def test_a_store_with_data_uploads_only_when_told_to(devices: list[CloudDevice]) -> None:
    laptop, phone = devices
    laptop.add("4.50", "Blue Bottle")
    laptop.ok("budget", "set", "coffee", "60")

    refused = laptop("sync")
    assert refused.code == 1
    assert "holds 3 records that are not in your account yet" in refused.err
    assert "sbp sync --upload" in refused.err

    uploaded = laptop.ok("sync", "--upload")
    assert uploaded.out.startswith("uploaded 3 records, pushed 0, pulled 0")
    phone.ok("sync")
    assert phone.export() == laptop.export()


def test_a_signed_out_device_is_told_to_sign_in(tmp_path: Path) -> None:
    alone = CloudDevice(tmp_path / "alone")

    run = alone("sync")

    assert run.code == 8
    assert "not signed in" in run.err and "sbp login" in run.err
