"""Ledger contract: storing, finding and listing expenses means the same on every adapter."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from sbp.core.errors import Conflict, InvalidAmount, NotFound
from sbp.core.model import Budget, CategorySource, Expense, ExpenseQuery
from sbp.core.ports import Ledger

ExpenseMaker = Callable[..., Expense]


def test_an_added_expense_reads_back_unchanged(ledger: Ledger, make_expense: ExpenseMaker) -> None:
    expense = make_expense(
        note="with Ana",
        category_source=CategorySource.LEARNED,
        receipt_key="receipts/u/x.jpg",
        import_fingerprint="fp-1",
        import_batch="batch-1",
        account="checking",
    )

    ledger.add(expense)

    assert ledger.get(expense.id) == expense
    assert ledger.get(expense.id).account == "checking"


def test_amounts_keep_their_exact_value_in_every_currency(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    expenses = [
        make_expense(amount="0.01"),
        make_expense(amount="-3.00"),
        make_expense(amount="1234", currency="JPY"),
        make_expense(amount="1.234", currency="KWD"),
        make_expense(amount="999999999999.99"),
    ]
    for expense in expenses:
        ledger.add(expense)

    assert [ledger.get(e.id).amount for e in expenses] == [e.amount for e in expenses]


def test_adding_an_id_twice_is_a_conflict_and_keeps_the_first(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    first = make_expense()
    ledger.add(first)

    with pytest.raises(Conflict, match=first.id):
        ledger.add(first._replace(amount=first.amount * 2))

    assert ledger.get(first.id) == first
    assert ledger.month_totals(first.month)[0].spent == first.amount


def test_getting_an_unknown_id_is_not_found(ledger: Ledger) -> None:
    with pytest.raises(NotFound, match="no expense with id 01KAB3"):
        ledger.get("01KAB3ZZZZZZZZZZZZZZZZZZZZ")


def test_replace_overwrites_every_field(ledger: Ledger, make_expense: ExpenseMaker) -> None:
    old = make_expense()
    ledger.add(old)
    new = old._replace(
        amount=old.amount + 1,
        date=date(2026, 10, 2),
        description="Blue Bottle Oakland",
        category="treats",
        category_source=CategorySource.USER,
        note="edited",
        account="card …4411",
        updated_at=old.updated_at.replace(hour=11),
    )

    ledger.replace(new)

    assert ledger.get(old.id) == new


def test_replacing_or_removing_an_unknown_expense_is_not_found(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    ghost = make_expense()

    with pytest.raises(NotFound):
        ledger.replace(ghost)
    with pytest.raises(NotFound):
        ledger.remove(ghost.id)
    assert ledger.query(ExpenseQuery()) == []


def test_a_removed_expense_is_gone(ledger: Ledger, make_expense: ExpenseMaker) -> None:
    kept, removed = make_expense(), make_expense()
    ledger.add(kept)
    ledger.add(removed)

    ledger.remove(removed.id)

    assert ledger.query(ExpenseQuery()) == [kept]
    with pytest.raises(NotFound):
        ledger.get(removed.id)


def test_ids_are_found_by_prefix_in_order_up_to_a_limit(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    expenses = [make_expense() for _ in range(5)]
    for expense in reversed(expenses):
        ledger.add(expense)
    ids = sorted(e.id for e in expenses)
    shared = ids[0][:8]
    assert all(i.startswith(shared) for i in ids)

    assert ledger.ids_with_prefix(shared, 10) == ids
    assert ledger.ids_with_prefix(shared, 2) == ids[:2]
    assert ledger.ids_with_prefix(ids[3], 10) == [ids[3]]
    assert ledger.ids_with_prefix("7ZZZ", 10) == []


def dated(ledger: Ledger, make_expense: ExpenseMaker) -> dict[str, str]:
    """Six expenses over three months; their ids by a short name."""
    rows = {
        "oct_rent": make_expense("1500", date(2026, 10, 1), "housing", "Rent October"),
        "nov_coffee": make_expense("4.20", date(2026, 11, 1), "coffee", "Café Sacher"),
        "nov_lunch": make_expense("12.00", date(2026, 11, 15), "dining", "Lunch", note="with BOB"),
        "nov_coffee2": make_expense("3.80", date(2026, 11, 15), "coffee", "STARBUCKS #12"),
        "nov_last": make_expense("60.00", date(2026, 11, 30), "groceries", "LIDL"),
        "dec_gift": make_expense("25.00", date(2026, 12, 1), "gifts", "Gift for Bob"),
    }
    for expense in rows.values():
        ledger.add(expense)
    return {name: e.id for name, e in rows.items()}


def names(ledger: Ledger, query: ExpenseQuery, ids: dict[str, str]) -> list[str]:
    by_id = {v: k for k, v in ids.items()}
    return [by_id[e.id] for e in ledger.query(query)]


def test_queries_list_newest_first_and_break_ties_by_creation(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    ids = dated(ledger, make_expense)

    assert names(ledger, ExpenseQuery(), ids) == [
        "dec_gift",
        "nov_last",
        "nov_coffee2",
        "nov_lunch",
        "nov_coffee",
        "oct_rent",
    ]
    assert names(ledger, ExpenseQuery(newest_first=False), ids) == [
        "oct_rent",
        "nov_coffee",
        "nov_lunch",
        "nov_coffee2",
        "nov_last",
        "dec_gift",
    ]


def test_a_date_range_includes_both_ends(ledger: Ledger, make_expense: ExpenseMaker) -> None:
    ids = dated(ledger, make_expense)
    november = ExpenseQuery(start=date(2026, 11, 1), end=date(2026, 11, 30), newest_first=False)

    assert names(ledger, november, ids) == ["nov_coffee", "nov_lunch", "nov_coffee2", "nov_last"]
    assert names(ledger, ExpenseQuery(start=date(2026, 11, 30)), ids) == ["dec_gift", "nov_last"]
    assert names(ledger, ExpenseQuery(end=date(2026, 10, 31)), ids) == ["oct_rent"]


def test_filters_combine(ledger: Ledger, make_expense: ExpenseMaker) -> None:
    ids = dated(ledger, make_expense)

    coffee = ExpenseQuery(category="coffee")
    assert names(ledger, coffee, ids) == ["nov_coffee2", "nov_coffee"]
    both = ExpenseQuery(category="coffee", start=date(2026, 11, 2))
    assert names(ledger, both, ids) == ["nov_coffee2"]


def test_search_looks_in_descriptions_and_notes_ignoring_case(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    ids = dated(ledger, make_expense)

    assert names(ledger, ExpenseQuery(search="bob"), ids) == ["dec_gift", "nov_lunch"]
    assert names(ledger, ExpenseQuery(search="CAFÉ"), ids) == ["nov_coffee"]
    assert names(ledger, ExpenseQuery(search="starbucks #12"), ids) == ["nov_coffee2"]
    assert names(ledger, ExpenseQuery(search="100%_"), ids) == []


def test_a_limit_keeps_the_first_rows_in_order(ledger: Ledger, make_expense: ExpenseMaker) -> None:
    ids = dated(ledger, make_expense)

    assert names(ledger, ExpenseQuery(limit=2), ids) == ["dec_gift", "nov_last"]
    assert names(ledger, ExpenseQuery(limit=2, newest_first=False), ids) == [
        "oct_rent",
        "nov_coffee",
    ]


def test_streaming_gives_the_same_rows_as_a_query(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    dated(ledger, make_expense)
    query = ExpenseQuery(start=date(2026, 11, 1), search="o")

    assert list(ledger.iter_expenses(query)) == list(ledger.query(query))


def test_categories_in_use_count_expenses_per_category(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    ids = dated(ledger, make_expense)
    ledger.remove(ids["nov_lunch"])

    assert dict(ledger.categories_in_use()) == {
        "coffee": 2,
        "gifts": 1,
        "groceries": 1,
        "housing": 1,
    }


def test_pages_sort_by_a_column_and_skip_an_offset(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    ids = dated(ledger, make_expense)
    by_id = {v: k for k, v in ids.items()}

    biggest = ledger.page(ExpenseQuery(limit=3), 0, "amount")
    after = ledger.page(ExpenseQuery(limit=3, newest_first=False), 2, "amount")

    assert [by_id[e.id] for e in biggest] == ["oct_rent", "nov_last", "dec_gift"]
    assert [by_id[e.id] for e in after] == ["nov_lunch", "dec_gift", "nov_last"]
    by_description = ledger.page(ExpenseQuery(newest_first=False), 0, "description")
    assert [e.description for e in by_description][:2] == ["Café Sacher", "Gift for Bob"]


def test_an_amount_finer_than_its_currency_is_refused_and_not_stored(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    kept = make_expense()
    ledger.add(kept)

    with pytest.raises(InvalidAmount, match="more decimals than USD allows"):
        ledger.add(make_expense(amount="0.001"))
    with pytest.raises(InvalidAmount):
        ledger.replace(kept._replace(amount=Decimal("1.999")))
    with pytest.raises(InvalidAmount):
        ledger.set_budget(Budget("coffee", Decimal("0.5"), "JPY"))

    assert ledger.query(ExpenseQuery()) == [kept]
    assert ledger.budgets() == []


def test_ids_are_found_by_their_last_characters_in_order_up_to_a_limit(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    expenses = [make_expense() for _ in range(4)]
    for expense in expenses:
        ledger.add(expense)
    ids = sorted(e.id for e in expenses)
    twin = make_expense(id=ids[1][:10] + "ZZZZZZZZZZ" + ids[2][-6:])  # same tail as ids[2]
    ledger.add(twin)

    assert ledger.ids_ending_with(ids[0][-6:], 10) == [ids[0]]
    assert ledger.ids_ending_with(ids[0][-9:], 10) == [ids[0]]
    assert ledger.ids_ending_with(ids[2][-6:], 10) == sorted([ids[2], twin.id])
    assert ledger.ids_ending_with(ids[2][-6:], 1) == sorted([ids[2], twin.id])[:1]
    assert ledger.ids_ending_with("7ZZZZZ", 10) == []


def test_a_reopened_ledger_is_the_same_store_from_another_thread(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    typed, imported = make_expense(), make_expense(amount="3.00")
    ledger.add(typed)
    seen: list[Expense] = []

    def elsewhere() -> None:  # a worker thread, as `sbp ui` imports in one
        other = ledger.reopened()
        with other.transaction():
            other.add(imported)
        seen.append(other.get(typed.id))
        other.close()  # on its own thread; the ledger it came from is still open

    worker = threading.Thread(target=elsewhere)
    worker.start()
    worker.join()

    assert seen == [typed]
    assert ledger.get(imported.id) == imported


def test_receipts_kept_on_the_device_are_listed_by_id_up_to_a_limit(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    local = [make_expense(receipt_key=f"local:{n:064x}.jpg") for n in range(3)]
    for expense in [*local, make_expense(receipt_key="receipts/u/x.jpg"), make_expense()]:
        ledger.add(expense)

    assert ledger.local_receipts(10) == local
    assert ledger.local_receipts(2) == local[:2]
    assert ledger.local_receipt_count() == 3
    ledger.replace(local[0]._replace(receipt_key="receipts/u/y.jpg"))
    assert ledger.local_receipts(10) == local[1:]
    assert ledger.local_receipt_count() == 2
