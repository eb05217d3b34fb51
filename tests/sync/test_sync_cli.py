"""`sbp sync` through the installed program: devices, each its own SBP_HOME, signed in to one
account on a moto server on loopback."""

from __future__ import annotations

import gc
import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

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


@pytest.mark.parametrize(("cloud_offset", "way"), [(-3600, "ahead of"), (3600, "behind")])
def test_a_clock_an_hour_off_the_clouds_date_header_waits_and_says_why(
    devices: list[CloudDevice], monkeypatch: pytest.MonkeyPatch, cloud_offset: int, way: str
) -> None:
    """The skew is read from the Date header of a real HTTP response (the moto server's, moved
    by an hour), through the installed program."""
    from email.utils import formatdate

    from moto.server import MotoRequestHandler

    laptop, phone = devices
    laptop.ok("sync")
    added = laptop.add("4.50", "Blue Bottle")
    monkeypatch.setattr(
        MotoRequestHandler,
        "date_time_string",
        lambda _self, _at=None: formatdate(time.time() + cloud_offset, usegmt=True),
    )

    refused = laptop("sync")

    assert refused.code == 1
    assert f"this machine's clock is 60 minutes {way} the cloud's: sync waits" in refused.err
    assert "sync waits until it is right" in laptop.ok("status").out.splitlines()[-1]
    monkeypatch.undo()
    laptop.ok("sync")
    phone.ok("sync")
    assert phone.ok("show", added).out == laptop.ok("show", added).out


def test_a_store_with_data_uploads_only_when_told_to(devices: list[CloudDevice]) -> None:
    laptop, phone = devices
    laptop.add("4.50", "Blue Bottle")
    laptop.ok("budget", "set", "coffee", "60")
    waiting = "sync: not synced yet: 3 records wait for `sbp sync --upload`"
    assert laptop.ok("status").out.splitlines()[-1] == waiting

    refused = laptop("sync")
    assert refused.code == 1
    assert "holds 3 records that are not in your account yet" in refused.err
    assert "sbp sync --upload" in refused.err
    assert laptop.ok("status").out.splitlines()[-1] == waiting

    uploaded = laptop.ok("sync", "--upload")
    assert uploaded.out.startswith("uploaded 3 records, pushed 0, pulled 0")
    phone.ok("sync")
    assert phone.export() == laptop.export()


def test_a_signed_out_device_is_told_to_sign_in(tmp_path: Path) -> None:
    alone = CloudDevice(tmp_path / "alone")

    run = alone("sync")

    assert run.code == 8
    assert "not signed in" in run.err and "sbp login" in run.err


def wait_for(check: Callable[[], bool], seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


def test_a_writing_command_syncs_by_itself_in_the_background(
    tmp_path: Path, moto: MotoServer
) -> None:
    user = "01KABACKGR0VND000000000000"
    laptop = CloudDevice(tmp_path / "laptop", background=True)
    phone = CloudDevice(tmp_path / "phone")
    for device in (laptop, phone):
        sign_in(device.home, user, moto.url)
    laptop.ok("sync")

    first = laptop.add("4.50", "Blue Bottle")
    second = laptop.add("3.00", "Ritual")  # while the first one's sync may still run

    def both_pulled() -> bool:
        phone.ok("sync")
        return {first, second} <= {row["id"] for row in phone.export()["expenses"]}

    assert wait_for(both_pulled)
    assert wait_for(lambda: "sync: synced" in laptop.ok("status").out.splitlines()[-1])
    assert laptop.ok("status").out.splitlines()[-1].startswith("sync: synced")


def test_offline_a_command_still_ends_at_once_and_syncs_later(tmp_path: Path) -> None:
    laptop = CloudDevice(tmp_path / "laptop", background=True)
    sign_in(laptop.home, "01KA0FF11NE000000000000000", "http://127.0.0.1:9")
    assert laptop("sync").code == 9  # offline from the start

    added = laptop.ok("add", "4.50", "Blue Bottle")

    assert added.out.startswith("added ")
    assert laptop.ok("show", added.out.split()[1]).out


def test_logout_forget_refuses_while_changes_are_not_in_the_account(
    devices: list[CloudDevice],
) -> None:
    laptop, _ = devices
    laptop.ok("sync")
    laptop.add("4.50", "Blue Bottle")

    refused = laptop("logout", "--forget")

    assert refused.code == 5
    assert "2 changes on this device are not in your account yet" in refused.err
    assert "sbp sync" in refused.err and "--force" in refused.err
    assert (laptop.home / "sbp.db").exists() and '"account"' in (
        laptop.home / "cloud.json"
    ).read_text()
    assert json.loads((laptop.home / "cloud.json").read_text())["account"] is not None


def test_logout_forget_removes_the_copy_once_everything_is_synced(
    devices: list[CloudDevice],
) -> None:
    laptop, phone = devices
    laptop.ok("sync")
    added = laptop.add("4.50", "Blue Bottle")
    laptop.ok("sync")

    done = laptop.ok("logout", "--forget")

    assert "removed this device's copy of the data" in done.out
    assert not (laptop.home / "sbp.db").exists()
    assert json.loads((laptop.home / "cloud.json").read_text())["account"] is None
    phone.ok("sync")
    assert phone.ok("show", added).out


def test_logout_forget_force_deletes_unsynced_changes(devices: list[CloudDevice]) -> None:
    laptop, _ = devices
    photo = laptop.home.parent / "lunch.png"
    photo.write_bytes(PNG)
    laptop.add("4.50", "Blue Bottle", "--receipt", str(photo))
    assert any((laptop.home / "receipts").rglob("*.png"))

    laptop.ok("logout", "--forget", "--force")

    assert not (laptop.home / "sbp.db").exists()
    assert not (laptop.home / "receipts").exists()  # the receipts kept here went with it


@pytest.mark.parametrize("foreground", [False, True], ids=["background", "sbp-sync"])
def test_a_change_written_as_a_sync_lets_go_of_the_lock_still_goes_up(
    tmp_path: Path, moto: MotoServer, monkeypatch: pytest.MonkeyPatch, foreground: bool
) -> None:
    """A command that writes while a sync holds the lock finds it taken and leaves its change to
    that sync: written at the last moment before the lock is let go, it is still pushed."""
    from sbp.bootstrap import build_planner
    from sbp.cli import main
    from sbp.config import load_settings
    from sbp.sync import lock

    user = f"01KA1ATE{int(foreground):018d}"
    for name in ("laptop", "phone"):
        sign_in(tmp_path / name, user, moto.url)
    laptop, phone = (
        CloudDevice(tmp_path / "laptop", background=True),
        CloudDevice(tmp_path / "phone"),
    )
    laptop.ok("sync")
    monkeypatch.setenv("SBP_HOME", str(laptop.home))
    late: list[str] = []
    started: list[bool] = []
    held = lock.one_sync

    @contextmanager
    def one_sync(store: Path, *args: Any, **kwargs: Any) -> Iterator[None]:
        with held(store, *args, **kwargs):
            yield
            if not late:  # another command's write, its own background sync gone at the lock
                late.append(build_planner(load_settings()).add_expense("3.00", "Ritual").expense.id)

    monkeypatch.setattr(lock, "one_sync", one_sync)
    monkeypatch.setattr("sbp.sync.background.start_background_sync", lambda: started.append(True))

    assert main(["sync", *([] if foreground else ["--background"])]) == 0  # in this process
    gc.unfreeze()  # main() freezes what exists for a quick exit; this process goes on

    if foreground:  # the sync that left it starts the background sync that pushes it
        assert started == [True]
        laptop.ok("sync")
    phone.ok("sync")
    assert late[0] in {row["id"] for row in phone.export()["expenses"]}


RECEIPT_USER = "01KAY5ER0000000000000RCPT1"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


def test_receipts_wait_on_the_device_while_the_gateway_is_out_of_reach(
    tmp_path: Path, moto: MotoServer
) -> None:
    sign_in(tmp_path / "laptop", RECEIPT_USER, moto.url)  # its gateway is a closed port
    laptop = CloudDevice(tmp_path / "laptop")
    laptop.ok("sync")
    photo, scan = tmp_path / "lunch.png", tmp_path / "taxi.pdf"
    photo.write_bytes(PNG)
    scan.write_bytes(b"%PDF-1.4\n% a scan\n%%EOF\n")

    lunch = laptop.add("23.90", "lunch", "--receipt", str(photo))  # never asks the network
    taxi = laptop.add("31", "taxi", "-c", "transport")
    attached = laptop.ok("receipt", "attach", taxi, str(scan))
    assert "kept on this device" in attached.out
    assert "stays on this device, not uploaded" in attached.err
    before = laptop.export()

    synced = laptop.ok("sync", "--json")
    receipts = json.loads(synced.out)["receipts"]
    assert receipts["uploaded"] == [] and receipts["left"] == 1
    assert [f["id"] for f in receipts["failed"]] == [lunch]
    said = laptop.ok("sync")
    assert f"the receipt of {lunch} stays on this device, not uploaded" in said.err
    assert "1 more receipt waits on this device for the next sync" in said.err
    assert laptop.export() == before
    assert laptop.ok("receipt", "list").out.count("this device") == 2
    assert Path(laptop.ok("receipt", "open", lunch).out.strip()).read_bytes() == PNG
    # the failures were notes of a sync; status says what still waits, and forgetting refuses
    status = laptop.ok("status").out.splitlines()[-1]
    assert status == "sync: synced just now, 2 receipts not yet uploaded"
    refused = laptop("logout", "--forget")
    assert refused.code == 5 and refused.err.count("\n") == 1
    assert "2 receipts on this device are not in your account yet" in refused.err
    assert "sbp sync" in refused.err and "--force" in refused.err
    assert laptop.export() == before and Path(laptop.home / "cloud.json").exists()
    assert json.loads((laptop.home / "cloud.json").read_text())["account"] is not None
