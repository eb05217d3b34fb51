"""The SQLite store's file: numbered migrations, WAL mode, clear refusals of unusable stores."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from sbp.core.errors import StoreDamaged, StoreUnavailable
from sbp.core.ids import new_ulid
from sbp.core.model import Budget, CategorySource, Expense, ExpenseQuery
from sbp.core.periods import Month
from sbp.core.undo import ChangeKind, UndoEntry
from sbp.store.migrations import MIGRATIONS
from sbp.store.sqlite import SqliteLedger, migrate, opening, schema

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
NOV = Month(2026, 11)
TABLES = {"settings", "expenses", "aggregates", "budgets", "rules", "learned", "notifications"}


def user_version(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {name for (name,) in rows}


def coffee(amount: str = "4.20") -> Expense:
    return Expense(
        new_ulid(NOW),
        date(2026, 11, 23),
        Decimal(amount),
        "USD",
        "Blue Bottle",
        "coffee",
        CategorySource.DEFAULT,
        NOW,
        NOW,
    )


def test_a_new_store_gets_every_migration(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "folder" / "sbp.db"

    SqliteLedger(path).close()

    assert user_version(path) == len(MIGRATIONS)
    assert tables(path) >= TABLES | {"undo_journal"}


def test_a_new_store_has_big_pages_and_an_older_one_keeps_its_own(tmp_path: Path) -> None:
    older = tmp_path / "older.db"
    with sqlite3.connect(older) as conn:  # a file made with SQLite's default pages
        conn.execute("CREATE TABLE outside (x)")
    SqliteLedger(tmp_path / "new.db").close()
    SqliteLedger(older).close()

    for path, size in ((tmp_path / "new.db", opening.PAGE_BYTES), (older, 4096)):
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA page_size").fetchone()[0] == size


def test_the_store_runs_in_wal_mode_with_a_busy_timeout(tmp_path: Path) -> None:
    ledger = SqliteLedger(tmp_path / "sbp.db")

    assert ledger.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert ledger.connection.execute("PRAGMA busy_timeout").fetchone()[0] == opening.BUSY_TIMEOUT_MS
    with sqlite3.connect(tmp_path / "sbp.db") as other:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # kept in the file
    ledger.close()


def test_reopening_a_store_changes_nothing_and_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "sbp.db"
    first = SqliteLedger(path)
    expense = coffee()
    first.add(expense)
    first.set_budget(Budget("coffee", Decimal("60.00"), "USD"))
    first.push_undo(UndoEntry(ChangeKind.ADD, "added", None, {"id": expense.id}))
    first.set_setting("base_currency", "USD")
    first.close()

    for _ in range(3):
        again = SqliteLedger(path)
        assert again.get(expense.id) == expense
        again.close()

    reopened = SqliteLedger(path)
    assert user_version(path) == len(MIGRATIONS)
    assert reopened.month_totals(NOV)[0].spent == Decimal("4.20")
    assert reopened.budgets() == [Budget("coffee", Decimal("60.00"), "USD")]
    assert reopened.setting("base_currency") == "USD"
    assert reopened.pop_undo() == UndoEntry(ChangeKind.ADD, "added", None, {"id": expense.id})
    reopened.close()


def test_migrating_a_migrated_connection_again_does_nothing(tmp_path: Path) -> None:
    ledger = SqliteLedger(tmp_path / "sbp.db")

    assert migrate(ledger.connection) == len(MIGRATIONS)
    assert migrate(ledger.connection) == len(MIGRATIONS)
    ledger.close()


def test_a_store_from_a_newer_sbp_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "sbp.db"
    SqliteLedger(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")

    with pytest.raises(StoreUnavailable) as refused:
        SqliteLedger(path)

    assert str(refused.value) == (
        f"the store was written by a newer sbp (schema {len(MIGRATIONS) + 1});"
        " upgrade sbp to open it"
    )


def test_a_file_that_is_not_a_store_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "sbp.db"
    path.write_bytes(b"this is a shopping list, not a database" * 100)

    with pytest.raises(StoreUnavailable, match=f"cannot open the store at {path}"):
        SqliteLedger(path)


@pytest.mark.parametrize("version", range(1, len(MIGRATIONS) + 1))
def test_a_store_from_an_older_sbp_is_brought_forward_with_its_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, version: int
) -> None:
    path = tmp_path / "sbp.db"
    expense = coffee()
    with monkeypatch.context() as older:
        older.setattr(schema, "MIGRATIONS", MIGRATIONS[:version])
        old = SqliteLedger(path)
        old.connection.execute(
            "INSERT INTO expenses (id, date, amount_minor, currency, description, category,"
            " category_source, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
            (
                expense.id,
                "2026-11-23",
                420,
                "USD",
                "Blue Bottle",
                "coffee",
                "default",
                NOW.isoformat(),
                NOW.isoformat(),
            ),
        )
        old.close()
    assert user_version(path) == version

    current = SqliteLedger(path)

    assert user_version(path) == len(MIGRATIONS)
    assert current.get(expense.id) == expense
    assert current.month_totals(NOV)[0].spent == Decimal("4.20")
    current.close()


def test_a_new_migration_step_applies_once_and_keeps_the_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "sbp.db"
    expense = coffee()
    ledger = SqliteLedger(path)
    ledger.add(expense)
    ledger.close()
    step = "ALTER TABLE expenses ADD COLUMN mood TEXT NOT NULL DEFAULT 'calm';"
    monkeypatch.setattr(schema, "MIGRATIONS", (*MIGRATIONS, step))

    upgraded = SqliteLedger(path)
    upgraded.close()
    again = SqliteLedger(path)  # the step must not run twice (it would fail if it did)

    assert user_version(path) == len(MIGRATIONS) + 1
    assert again.get(expense.id) == expense
    assert again.connection.execute("SELECT mood FROM expenses").fetchone()[0] == "calm"
    again.close()


def test_a_failing_migration_step_leaves_the_store_at_the_version_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "sbp.db"
    SqliteLedger(path).close()
    broken = "CREATE TABLE half (x INTEGER);\nTHIS IS NOT SQL;"
    monkeypatch.setattr(schema, "MIGRATIONS", (*MIGRATIONS, broken))

    with pytest.raises(StoreUnavailable, match="cannot prepare the store"):
        SqliteLedger(path)

    assert user_version(path) == len(MIGRATIONS)
    assert "half" not in tables(path)


def test_a_write_that_stays_locked_out_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "sbp.db"
    ledger = SqliteLedger(path)
    ledger.close()
    monkeypatch.setattr(opening, "BUSY_TIMEOUT_MS", 50)
    ledger = SqliteLedger(path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with (
            pytest.raises(StoreUnavailable, match="locked by another sbp process"),
            ledger.transaction(),
        ):
            ledger.add(coffee())
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    assert ledger.query(ExpenseQuery()) == []
    ledger.add(coffee())  # usable again once the other writer is done
    ledger.close()


def test_a_new_store_is_made_whole_before_it_appears(tmp_path: Path) -> None:
    path = tmp_path / "sbp.db"

    ledger = SqliteLedger(path)
    ledger.close()

    assert sorted(p.name for p in tmp_path.iterdir()) == ["sbp.db"]  # no half-made leftovers
    assert user_version(path) == len(MIGRATIONS)


def test_an_empty_store_file_is_left_alone_and_refused(tmp_path: Path) -> None:
    path = tmp_path / "sbp.db"
    path.touch()

    with pytest.raises(StoreDamaged, match="is empty \\(0 bytes\\)"):
        SqliteLedger(path)

    assert path.stat().st_size == 0
