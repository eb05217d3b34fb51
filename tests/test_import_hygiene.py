"""Heavy libraries stay off the everyday paths: run sbp in a subprocess, then read sys.modules.

A static import graph cannot tell a top-level import from one deferred into a function, so this
runs the real commands and looks at what was actually imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

NEVER = {"textual", "boto3", "botocore", "reportlab", "flask"}
NOT_ON_THE_QUICK_PATHS = NEVER | {"rich"}

RUN_AND_LIST_MODULES = """
import gc, json, socket, sys
collections = []
gc.callbacks.append(lambda phase, info: phase == "start" and collections.append(info["generation"]))
from sbp.cli import main

connections = []
def refuse(sock, address):  # any connection at all, to any address: recorded and refused
    connections.append(repr(address))
    raise OSError("no network in this probe")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse

report, args = sys.argv[1], sys.argv[2:]
code = main(args)
with open(report, "w") as handle:
    found = {"modules": sorted(sys.modules), "connections": connections, "gc": collections}
    json.dump({"code": code, **found}, handle)
"""


def probe(home: Path, *args: str, stdin: bytes = b"") -> dict[str, Any]:
    """Run `sbp args` in a fresh process: its exit code, the modules it imported, the
    connections it tried to open and the garbage collections it ran (their generations)."""
    report = home / "modules.json"
    subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST_MODULES, str(report), *args],
        env={**os.environ, "SBP_HOME": str(home)},
        input=stdin,
        capture_output=True,
        check=True,
        timeout=60,
    )
    found: dict[str, Any] = json.loads(report.read_text())
    found["packages"] = {name.split(".")[0] for name in found["modules"]}
    return found


def imported_by(home: Path, *args: str) -> set[str]:
    """The top-level packages imported by running `sbp args` in a fresh process."""
    found = probe(home, *args)
    assert found["code"] == 0
    packages: set[str] = found["packages"]
    return packages


@pytest.mark.parametrize(
    ("args", "forbidden"),
    [
        # the regex engine and the merchant code names load only for rules and files that need them
        (("add", "12.50", "coffee"), NOT_ON_THE_QUICK_PATHS | {"re2", "iso18245"}),
        (("status",), NOT_ON_THE_QUICK_PATHS),
        (("--version",), NOT_ON_THE_QUICK_PATHS),
        (("--help",), NEVER),
    ],
)
def test_heavy_libraries_are_not_imported(
    tmp_path: Path, args: tuple[str, ...], forbidden: set[str]
) -> None:
    assert imported_by(tmp_path, *args) & forbidden == set()


def test_the_check_would_see_a_heavy_import(tmp_path: Path) -> None:
    """The probe sees what a command really imports, so the empty answers above mean something."""
    modules = imported_by(tmp_path, "list")

    assert {"sbp", "typer", "sqlite3"} <= modules


def test_adding_an_everyday_expense_loads_no_merchant_tables(tmp_path: Path) -> None:
    """A built-in keyword ("coffee") says it all: the trade words of many languages, the towns
    and the shipped merchants are read only for descriptions that get past the keywords."""
    modules = set(probe(tmp_path, "add", "12.50", "coffee")["modules"])

    tables = {
        "trades",
        "trade_words",
        "towns",
        "merchants",
        "shipped",
        "online",
        "lessons",
        "ngrams",
    }
    assert modules & {f"sbp.core.categorize.{name}" for name in tables} == set()


DEFERRED_GROUPS = ("budgets", "imports", "receipts", "reports", "review", "screens", "sync_state")


@pytest.mark.parametrize(
    "rare",
    [
        # the Planner's groups that `add` never calls join it on first use (sbp.planner.deferred)
        pytest.param({f"sbp.planner.{name}" for name in DEFERRED_GROUPS}, id="planner-groups"),
        # receipt kinds and keys: read by `--receipt` and by undo, not by a plain add
        pytest.param({"sbp.core.receipts"}, id="receipts"),
        # the sync log's encodings: a sync reads and writes them, an add only queues its change
        pytest.param({"sbp.core.sync.log"}, id="sync-log"),
        # reading a damaged store's expenses one by one, and the query matching it needs
        pytest.param({"sbp.store.sqlite.rescue", "sbp.store.query"}, id="rescue"),
        # the terminal's session is read as UTF-8, a codec that is always loaded already
        pytest.param({"encodings.ascii"}, id="ascii-codec"),
    ],
)
def test_adding_an_expense_leaves_what_it_never_uses_unimported(
    tmp_path: Path, rare: set[str]
) -> None:
    """Each module `sbp add` imports costs every run start-up time: these it has no use for."""
    found = probe(tmp_path, "add", "12.50", "coffee")

    assert found["code"] == 0
    assert set(found["modules"]) & rare == set()


def test_start_up_leaves_the_garbage_collector_nearly_idle(tmp_path: Path) -> None:
    """Start-up makes only objects that live as long as the process; at Python's default
    threshold the collector scanned them some 30 times per `sbp add` (about 5 ms)."""
    found = probe(tmp_path, "add", "12.50", "coffee")

    assert found["code"] == 0
    assert len(found["gc"]) <= 3


CLOUD_LIBRARIES = {"boto3", "botocore", "keyring", "urllib3", "filelock"}


def receipt_photo(home: Path) -> Path:
    photo = home / "lunch.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    return photo


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("add", "12.50", "coffee"), 0),
        (("list",), 0),
        (("status",), 0),
        (("receipt", "list"), 0),
        (("whoami",), 8),
        (("alerts",), 8),
        (("report", "--cloud"), 8),
        (("logout",), 0),
    ],
)
def test_signed_out_commands_reach_no_network_and_load_no_cloud_library(
    tmp_path: Path, args: tuple[str, ...], code: int
) -> None:
    found = probe(tmp_path, *args)

    assert found["code"] == code
    assert found["connections"] == []
    assert found["packages"] & CLOUD_LIBRARIES == set()


def test_a_receipt_kept_signed_out_reaches_no_network(tmp_path: Path) -> None:
    photo = receipt_photo(tmp_path)

    found = probe(tmp_path, "add", "23.90", "lunch", "--receipt", str(photo))

    assert found["code"] == 0 and found["connections"] == []
    assert found["packages"] & CLOUD_LIBRARIES == set()
    assert len(list((tmp_path / "receipts").rglob("*.png"))) == 1


def test_adding_an_expense_signed_in_waits_for_no_network(tmp_path: Path) -> None:
    """`sbp add` on a signed-in device: local first, so no gateway, no AWS, no keyring."""
    from sbp.cloud.device_state import Account, DeviceState, Resources, write_state

    resources = Resources("us-east-1", "sbp-replica", "sbp-data", "http://127.0.0.1:9/q")
    account = Account(
        "01KA11CE00000000000000000A", "ada", "http://127.0.0.1:9", resources, "keyring"
    )
    write_state(tmp_path, DeviceState("laptop0000000001").signed_in(account))

    found = probe(tmp_path, "add", "12.50", "coffee")

    assert found["code"] == 0 and found["connections"] == []
    assert found["packages"] & (CLOUD_LIBRARIES | NEVER) == set()


def test_the_probe_would_see_a_connection(tmp_path: Path) -> None:
    """A signed-out `sbp login` to a gateway tries to connect: the probe records it."""
    login = ("login", "--gateway", "http://127.0.0.1:9", "-u", "ada", "--password-stdin")

    found = probe(tmp_path, *login, stdin=b"a long enough phrase\n")

    assert found["code"] == 9  # the gateway could not be reached
    assert found["connections"] != []
