"""Every import is a batch: listed, undone exactly, and a dry run stores nothing at all."""

from __future__ import annotations

from decimal import Decimal

import pytest
from bank_files import import_fixture, import_text

from sbp.core.errors import AmbiguousId, NotFound
from sbp.core.importers import run
from sbp.planner import Planner


def spent(planner: Planner, category: str) -> Decimal:
    return sum(
        (
            t.spent
            for t in planner.ledger.month_totals(planner._month("2026-11"))
            if t.category == category
        ),
        Decimal(0),
    )


def test_undoing_a_batch_removes_exactly_what_it_added(planner: Planner) -> None:
    typed = planner.add_expense("2.00", "coffee by hand", on="2026-11-20").expense
    first = import_fixture(planner, "us_checking_signed.csv")
    second = import_fixture(planner, "checking_statement.ofx")
    assert first.batch_id and second.batch_id

    undone, removed = planner.undo_import(first.batch_id[:10])

    assert (undone.id, removed) == (first.batch_id, 10)
    left = planner.list_expenses(month="2026-11")
    assert {e.import_batch for e in left} == {None, second.batch_id}
    assert typed in left
    assert [b.id for b in planner.import_batches()] == [second.batch_id]


def test_undo_restores_the_monthly_totals(planner: Planner) -> None:
    before = spent(planner, "coffee")
    batch = import_fixture(planner, "checking_statement.ofx").batch_id
    assert spent(planner, "coffee") == before + Decimal("9.50")

    planner.undo_import(batch or "")

    assert spent(planner, "coffee") == before


def test_after_undo_the_same_file_can_be_imported_again(planner: Planner) -> None:
    batch = import_fixture(planner, "card_debit_credit.csv").batch_id
    planner.undo_import(batch or "")

    again = import_fixture(planner, "card_debit_credit.csv")

    assert again.added == 6


def test_undoing_an_unknown_batch_says_so(planner: Planner) -> None:
    with pytest.raises(NotFound, match="no import batch"):
        planner.undo_import("01ZZZZ")


def test_an_ambiguous_batch_prefix_counts_batches_not_expenses(planner: Planner) -> None:
    first = import_fixture(planner, "us_checking_signed.csv")
    second = import_fixture(planner, "card_debit_credit.csv")
    assert first.batch_id and second.batch_id
    shared = 6
    while first.batch_id[: shared + 1] == second.batch_id[: shared + 1]:
        shared += 1

    with pytest.raises(AmbiguousId) as ambiguous:
        planner.undo_import(first.batch_id[:shared])

    message = ambiguous.value.message
    assert "matches 2 import batches" in message and "expense" not in message
    assert ambiguous.value.hint == "type more characters of the batch id"
    assert len(planner.import_batches()) == 2


def test_a_batch_records_its_counts(planner: Planner) -> None:
    import_text(planner, "Date,Description,Amount\n2026-11-02,Tea,-2.00\n")

    result = import_text(
        planner,
        "Date,Description,Amount\n2026-11-02,Tea,-2.00\n2026-11-03,Cake,-4.00\n2026-11-04,X,bad\n",
        name="week.csv",
        skip_invalid=True,
    )

    [latest, _] = planner.import_batches()
    assert (latest.id, latest.source, latest.kind) == (result.batch_id, "week.csv", "csv")
    assert (latest.added, latest.duplicates, latest.invalid) == (1, 1, 1)


def test_a_dry_run_stores_nothing_but_shows_each_row_with_its_fate(planner: Planner) -> None:
    planner.add_expense("3.00", "Blue Bottle", on="2026-11-01")
    import_text(planner, "Date,Description,Amount\n2026-11-05,Tea,-2.00\n")
    before = (planner.list_expenses(month="2026-11"), planner.import_batches())
    text = (
        "Date,Description,Amount\n2026-11-05,Tea,-2.00\n2026-11-02,BLUE BOTTLE,-3.00\n"
        "2026-11-06,Starbucks,-4.10\n2026-11-07,Cake,oops\n"
    )

    result = import_text(planner, text, dry_run=True)

    assert [(r.line, r.status) for r in result.rows] == [
        (2, "duplicate"),
        (3, "possible duplicate"),
        (4, "new"),
        (5, "invalid"),
    ]
    assert result.rows[2].category == "coffee"
    assert result.stored is False
    assert (planner.list_expenses(month="2026-11"), planner.import_batches()) == before


def test_a_dry_run_can_hand_its_rows_over_a_chunk_at_a_time_instead_of_keeping_them(
    planner: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(run, "CHUNK", 100)  # many chunks
    planner.add_expense("3.00", "Blue Bottle", on="2026-11-01")
    lines = [f"2026-11-{1 + n % 28:02d},Shop {n},-{1 + n % 40}.25" for n in range(350)]
    lines[10] = "2026-11-02,BLUE BOTTLE,-3.00"  # like the one typed by hand
    lines[200] = "2026-11-40,Cake,-2.00"
    chunks: list[list[int]] = []

    result = import_text(
        planner, "Date,Description,Amount\n" + "\n".join(lines) + "\n", dry_run=True,
        show=lambda rows: chunks.append([row.line for row in rows]),
    )  # fmt: skip

    assert result.rows == []  # nothing kept: a file of any size is listed in little memory
    assert [len(chunk) for chunk in chunks] == [100, 100, 100, 50]
    assert [line for chunk in chunks for line in chunk] == list(range(2, 352))
    assert (result.added, len(result.possible), len(result.invalid)) == (348, 1, 1)
    assert planner.import_batches() == []


def test_a_batch_can_be_undone_by_its_last_characters(planner: Planner) -> None:
    imported = import_fixture(planner, "checking_statement.ofx")
    assert imported.batch_id

    undone, removed = planner.undo_import(imported.batch_id[-6:].lower())

    assert (undone.id, removed) == (imported.batch_id, imported.added)
