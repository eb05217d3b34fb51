"""Every statement of the bank corpus imports exactly as it should with no options; a file that
cannot says which one `--map` key fixes it, and following that hint imports it exactly."""

from __future__ import annotations

import re
from typing import Any

import pytest
from corpus import BANKS, check, corpus

from sbp.planner import Planner
from sbp.store.sqlite import SqliteLedger

ENTRIES = corpus()
NEEDS_A_MAP = [entry for entry in ENTRIES if entry.get("map")]


def test_the_corpus_has_files_of_every_kind() -> None:
    kinds = {entry["file"].rsplit(".", 1)[1] for entry in ENTRIES}

    assert kinds >= {"csv", "tsv", "ofx", "qfx", "qif"}
    assert len(ENTRIES) >= 60
    assert sorted(p.name for p in BANKS.iterdir() if p.name != "corpus.json") == sorted(
        entry["file"] for entry in ENTRIES
    )


@pytest.mark.parametrize("entry", ENTRIES, ids=[entry["file"] for entry in ENTRIES])
def test_each_statement_reads_exactly_as_expected(entry: dict[str, Any]) -> None:
    outcome = check(entry)

    if entry.get("map"):
        key = next(iter(entry["map"]))
        assert f"--map {key}=" in outcome.hint, outcome.problem
        outcome = check(entry, entry["map"])
    assert outcome.problem == ""


@pytest.mark.parametrize("entry", NEEDS_A_MAP, ids=[entry["file"] for entry in NEEDS_A_MAP])
def test_following_the_hint_imports_the_file(entry: dict[str, Any]) -> None:
    offered = re.findall(r"--map (\w+)=(\S+)", check(entry).hint)

    assert offered
    assert any(check(entry, {key: value}).problem == "" for key, value in offered)


@pytest.mark.parametrize("entry", ENTRIES, ids=[entry["file"] for entry in ENTRIES])
def test_each_statement_is_stored_whole(tmp_path: Any, entry: dict[str, Any]) -> None:
    from bank_files import PinnedClock

    ledger = SqliteLedger(tmp_path / "sbp.db")
    planner = Planner(ledger, PinnedClock(), base_currency=entry.get("store", "USD"))
    try:
        with (BANKS / entry["file"]).open("rb") as stream:
            result = planner.import_file(entry["file"], stream, mapping=entry.get("map"))
        stored = planner.list_expenses(start="2000-01-01", end="2099-12-31")
    finally:
        ledger.close()

    assert (result.invalid, result.added, len(stored)) == ([], entry["rows"], entry["rows"])
    assert sum(result.skipped.values()) == entry["skipped"]
