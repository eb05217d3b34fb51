"""`sbp sync` killed (SIGKILL) in the middle of a push and of a pull, then run again: every
device ends with the same expenses, none lost, none twice. Also the cloud out of reach and a
sign-in whose credentials cannot be renewed, through the installed program: a clear line, a
documented exit code, and the store's data untouched."""

from __future__ import annotations

import json
import signal
import sqlite3
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from tests.sync.signed_in import CloudDevice, MotoServer, sign_in

EXPENSES = 400


@pytest.fixture(scope="module")
def moto() -> Iterator[MotoServer]:
    server = MotoServer.start()
    yield server
    server.stop()


def bank_file(folder: Path, count: int) -> Path:
    rows = [
        f"2026-11-{n % 28 + 1:02d},{n % 97 + 1}.{n % 100:02d},shop number {n}" for n in range(count)
    ]
    path = folder / "bank.csv"
    path.write_text("date,amount,description\n" + "\n".join(rows) + "\n")
    return path


def head(moto: MotoServer, user: str) -> int:
    item = (
        moto.client("dynamodb")
        .get_item(TableName="sbp-test-replica", Key={"user_id": {"S": user}, "sk": {"S": "head"}})
        .get("Item")
    )
    return int(item["seq"]["N"]) if item else 0


def killed_after(device: CloudDevice, seconds: float) -> bool:
    """Start `sbp sync`, SIGKILL it after `seconds`; whether it was still running then."""
    running = device.popen("sync")
    time.sleep(seconds)
    if running.poll() is not None:
        return False
    running.send_signal(signal.SIGKILL)
    running.wait(timeout=30)
    return running.returncode == -signal.SIGKILL


def ids(device: CloudDevice) -> list[str]:
    return [row["id"] for row in device.export()["expenses"]]


def test_syncs_killed_mid_push_and_mid_pull_converge_when_run_again(
    moto: MotoServer, tmp_path: Path
) -> None:
    user = "01KAK111ED0000000000000000"
    laptop, phone = CloudDevice(tmp_path / "laptop"), CloudDevice(tmp_path / "phone")
    for device in (laptop, phone):
        sign_in(device.home, user, moto.url)
        device.ok("sync")
    laptop.ok("import", str(bank_file(tmp_path, EXPENSES)))

    kills = 0
    for _ in range(20):  # mid-push: killed once the first commits have landed
        running = laptop.popen("sync")
        while running.poll() is None and head(moto, user) == 0:
            time.sleep(0.02)
        if running.poll() is None:
            running.send_signal(signal.SIGKILL)
            running.wait(timeout=30)
            kills += running.returncode == -signal.SIGKILL
            break
    assert kills == 1, "the push ended before it could be killed"
    assert head(moto, user) > 0
    pushed = json.loads(laptop.ok("sync", "--json").out)["pushed"]
    assert pushed == EXPENSES + 1  # everything again (the batch, the currency): merged once

    reference = CloudDevice(tmp_path / "reference")  # how long a whole pull takes here
    sign_in(reference.home, user, moto.url)
    started = time.monotonic()
    reference.ok("sync")
    took = time.monotonic() - started
    pulled_kills = sum(killed_after(phone, took * share) for share in (0.5, 0.7, 0.85, 0.95))
    phone.ok("sync")
    phone.ok("sync")

    assert pulled_kills >= 1, "every pull ended before it could be killed"
    assert sorted(ids(phone)) == sorted(ids(laptop)) and len(set(ids(phone))) == EXPENSES
    assert phone.export() == laptop.export()


def dump(home: Path) -> list[str]:
    """Every row a person keeps (the sync's own bookkeeping aside)."""
    conn = sqlite3.connect(home / "sbp.db")
    try:
        return [
            line
            for line in conn.iterdump()
            if line.startswith("INSERT INTO") and '"sync_state"' not in line
        ]
    finally:
        conn.close()


def test_the_cloud_out_of_reach_gives_a_clear_line_and_exit_9(tmp_path: Path) -> None:
    laptop = CloudDevice(tmp_path / "laptop")
    sign_in(laptop.home, "01KAD0WN000000000000000000", "http://127.0.0.1:9")
    laptop.add("4.50", "Blue Bottle")
    before = dump(laptop.home)

    run = laptop("sync", "--upload")

    assert run.code == 9
    assert run.err.startswith("sbp: error: the cloud could not be reached")
    assert "Traceback" not in run.err
    assert dump(laptop.home) == before
    said = laptop.ok("status").out.splitlines()[-1]
    assert said == "sync: offline, not synced yet: 2 records wait for `sbp sync --upload`"


def test_credentials_that_cannot_be_renewed_give_a_clear_line(
    moto: MotoServer, tmp_path: Path
) -> None:
    laptop = CloudDevice(tmp_path / "laptop")
    sign_in(laptop.home, "01KAEXP1RED000000000000000", moto.url, expires_in=timedelta(minutes=1))
    laptop.add("4.50", "Blue Bottle")
    before = dump(laptop.home)

    run = laptop("sync", "--upload")

    assert run.code == 9  # the gateway that renews them could not be reached
    assert "gateway" in run.err and "Traceback" not in run.err
    assert dump(laptop.home) == before
