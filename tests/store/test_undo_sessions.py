"""The undo journal belongs to the terminal a change was made from: two terminals each taking
back their own last change never take back each other's, even at the same moment."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from sbp.core.model import ExpenseQuery
from sbp.core.undo import ChangeKind, UndoEntry
from sbp.store.sqlite import SqliteLedger


def entry(summary: str) -> UndoEntry:
    return UndoEntry(ChangeKind.ADD, summary, None, {"id": summary})


def test_each_session_takes_back_only_its_own_changes(tmp_path: Path) -> None:
    mine = SqliteLedger(tmp_path / "sbp.db", undo_scope="terminal one")
    theirs = SqliteLedger(tmp_path / "sbp.db", undo_scope="terminal two")
    mine.push_undo(entry("mine 1"))
    theirs.push_undo(entry("theirs 1"))
    mine.push_undo(entry("mine 2"))
    theirs.push_undo(entry("theirs 2"))

    assert [mine.pop_undo() for _ in range(3)] == [entry("mine 2"), entry("mine 1"), None]
    assert [theirs.pop_undo() for _ in range(3)] == [entry("theirs 2"), entry("theirs 1"), None]
    mine.close()
    theirs.close()


def test_changes_from_before_sessions_can_be_undone_from_any_terminal(tmp_path: Path) -> None:
    older = SqliteLedger(tmp_path / "sbp.db")  # a journal entry without a session
    older.push_undo(entry("before the upgrade"))
    older.close()
    mine = SqliteLedger(tmp_path / "sbp.db", undo_scope="terminal one")
    mine.push_undo(entry("mine"))

    assert [mine.pop_undo() for _ in range(3)] == [
        entry("mine"), entry("before the upgrade"), None,
    ]  # fmt: skip
    mine.close()


# Each worker is a terminal of its own (a new POSIX session, as a terminal window's shell is):
# it adds and undoes ROUNDS times, through the same composition root as `sbp`, and counts
# the undos that took back anything but its own add.
WORKER = """
import json, sys, time
from pathlib import Path
from sbp.bootstrap import build_planner
from sbp.config import load_settings

name, rounds, folder = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
planner = build_planner(load_settings())
(folder / f"ready-{name}").touch()
while not (folder / "go").exists():
    time.sleep(0.001)
wrong = []
for n in range(rounds):
    planner.add_expense("1.25", f"{name} {n}")
    undone = planner.undo()
    if f"'{name} {n}'" not in undone.summary:
        wrong.append(undone.summary)
print(json.dumps(wrong))
"""
ROUNDS = 100


def test_two_terminals_adding_and_undoing_at_once_never_undo_each_others_adds(
    tmp_path: Path, sbp_home: Path
) -> None:
    names = ["left", "right"]
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, name, str(ROUNDS), str(tmp_path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        for name in names
    ]
    while not all((tmp_path / f"ready-{name}").exists() for name in names):
        time.sleep(0.005)
    (tmp_path / "go").touch()
    results = [worker.communicate(timeout=300) for worker in workers]

    for worker, (out, err) in zip(workers, results, strict=True):
        assert worker.returncode == 0, err
        assert json.loads(out) == []
    ledger = SqliteLedger(sbp_home / "sbp.db")
    assert ledger.query(ExpenseQuery()) == []  # every add was taken back, by its own terminal
    ledger.close()
