"""A person's first session on the local stack, through the installed `sbp` in subprocesses:
`python -m cloud.local up` started and stopped (Ctrl-C) by the tests, each device with its own
data folder and its own keyring file."""

from __future__ import annotations

import io
import json
import secrets
import stat
import struct
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from local_stack import Device, LocalStack, eventually

pytestmark = pytest.mark.e2e


@pytest.fixture
def device(tmp_path: Path) -> Device:
    return Device(tmp_path / "home", tmp_path / "keyring.json")


@dataclass(frozen=True)
class Person:
    username: str
    email: str
    password: str


def someone() -> Person:
    name = f"ada{secrets.token_hex(3)}"
    return Person(name, f"{name}@example.com", f"correct horse battery {secrets.token_hex(6)}")


def png() -> bytes:
    """A real 1x1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x80\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def sign_up_and_in(device: Device, stack: LocalStack, person: Person) -> None:
    line = person.password + "\n"
    registered = device.ok(
        "register", "--username", person.username, "--email", person.email,
        "--gateway", stack.gateway, "--password-stdin", stdin=line,
    )  # fmt: skip
    assert f"registered {person.username}" in registered.out
    signed = device.ok("login", "--username", person.username, "--password-stdin", stdin=line)
    assert f"signed in as {person.username} at {stack.gateway}" in signed.out


def test_a_first_session_on_the_local_stack(
    stack: LocalStack, device: Device, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = someone()
    sign_up_and_in(device, stack, person)
    assert any(key.startswith("sbp/") for key in device.keyring_entries())
    assert not (device.home / "cloud-tokens.json").exists()

    me = json.loads(device.ok("whoami", "--json").out)
    assert (me["username"], me["email"], me["gateway"]) == (
        person.username, person.email, stack.gateway,
    )  # fmt: skip
    assert me["tokens"] == "keyring" and [d["signed_in"] for d in me["devices"]] == [True]

    # a receipt goes to the cloud (with the sync after `sbp add`) and comes back the same
    photo = tmp_path / "lunch.png"
    photo.write_bytes(png())
    added = device.ok("add", "23.90", "lunch with Sam", "--receipt", str(photo))
    expense_id = added.out.split()[1]
    assert eventually(lambda: "cloud" in device.ok("receipt", "list").out)
    shown = json.loads(device.ok("show", expense_id[-6:], "--json").out)
    assert shown["receipt_key"].startswith("receipts/") and shown["receipt_key"].endswith(
        f"/{expense_id}.png"
    )
    back = tmp_path / "back.png"
    device.ok("receipt", "open", expense_id[-6:], "-o", str(back))
    assert back.read_bytes() == photo.read_bytes()
    report = json.loads(device.ok("report", "--format", "json").out)
    assert [line["receipt"] for line in report["largest"]] == [True]

    # 10 MB and one byte: refused before anything is asked of the gateway
    presigns = stack.text().count('"route": "/api/v1/receipts/presign"')
    big = tmp_path / "scan.jpg"
    big.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * (10 * 1024 * 1024 - 3))
    refused = device("receipt", "attach", expense_id[-6:], str(big))
    assert refused.code == 1 and "at most 10 MB" in refused.err
    assert len(refused.err.strip().splitlines()) == 1
    assert stack.text().count('"route": "/api/v1/receipts/presign"') == presigns

    # the cloud's report of what the user's replica holds
    seed_replica(device, monkeypatch, "Blue Bottle Coffee", Decimal("4.50"))
    pdf_path = tmp_path / "cloud.pdf"
    assert device.ok("report", "--cloud", "-o", str(pdf_path)).out.strip() == str(pdf_path)
    assert "Blue Bottle Coffee" in pdf_text(pdf_path.read_bytes())

    # alerts on, then off
    assert f"e-mail: {person.email}" in device.ok("alerts", "--email", person.email).out
    assert json.loads(device.ok("alerts", "--json").out)["email"] == person.email
    device.ok("alerts", "--off")
    assert json.loads(device.ok("alerts", "--json").out)["email"] is None

    # signing out: the tokens leave the keyring, and the gateway no longer takes them
    tokens = dict(device.keyring_entries())
    assert device.ok("logout").out.strip() == f"signed out {person.username}"
    assert device.keyring_entries() == {}
    refresh = next(v for k, v in tokens.items() if k.endswith("/refresh"))
    assert post(stack.gateway + "/api/v1/refresh", {"refresh_token": refresh}) == 401
    assert device("whoami").code == 8

    # nothing secret in any log: the stack's (moto, runner, functions, gateway) and sbp's stderr
    logs = stack.text() + "\n".join(device.errors)
    access = json.loads(next(v for k, v in tokens.items() if k.endswith("/access")))
    aws = json.loads(next(v for k, v in tokens.items() if k.endswith("/aws")))
    kept = [refresh, access["access_token"], aws["secret_access_key"], aws["session_token"]]
    for secret in [person.password, person.email, *kept]:
        assert secret not in logs


def test_without_a_keyring_the_tokens_are_kept_in_a_private_file(
    stack: LocalStack, device: Device
) -> None:
    device.extra_env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    person = someone()
    sign_up_and_in(device, stack, person)

    token_file = device.home / "cloud-tokens.json"
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    assert "only you can read" in device.errors[-1]
    assert json.loads(device.ok("whoami", "--json").out)["tokens"] == "file"
    device.ok("logout")
    assert not token_file.exists()


def test_refusals_say_so_in_one_line_with_their_exit_codes(
    stack: LocalStack, device: Device
) -> None:
    person = someone()
    sign_up_and_in(device, stack, person)
    wrong = person.password + "x\n"

    refused = device("login", "--username", person.username, "--password-stdin", stdin=wrong)
    unreachable = device("whoami", "--json")  # still signed in: the failed login changed nothing
    assert refused.code == 10 and "did not accept" in refused.err
    assert unreachable.code == 0
    gone = device("login", "--gateway", "http://127.0.0.1:9", "-u", "x", "--password-stdin",
                  stdin=wrong)  # fmt: skip
    assert gone.code == 9 and "could not be reached" in gone.err
    for run in (refused, gone):
        assert len(run.err.strip().splitlines()) == 1 and "Traceback" not in run.err


def seed_replica(
    device: Device, monkeypatch: pytest.MonkeyPatch, description: str, amount: Decimal
) -> None:
    """Write an expense into the user's replica with the device's own scoped credentials (as
    sync will), through `sbp.cloud.session` reading that device's keyring."""
    import keyring
    from file_keyring import FileKeyring

    from sbp.cloud.replica import DynamoReplica
    from sbp.cloud.session import load_session, user_client
    from sbp.core.model import CategorySource, Expense
    from sbp.core.sync.codec import expense_record

    monkeypatch.setenv("SBP_TEST_KEYRING", str(device.keyring_file))
    before = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())
    try:
        session = load_session(Folder(device.home))
        assert session is not None
        now = datetime.now(UTC)
        spent = Expense(
            "01KAEXP0000000000000000042", date.today(), amount, "USD", description,
            "coffee", CategorySource.USER, now, now,
        )  # fmt: skip
        version = f"{int(now.timestamp() * 1000):013d}-0000-e2etest000000000"
        replica = DynamoReplica(
            session.user_id, session.resources.replica_table, user_client(session, "dynamodb")
        )
        replica.commit([expense_record(spent, version)], "e2etest000000000", now.isoformat())
    finally:
        keyring.set_keyring(before)


@dataclass(frozen=True)
class Folder:
    data_dir: Path


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def post(url: str, body: dict[str, str]) -> int:
    request = urllib.request.Request(
        url, json.dumps(body).encode(), {"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return int(error.code)
