"""Two processes writing one store at once both succeed, even on a store neither has created."""

from __future__ import annotations

import gc
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

import pytest

from sbp.core.model import ExpenseQuery
from sbp.core.periods import Month
from sbp.store.sqlite import SqliteLedger

# Each writer waits at a gate so both open (and migrate) the store and write at the same time.
WRITER = """
import sys, time
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from sbp.core.ids import new_ulid
from sbp.core.model import CategorySource, Expense
from sbp.store.sqlite import SqliteLedger

path, name, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
(path.parent / f"ready-{name}").touch()
while not (path.parent / "go").exists():
    time.sleep(0.001)
ledger = SqliteLedger(path)
for n in range(count):
    now = datetime.now(UTC)
    with ledger.transaction():
        ledger.add(Expense(new_ulid(now), date(2026, 11, 23), Decimal("1.25"), "USD",
                           f"{name} {n}", name, CategorySource.DEFAULT, now, now))
ledger.close()
print("stored", count)
"""
WRITES = 150


def run_writers(folder: Path, names: list[str]) -> list[subprocess.CompletedProcess[str]]:
    path = folder / "sbp.db"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), name, str(WRITES)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in names
    ]
    while not all((folder / f"ready-{name}").exists() for name in names):
        time.sleep(0.005)
    (folder / "go").touch()
    results = []
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(writer.args, writer.returncode, out, err))
    return results


def test_two_processes_writing_a_new_store_at_once_both_succeed(tmp_path: Path) -> None:
    results = run_writers(tmp_path, ["alice", "bob"])

    for result in results:
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == f"stored {WRITES}"
    ledger = SqliteLedger(tmp_path / "sbp.db")
    assert len(ledger.query(ExpenseQuery())) == 2 * WRITES
    totals = {t.category: (t.spent, t.count) for t in ledger.month_totals(Month(2026, 11))}
    assert totals == {
        "alice": (Decimal("1.25") * WRITES, WRITES),
        "bob": (Decimal("1.25") * WRITES, WRITES),
    }
    ledger.close()


def test_a_reader_sees_another_processs_writes_and_notices_them(tmp_path: Path) -> None:
    SqliteLedger(tmp_path / "sbp.db").close()
    reader = SqliteLedger(tmp_path / "sbp.db")
    seen = reader.outside_changes()

    results = run_writers(tmp_path, ["carol"])

    assert results[0].returncode == 0, results[0].stderr
    [total] = reader.month_totals(Month(2026, 11))
    assert (total.spent, total.count) == (Decimal("1.25") * WRITES, WRITES)
    assert reader.outside_changes() != seen
    reader.close()


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
def test_a_ledger_made_on_a_worker_thread_can_be_let_go_of_on_another(tmp_path: Path) -> None:
    made: list[SqliteLedger] = []
    worker = threading.Thread(target=lambda: made.append(SqliteLedger(tmp_path / "sbp.db")))
    worker.start()
    worker.join()

    made.clear()  # its last reference goes here, on the main thread (or in a collection)
    gc.collect()

    assert SqliteLedger(tmp_path / "sbp.db").import_batches() == []
