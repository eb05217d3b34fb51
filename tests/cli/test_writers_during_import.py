"""A long import does not lock other writers out: they wait for it, saying so, and then write.

The import reads standard input, so the test holds it mid-way for as long as it likes (rows
stored, transaction open, write lock held) without a big file or a slow machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sbp_process import Sbp

from sbp.core.errors import StoreUnavailable
from sbp.core.model import ExpenseQuery
from sbp.store.sqlite import SqliteLedger, opening

FIRST, REST = 25_000, 5_000  # rows sent before the pause (a few stored chunks), and after
STORED = 20_000  # of them, those an import stores before it waits for more (chunks of 10,000)


def stored_so_far(sbp: Sbp) -> int:
    """How many rows the running import says it has stored (0 before it says anything)."""
    try:
        return int(json.loads((sbp.home / "sbp.db.busy").read_text())["rows"])
    except (OSError, ValueError, KeyError):
        return 0


def rows(start: int, count: int) -> bytes:
    return "".join(
        f"2026-11-{1 + n % 28:02d},MARKET {n},-{1 + n % 90}.00\n"
        for n in range(start, start + count)
    ).encode()


@contextmanager
def import_held_open(sbp: Sbp) -> Iterator[subprocess.Popen[bytes]]:
    """`sbp import -` with FIRST rows stored and the rest not yet sent; finished on exit."""
    process = subprocess.Popen(
        [sys.executable, "-m", "sbp", "import", "-"],
        env=sbp.env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdin is not None
    process.stdin.write(b"Date,Description,Amount\n" + rows(0, FIRST))
    process.stdin.flush()
    deadline = time.monotonic() + 60
    while stored_so_far(sbp) < STORED and time.monotonic() < deadline:
        time.sleep(0.01)
    assert stored_so_far(sbp) == STORED, "the import never stored its first chunks"
    try:
        yield process
    finally:
        if process.stdin and not process.stdin.closed:
            process.stdin.write(rows(FIRST, REST))
            process.stdin.close()
        process.wait(timeout=120)


def first_line(stream: object, within: float) -> str:
    """The first line a process writes to `stream` (a pipe), or '' if none comes in time."""
    import selectors

    selector = selectors.DefaultSelector()
    selector.register(stream, selectors.EVENT_READ)  # type: ignore[arg-type]
    if not selector.select(timeout=within):
        return ""
    return stream.readline().decode()  # type: ignore[attr-defined, no-any-return]


def writer(sbp: Sbp, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "sbp", *args],
        env=sbp.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_writes_during_a_long_import_wait_for_it_saying_so_then_are_stored(sbp: Sbp) -> None:
    with import_held_open(sbp) as importing:
        writers = [
            writer(sbp, "add", "4.20", "coffee during the import"),
            writer(sbp, "rules", "add", "market", "groceries"),
        ]
        told = [first_line(w.stderr, within=30) for w in writers]
        still_waiting = [w.poll() is None for w in writers]
    done = [w.communicate(timeout=120) for w in writers]

    waiting = (
        f"sbp: waiting for another sbp (pid {importing.pid}) to finish an import"
        f" ({STORED:,} rows stored so far)...\n"
    )
    assert told == [waiting, waiting]
    assert still_waiting == [True, True]
    assert [w.returncode for w in writers] == [0, 0], done
    assert importing.returncode == 0
    assert done[0][0].decode().startswith("added ")
    assert len(sbp.json("list", "--month", "2026-11")) == FIRST + REST
    assert "coffee during the import" in sbp.ok("list").out
    assert [rule["pattern"] for rule in sbp.json("rules", "list")] == ["market"]


def test_without_anyone_to_tell_a_writer_gives_up_and_names_the_import(
    sbp: Sbp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(opening, "BUSY_TIMEOUT_MS", 300)
    sbp.ok("add", "1", "tea")  # the store exists before the import holds it
    with import_held_open(sbp) as importing:
        ledger = SqliteLedger(sbp.home / "sbp.db")  # no one to tell: as the dashboard opens it
        with pytest.raises(StoreUnavailable) as refused, ledger.transaction():
            ledger.set_setting("favourite", "tea")
        ledger.close()

    assert refused.value.message == (
        f"the store is busy: another sbp (pid {importing.pid}) is running an import"
        f" ({STORED:,} rows stored so far)"
    )
    assert refused.value.hint == "try again when it has finished"
    stored = SqliteLedger(sbp.home / "sbp.db")
    assert len(stored.query(ExpenseQuery())) == FIRST + REST + 1
    assert stored.setting("favourite") is None
    stored.close()
