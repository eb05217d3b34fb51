"""The SQLite store's search text: written by every ledger write, brought into older stores by
their upgrade, and never trusted blindly for rows another tool wrote."""

from __future__ import annotations

import io
import sqlite3
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from sbp.core.ids import new_ulid
from sbp.core.model import CategorySource, Expense, ExpenseQuery
from sbp.core.periods import Month
from sbp.planner import Planner
from sbp.store.migrations import MIGRATIONS
from sbp.store.sqlite import SqliteLedger, expense_rows, schema

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
SEARCH_STEP = 3  # the migration that added the folded search text


class Clock:
    def now(self) -> datetime:
        return NOW

    def today(self) -> date:
        return NOW.date()


def expense(description: str, note: str = "", step: int = 0) -> Expense:
    at = NOW + timedelta(milliseconds=step)
    return Expense(
        id=new_ulid(at),
        date=date(2026, 11, 1 + step % 28),
        amount=Decimal("4.20"),
        currency="USD",
        description=description,
        category="coffee",
        category_source=CategorySource.DEFAULT,
        created_at=at,
        updated_at=at,
        note=note,
    )


def found(ledger: SqliteLedger, search: str) -> list[str]:
    return sorted(e.description for e in ledger.query(ExpenseQuery(search=search)))


def unfolded(ledger: SqliteLedger) -> int:
    sql = "SELECT count(*) FROM expenses WHERE search_text IS NULL"
    return int(ledger.connection.execute(sql).fetchone()[0])


def test_every_write_of_the_ledger_stores_the_folded_text(tmp_path: Path) -> None:
    ledger = SqliteLedger(tmp_path / "sbp.db")
    planner = Planner(ledger, Clock(), base_currency="USD")
    added = expense("CAFÉ Central", note="Zoë")
    ledger.add(added)
    ledger.replace(added._replace(description="ÉPICERIE", note=""))
    bank = "Date,Description,Amount\n2026-11-02,BÄCKEREI MÜLLER,-3.10\n2026-11-03,Uber,-9.00\n"
    planner.import_file("bank.csv", io.BytesIO(bank.encode()))

    assert unfolded(ledger) == 0
    stored = dict(ledger.connection.execute("SELECT description, search_text FROM expenses"))
    assert stored == {"ÉPICERIE": "épicerie", "BÄCKEREI MÜLLER": "bäckerei müller", "Uber": "uber"}
    assert found(ledger, "müller") == ["BÄCKEREI MÜLLER"]
    ledger.close()


def test_upgrading_a_store_from_before_search_text_keeps_its_data_and_finds_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "sbp.db"
    kept = [expense("CAFÉ Central", "with Zoë", 1), expense("Uber", "", 2), expense("Tesco", "", 3)]
    with monkeypatch.context() as older:
        older.setattr(schema, "MIGRATIONS", MIGRATIONS[: SEARCH_STEP - 1])
        old = SqliteLedger(path)
        for each in kept:
            old.connection.execute(
                "INSERT INTO expenses (id, date, amount_minor, currency, description, category,"
                " category_source, note, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (each.id, each.date.isoformat(), 420, "USD", each.description, "coffee",
                 "default", each.note, NOW.isoformat(), NOW.isoformat()),
            )  # fmt: skip
        old.close()

    upgraded = SqliteLedger(path)

    assert [upgraded.get(each.id) for each in kept] == [
        each._replace(created_at=NOW, updated_at=NOW) for each in kept
    ]
    assert upgraded.month_totals(Month(2026, 11))[0].spent == Decimal("12.60")
    assert unfolded(upgraded) == 0
    assert found(upgraded, "café") == ["CAFÉ Central"]
    assert found(upgraded, "ZOË") == ["CAFÉ Central"]
    assert found(upgraded, "e") == ["CAFÉ Central", "Tesco", "Uber"]
    page = upgraded.page(ExpenseQuery(search="E", limit=2), 1, "date")
    assert [e.description for e in page] == ["Uber", "CAFÉ Central"]
    upgraded.close()


def test_rows_another_tool_wrote_or_edited_are_still_found(tmp_path: Path) -> None:
    path = tmp_path / "sbp.db"
    ledger = SqliteLedger(path)
    ours = expense("Blue Bottle", step=1)
    ledger.add(ours)
    theirs = expense("ÉCOLE Maternelle", note="Cantine", step=2)
    with sqlite3.connect(path) as other:  # knows nothing of search_text, nor of py_lower
        other.execute(
            "INSERT INTO expenses (id, date, amount_minor, currency, description, category,"
            " category_source, note, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (theirs.id, "2026-11-03", 420, "USD", theirs.description, "coffee", "default",
             theirs.note, NOW.isoformat(), NOW.isoformat()),
        )  # fmt: skip
        other.execute("UPDATE expenses SET description = 'Ritual' WHERE id = ?", (ours.id,))

    assert found(ledger, "école") == ["ÉCOLE Maternelle"]
    assert found(ledger, "CANTINE") == ["ÉCOLE Maternelle"]
    assert found(ledger, "ritual") == ["Ritual"]
    assert found(ledger, "bottle") == []
    for order in ("date", "amount", "description", "category"):
        page = ledger.page(ExpenseQuery(search="É", limit=10), 0, order)
        assert [e.description for e in page] == ["ÉCOLE Maternelle"]
    ledger.close()


def test_an_edit_that_changes_only_the_case_is_still_found_and_refolded_on_the_next(
    tmp_path: Path,
) -> None:
    ledger = SqliteLedger(tmp_path / "sbp.db")
    first = expense("Tesco")
    ledger.add(first)

    # the same folded text: the store cannot tell this from another tool's edit, and forgets it
    ledger.replace(first._replace(description="TESCO"))
    assert found(ledger, "tesco") == ["TESCO"]
    ledger.replace(first._replace(description="Tesco Extra"))

    assert unfolded(ledger) == 0
    assert found(ledger, "EXTRA") == ["Tesco Extra"]
    ledger.close()


def test_a_search_page_is_found_in_the_date_index_without_reading_the_table(
    tmp_path: Path,
) -> None:
    ledger = SqliteLedger(tmp_path / "sbp.db")
    for query in (
        ExpenseQuery(search="café", limit=101),
        ExpenseQuery(search="café", category="coffee", limit=101),
        ExpenseQuery(search="café", start=date(2026, 11, 1), end=date(2026, 11, 30), limit=101),
    ):
        sql, params = expense_rows.select(query, "date", 0)
        plan = " / ".join(
            row[3] for row in ledger.connection.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        )

        assert "COVERING INDEX expenses_by_date" in plan
        assert "SCAN expenses USING INDEX expenses_unfolded" in plan  # none, in a store of ours
    ledger.close()
