"""Receipts and reports across two devices on the local stack, through the installed `sbp`:
receipts kept while signed out go up with the first sync (once), open on the other device,
and `sbp report --cloud` is the same PDF, byte for byte, as `sbp report` over the same data."""

from __future__ import annotations

from pathlib import Path

import pytest
from local_stack import Device, LocalStack
from test_signin_session import png, someone

pytestmark = pytest.mark.e2e

PRESIGN = '"route": "/api/v1/receipts/presign"'


def same_as_local(device: Device, folder: Path, *period: str) -> tuple[bytes, bytes]:
    """The cloud's PDF of `period`, and the device's own made just before or just after it
    (whichever was made in the same minute: the "generated" line is to the minute)."""
    before, cloud, after = folder / "before.pdf", folder / "cloud.pdf", folder / "after.pdf"
    device.ok("report", *period, "-o", str(before))
    device.ok("report", *period, "--cloud", "-o", str(cloud))
    device.ok("report", *period, "-o", str(after))
    made = cloud.read_bytes()
    local = after.read_bytes() if made == after.read_bytes() else before.read_bytes()
    return made, local


def test_receipts_and_reports_across_two_devices(stack: LocalStack, tmp_path: Path) -> None:
    person = someone()
    laptop = Device(tmp_path / "laptop", tmp_path / "laptop-keyring.json")
    phone = Device(tmp_path / "phone", tmp_path / "phone-keyring.json")
    laptop.home.mkdir()
    # only explicit syncs here, so what is in the cloud at each step is known
    (laptop.home / "config.toml").write_text("sync_in_background = false\n")

    # signed out: receipts are kept in the data folder
    photo, scan = tmp_path / "lunch.png", tmp_path / "taxi.pdf"
    photo.write_bytes(png())
    scan.write_bytes(b"%PDF-1.4\n% a taxi receipt\n%%EOF\n")
    lunch = laptop.ok("add", "23.90", "lunch with Sam", "--receipt", str(photo)).out.split()[1]
    taxi = laptop.ok("add", "31", "Taxi to the airport", "-c", "transport").out.split()[1]
    laptop.ok("receipt", "attach", taxi[-6:], str(scan))
    laptop.ok("budget", "set", "coffee", "10")
    laptop.ok("add", "4.50", "Blue Bottle", "-c", "coffee")
    laptop.ok("add", "7", "Blue Bottle", "-c", "coffee")  # over budget: two alerts
    laptop.ok("add", "5EUR", "Pret", "--currency", "EUR")
    assert laptop.ok("receipt", "list").out.count("this device") == 2

    line = person.password + "\n"
    laptop.ok(
        "register", "--username", person.username, "--email", person.email,
        "--gateway", stack.gateway, "--password-stdin", stdin=line,
    )  # fmt: skip
    laptop.ok("login", "--username", person.username, "--password-stdin", stdin=line)
    presigned = stack.text().count(PRESIGN)
    synced = laptop.ok("sync", "--upload").out
    assert "uploaded 2 receipts kept on this device" in synced
    assert laptop.ok("receipt", "list").out.count("cloud") == 2
    # uploaded once: later syncs upload nothing again
    assert "receipt" not in laptop.ok("sync").out
    assert stack.text().count(PRESIGN) == presigned + 2

    # a receipt uploaded on the laptop opens on the phone, fetched from the cloud
    phone.ok("login", "--gateway", stack.gateway, "--username", person.username,
             "--password-stdin", stdin=line)  # fmt: skip
    back = tmp_path / "back.png"
    phone.ok("receipt", "open", lunch[-6:], "-o", str(back))
    assert back.read_bytes() == photo.read_bytes()
    kept = Path(phone.ok("receipt", "open", taxi[-6:]).out.strip())
    assert kept.read_bytes() == scan.read_bytes() and kept.is_relative_to(phone.home)

    # the cloud's report is the device's own, byte for byte, on both devices
    phone.ok("add", "3.20", "Ritual", "-c", "coffee")
    phone.ok("sync")
    laptop.ok("sync")
    for device, name in ((laptop, "laptop"), (phone, "phone")):
        for period in ((), ("--year", lunch_year(laptop, lunch))):
            folder = tmp_path / f"{name}{len(period)}"
            folder.mkdir()
            cloud, local = same_as_local(device, folder, *period)
            assert cloud.startswith(b"%PDF-") and cloud == local, (name, period)

    # what differs is only what the cloud has not been given yet, and sbp says so
    laptop.ok("add", "12", "Book shop", "-c", "shopping")
    asked = laptop("report", "--cloud", "-o", str(tmp_path / "stale.pdf"))
    assert asked.code == 0
    assert "1 change on this device is not in your account yet" in asked.err
    laptop.ok("report", "-o", str(tmp_path / "fresh.pdf"))
    assert (tmp_path / "stale.pdf").read_bytes() != (tmp_path / "fresh.pdf").read_bytes()
    laptop.ok("sync")
    (tmp_path / "again").mkdir()
    cloud, local = same_as_local(laptop, tmp_path / "again")
    assert cloud == local
    errors = "\n".join(laptop.errors + phone.errors)
    assert "Traceback" not in errors and person.password not in errors


def lunch_year(device: Device, expense_id: str) -> str:
    import json

    return str(json.loads(device.ok("show", expense_id, "--json").out)["date"])[:4]
