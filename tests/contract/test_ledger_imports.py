"""Ledger contract: the bulk writes and lookups imports rely on mean the same on every adapter."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from sbp.core.errors import Conflict, NotFound
from sbp.core.importers.rows import ImportBatch, ImportedExpense
from sbp.core.model import Expense, ExpenseQuery
from sbp.core.money import to_minor
from sbp.core.periods import Month
from sbp.core.ports import Ledger
from sbp.core.search import search_text

ExpenseMaker = Callable[..., Expense]
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def imported(make_expense: ExpenseMaker, batch: str, key: str, **fields: object) -> ImportedExpense:
    """An imported expense in the bulk writes' shape; its `expense()` is what is stored."""
    return as_imported(make_expense(import_fingerprint=key, import_batch=batch, **fields))


def as_imported(e: Expense) -> ImportedExpense:
    return ImportedExpense(
        e.id, e.date.isoformat(), to_minor(e.amount, e.currency), e.currency, e.description,
        e.category, e.category_source, e.note, e.import_fingerprint or "", e.import_batch or "",
        e.created_at.isoformat(), search_text(e.description, e.note),
    )  # fmt: skip


def test_a_bulk_added_expense_reads_back_as_the_same_expense(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    row = imported(make_expense, "b1", "k1", amount="-7.25", note="from the bank")

    ledger.add_many([row])

    assert ledger.query(ExpenseQuery()) == [row.expense()]
    assert row.expense().amount == Decimal("-7.25")


def test_a_bulk_added_expense_keeps_its_account_and_may_have_no_fingerprint(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    on_card = imported(make_expense, "b1", "k1")._replace(account="card …4411")
    restored = imported(make_expense, "b1", "k2")._replace(import_fingerprint="")

    ledger.add_many([on_card, restored])

    assert ledger.query(ExpenseQuery(newest_first=False)) == [on_card.expense(), restored.expense()]
    assert ledger.get(on_card.id).account == "card …4411"
    assert ledger.get(restored.id).import_fingerprint is None
    assert list(ledger.hand_entered(date(2026, 11, 1), date(2026, 11, 30))) == [restored.expense()]


def test_existing_ids_are_the_ids_already_stored(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    typed, other = make_expense(), make_expense()
    ledger.add(typed)
    row = imported(make_expense, "b1", "k")
    ledger.add_many([row])
    stored_import = row.id

    many = [make_expense().id for _ in range(1200)]  # more than one lookup's worth
    asked = [typed.id, other.id, stored_import, *many]

    assert ledger.existing_ids(asked) == {typed.id, stored_import}
    assert ledger.existing_ids([]) == set()


def test_many_expenses_are_added_at_once_with_their_totals(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    rows = [imported(make_expense, "b1", f"k{n}", amount="2.00") for n in range(5)]

    ledger.add_many(rows)

    assert len(ledger.query(ExpenseQuery())) == 5
    [total] = ledger.month_totals(Month(2026, 11))
    assert (total.spent, total.count) == (Decimal("10.00"), 5)


def test_a_bulk_add_with_a_known_id_adds_nothing(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    existing = make_expense()
    ledger.add(existing)
    clash = as_imported(existing)
    rows = [imported(make_expense, "b1", "k1"), clash, imported(make_expense, "b1", "k2")]

    with pytest.raises(Conflict):
        ledger.add_many(rows)

    assert ledger.query(ExpenseQuery()) == [existing]
    assert ledger.month_totals(Month(2026, 11))[0].count == 1


def test_known_import_keys_are_the_fingerprints_already_stored(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    ledger.add_many([imported(make_expense, "b1", key) for key in ("a", "b", "c")])
    ledger.add(make_expense())

    assert ledger.known_import_keys(["b", "c", "z"]) == {"b", "c"}
    assert ledger.known_import_keys([]) == set()


def test_import_keys_are_found_by_their_start(ledger: Ledger, make_expense: ExpenseMaker) -> None:
    ledger.add_many([imported(make_expense, "b1", key) for key in ("fp:2026-11-23:ab", "id:cd")])

    assert ledger.has_import_keys_starting("fp:2026-11-23:")
    assert ledger.has_import_keys_starting("id:")
    assert not ledger.has_import_keys_starting("fp:2026-11-22:")
    assert not ledger.has_import_keys_starting("fp:2026-11-24:")


def test_hand_entered_expenses_are_those_without_a_fingerprint_in_the_range(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    typed = make_expense(on=date(2026, 11, 10))
    too_early = make_expense(on=date(2026, 10, 31))
    ledger.add(typed)
    ledger.add(too_early)
    ledger.add(imported(make_expense, "b1", "k", on=date(2026, 11, 10)).expense())

    found = ledger.hand_entered(date(2026, 11, 1), date(2026, 11, 30))

    assert list(found) == [typed]


def test_import_batches_list_newest_first_and_saving_again_updates_the_counts(
    ledger: Ledger,
) -> None:
    older = ImportBatch("01KAB30000000000000000000A", NOW, "nov.csv", "csv", added=3)
    newer = ImportBatch("01KAB30000000000000000000B", NOW + timedelta(1), "dec.ofx", "ofx")
    ledger.save_import_batch(older)
    ledger.save_import_batch(newer)

    updated = ImportBatch(older.id, NOW, "nov.csv", "csv", added=2, duplicates=1, invalid=4)
    ledger.save_import_batch(updated)

    assert list(ledger.import_batches()) == [newer, updated]


def test_removing_a_batch_removes_exactly_what_it_added(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    batch = ImportBatch("01KAB30000000000000000000A", NOW, "nov.csv", "csv", added=2)
    ledger.save_import_batch(batch)
    ledger.add_many([imported(make_expense, batch.id, k, amount="5.00") for k in ("a", "b")])
    typed = make_expense(amount="1.00")
    ledger.add(typed)

    assert ledger.remove_import_batch(batch.id) == 2

    assert ledger.query(ExpenseQuery()) == [typed]
    assert ledger.month_totals(Month(2026, 11))[0].spent == Decimal("1.00")
    assert ledger.import_batches() == []
    with pytest.raises(NotFound):
        ledger.remove_import_batch(batch.id)
