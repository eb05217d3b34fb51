"""Two devices of one person on the local stack (`python -m cloud.local up`: gateway, moto,
the applied stack), through the installed `sbp`: the first sign-in with data offers the upload,
a new device pulls everything when it signs in, a change syncs by itself in the background,
and `sbp logout --forget` removes a copy only once everything is in the account."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from local_stack import Device, LocalStack, eventually
from test_signin_session import someone

pytestmark = pytest.mark.e2e


def test_two_devices_of_one_person(stack: LocalStack, tmp_path: Path) -> None:
    person = someone()
    laptop = Device(tmp_path / "laptop", tmp_path / "laptop-keyring.json")
    phone = Device(tmp_path / "phone", tmp_path / "phone-keyring.json")
    laptop.ok(
        "register", "--username", person.username, "--email", person.email,
        "--gateway", stack.gateway, "--password-stdin", stdin=person.password + "\n",
    )  # fmt: skip

    # the laptop held data before it signed in: it is offered, not sent unasked
    coffee = laptop.ok("add", "4.50", "Blue Bottle", "-c", "coffee").out.split()[1]
    laptop.ok("budget", "set", "coffee", "60")
    signed = laptop(
        "login", "--gateway", stack.gateway, "--username", person.username,
        "--password-stdin", stdin=person.password + "\n",
    )  # fmt: skip
    assert signed.code == 0
    assert "holds 3 records that are not in your account yet" in signed.err
    assert "sbp sync --upload" in signed.err
    assert laptop.ok("sync", "--upload").out.startswith("uploaded 3 records")

    # a new device pulls everything as it signs in
    said = phone.ok(
        "login", "--gateway", stack.gateway, "--username", person.username,
        "--password-stdin", stdin=person.password + "\n",
    )  # fmt: skip
    assert "synced: pushed 0" in said.out
    assert json.loads(phone.ok("show", coffee, "--json").out)["description"] == "Blue Bottle"
    assert phone.ok("budget", "list", "--json").out == laptop.ok("budget", "list", "--json").out

    # a change syncs by itself, in the background, after the command that made it
    ritual = phone.ok("add", "3.20", "Ritual", "-c", "coffee").out.split()[1]

    def laptop_has_it() -> bool:
        laptop.ok("sync")
        return laptop("show", ritual).code == 0

    assert eventually(laptop_has_it)
    assert eventually(lambda: "sync: synced" in phone.ok("status").out)

    # forgetting this device's copy waits for everything to be in the account
    laptop.ok("edit", coffee, "--note", "with Sam")
    refused = laptop("logout", "--forget")
    assert refused.code == 5 and "not in your account yet" in refused.err
    laptop.ok("sync")
    assert "removed this device's copy" in laptop.ok("logout", "--forget").out
    assert not (laptop.home / "sbp.db").exists()
    phone.ok("sync")
    assert json.loads(phone.ok("show", coffee, "--json").out)["note"] == "with Sam"
    errors = "\n".join(laptop.errors + phone.errors)
    assert "Traceback" not in errors and person.password not in errors
