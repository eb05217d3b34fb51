"""A store with random bytes in some pages: found out, never written again, what can be read
saved by `sbp export`, and used again as soon as a backup is put back."""

from __future__ import annotations

import csv
import hashlib
import io
import random
import shutil
import sqlite3
from pathlib import Path

import pytest
from sbp_process import Sbp

ROWS = 4000


def expense_pages(db: Path) -> list[int]:
    """The numbers of the pages holding the rows of `expenses` (leaves of its b-tree)."""
    with sqlite3.connect(db) as conn:
        try:
            rows = conn.execute(
                "SELECT pageno FROM dbstat WHERE name = 'expenses' AND pagetype = 'leaf'"
                " ORDER BY pageno"
            ).fetchall()
        except sqlite3.OperationalError:  # an SQLite built without dbstat
            pytest.skip("this SQLite cannot say which pages hold which table (no dbstat)")
    return [page for (page,) in rows]


def scribble(db: Path, pages: list[int]) -> None:
    """Random bytes over most of each page, as a failing disk or a bad copy leaves them."""
    with sqlite3.connect(db) as conn:
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    noise = random.Random(11)
    with db.open("r+b") as handle:
        for page in pages:
            handle.seek((page - 1) * size + 8)
            handle.write(noise.randbytes(size - 16))


def digest(home: Path) -> dict[str, str]:
    """The bytes of the store (and of its write-ahead log, if it holds anything)."""
    files = [home / "sbp.db", home / "sbp.db-wal"]
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in files
        if p.exists() and p.stat().st_size
    }


@pytest.fixture
def damaged(sbp: Sbp, tmp_path: Path) -> tuple[Sbp, list[dict[str, str]], Path]:
    """A store of ROWS imported expenses plus one typed, two pages of which are scribbled on;
    its export from before the damage; a backup of the sound file."""
    bank = tmp_path / "bank.csv"
    lines = ["Date,Description,Amount"]
    lines += [f"2026-11-{1 + n % 28:02d},MARKET STALL {n},-{n % 50 + 1}.10" for n in range(ROWS)]
    bank.write_text("\n".join(lines) + "\n")
    sbp.ok("import", str(bank))
    sbp.ok("add", "12.50", "coffee", "--date", "2026-11-30")
    sbp.ok("budget", "set", "coffee", "60")
    sound = list(csv.DictReader(io.StringIO(sbp.ok("export").out)))
    db = sbp.home / "sbp.db"
    backup = tmp_path / "backup.db"
    shutil.copy(db, backup)
    leaves = expense_pages(db)
    scribble(db, [leaves[len(leaves) // 3], leaves[2 * len(leaves) // 3]])
    return sbp, sound, backup


def test_reading_the_damage_says_so_in_one_line_and_exits_7(damaged: tuple) -> None:
    sbp, _, _ = damaged

    run = sbp("list", "--month", "2026-11")

    assert run.code == 7, run.err
    assert run.err.count("\n") == 1 and "Traceback" not in run.err
    assert "is damaged (" in run.err
    assert "restore it from a backup, or save what can still be read with `sbp export" in run.err


def test_once_found_damaged_the_store_is_never_written(damaged: tuple) -> None:
    sbp, _, _ = damaged
    assert sbp("list", "--month", "2026-11").code == 7  # finds the damage
    before = digest(sbp.home)

    for args in (
        ["add", "3", "tea"],
        ["budget", "set", "tea", "10"],
        ["undo"],
        ["rules", "add", "market", "groceries"],
        ["notifications", "--mark-read"],
    ):
        run = sbp(*args)
        assert run.code == 7, (args, run.err)
        assert run.err.count("\n") == 1 and "damaged" in run.err, (args, run.err)

    assert digest(sbp.home) == before


def test_a_write_that_runs_into_the_damage_is_refused_and_changes_nothing(
    damaged: tuple,
) -> None:
    sbp, _, _ = damaged
    [batch] = sbp.json("import", "list")
    before = digest(sbp.home)

    run = sbp("import", "undo", batch["batch"])  # deletes by scanning the damaged table

    assert run.code == 7, run.err
    assert run.err.count("\n") == 1 and "damaged" in run.err
    assert digest(sbp.home) == before
    assert sbp("add", "3", "tea").code == 7  # and from now on nothing is written


def test_export_saves_every_expense_that_can_still_be_read(damaged: tuple, tmp_path: Path) -> None:
    sbp, sound, _ = damaged
    rescue = tmp_path / "rescue.csv"

    run = sbp("export", "-o", str(rescue))

    assert run.code == 7, run.err
    assert run.err.count("\n") == 1
    assert "expenses could not be read; everything else was read" in run.err
    saved = list(csv.DictReader(rescue.open()))
    lost = int(run.err.split(": ")[-1].split()[0])
    assert 0 < lost < 400
    assert len(saved) == len(sound) - lost
    assert {row["id"]: row for row in saved}.items() <= {row["id"]: row for row in sound}.items()


def test_reading_that_avoids_the_damage_still_works(damaged: tuple) -> None:
    sbp, _, _ = damaged

    assert sbp("status", "--month", "2026-11").code == 0
    assert sbp("budget", "list").code == 0


def test_a_restored_backup_is_used_again_at_once(damaged: tuple) -> None:
    sbp, sound, backup = damaged
    assert sbp("list", "--month", "2026-11").code == 7
    shutil.copy(backup, sbp.home / "sbp.db")

    added = sbp.add("3", "tea", "--date", "2026-11-30")

    assert added in {row["id"] for row in sbp.json("list", "--month", "2026-11")}
    assert not (sbp.home / "sbp.db.damaged").exists()
    assert len(list(csv.DictReader(io.StringIO(sbp.ok("export").out)))) == len(sound) + 1


def test_an_empty_store_file_is_refused_not_taken_for_a_new_store(sbp: Sbp) -> None:
    (sbp.home / "sbp.db").write_bytes(b"")

    run = sbp("add", "12.50", "coffee")

    assert run.code == 7
    assert run.err == (
        f"sbp: error: the store at {sbp.home / 'sbp.db'} is empty (0 bytes): it was cut short,"
        " so sbp will not use it (restore it from a backup, or delete the empty file to start"
        " a new store)\n"
    )
    assert (sbp.home / "sbp.db").stat().st_size == 0
    assert sbp("list").code == 7


def misdirect_an_index_page(db: Path) -> None:
    """Point one child of the date index's root at its neighbour's page, as a bad sector can:
    SQLite then walks that neighbour twice and never the page left out, and says nothing."""
    with sqlite3.connect(db) as conn:
        [(root,)] = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'expenses_by_date'"
        )
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    with db.open("r+b") as handle:
        handle.seek((root - 1) * size)
        page = bytearray(handle.read(size))
        assert page[0] == 2, "the index's root is not an interior page"
        cells = [int.from_bytes(page[12 + 2 * i : 14 + 2 * i], "big") for i in range(6)]
        page[cells[4] : cells[4] + 4] = page[cells[5] : cells[5] + 4]
        handle.seek((root - 1) * size)
        handle.write(page)


def test_a_rescue_never_doubles_an_expense_and_counts_every_one_it_lost(
    sbp: Sbp, tmp_path: Path
) -> None:
    bank = tmp_path / "bank.csv"
    lines = ["Date,Description,Amount"]
    lines += [f"2026-11-{1 + n % 28:02d},MARKET STALL {n},-{n % 50 + 1}.10" for n in range(ROWS)]
    bank.write_text("\n".join(lines) + "\n")
    sbp.ok("import", str(bank))
    sound = {row["id"]: row for row in csv.DictReader(io.StringIO(sbp.ok("export").out))}
    db = sbp.home / "sbp.db"
    misdirect_an_index_page(db)
    leaves = expense_pages(db)
    scribble(db, [leaves[len(leaves) // 3]])
    assert sbp("list", "--month", "2026-11").code == 7  # the damage is found
    rescue = tmp_path / "rescue.csv"

    run = sbp("export", "-o", str(rescue))

    assert run.code == 7, run.err
    saved = list(csv.DictReader(rescue.open()))
    ids = [row["id"] for row in saved]
    assert len(ids) == len(set(ids))  # each expense once
    assert {row["id"]: row for row in saved}.items() <= sound.items()
    lost = int(run.err.split("damaged: ")[1].split()[0])
    assert len(saved) + lost == len(sound)  # what it says it lost is all it lost
