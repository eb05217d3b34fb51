"""Financial data is private: the data folder 0700 and the store 0600 when they are created,
whatever the umask; the files a person asks for (exports, reports) keep the person's umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sbp_process import Sbp


@pytest.fixture
def filled(sbp: Sbp) -> Sbp:
    sbp.ok("add", "12.50", "coffee", "-d", "2026-11-02")
    return sbp


@pytest.fixture
def usual_umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_store_is_private_whatever_the_umask(tmp_path: Path, usual_umask: None) -> None:
    from sbp.store.sqlite import SqliteLedger

    home = tmp_path / "data" / "sbp"
    Sbp(home).ok("add", "12.50", "coffee")
    ledger = SqliteLedger(home / "sbp.db")  # an open store has its -wal and -shm files
    try:
        files = {name: mode(home / name) for name in os.listdir(home)}
    finally:
        ledger.close()

    assert mode(home) == 0o700
    assert files == {"sbp.db": 0o600, "sbp.db-wal": 0o600, "sbp.db-shm": 0o600}
    assert mode(tmp_path / "data") == 0o755  # the folders above are the system's usual


def test_an_existing_data_folder_keeps_its_mode(sbp_home: Path, usual_umask: None) -> None:
    sbp_home.chmod(0o750)

    Sbp(sbp_home).ok("add", "12.50", "coffee")

    assert mode(sbp_home) == 0o750
    assert mode(sbp_home / "sbp.db") == 0o600


@pytest.mark.parametrize(("umask", "expected"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_outputs_asked_for_keep_the_umask(
    filled: Sbp, tmp_path: Path, umask: int, expected: int
) -> None:
    old = os.umask(umask)
    try:
        filled.ok("export", "-o", str(tmp_path / "all.csv"))
        filled.ok("report", "--month", "2026-11", "-o", str(tmp_path / "nov.pdf"))
    finally:
        os.umask(old)

    assert (mode(tmp_path / "all.csv"), mode(tmp_path / "nov.pdf")) == (expected, expected)


def test_a_replaced_output_keeps_the_mode_it_had(filled: Sbp, tmp_path: Path) -> None:
    target = tmp_path / "all.csv"
    target.write_text("old\n")
    target.chmod(0o640)

    filled.ok("export", "-o", str(target))

    assert mode(target) == 0o640 and "coffee" in target.read_text()
