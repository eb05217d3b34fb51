"""The Planner calls behind the TUI's tables, on both the memory and the SQLite ledger."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sbp.bootstrap import build_planner
from sbp.config import Settings
from sbp.core.errors import InvalidAmount, InvalidDate, InvalidInput
from sbp.planner import Planner


@pytest.fixture(params=["memory", "sqlite"])
def either(request: pytest.FixtureRequest, planner: Planner, sqlite_planner: Planner) -> Planner:
    return planner if request.param == "memory" else sqlite_planner


def test_pages_cover_every_expense_once_in_order(either: Planner) -> None:
    first = either.expense_page(limit=4)
    second = either.expense_page(offset=4, limit=4)
    third = either.expense_page(offset=8, limit=4)
    assert (first.has_more, second.has_more, third.has_more) == (True, True, False)
    days = [e.date for page in (first, second, third) for e in page.rows]
    assert days == sorted(days, reverse=True) and len(days) == 9


def test_sorting_by_amount_and_by_description_agree_across_ledgers(either: Planner) -> None:
    cheapest = either.expense_page(order="amount", descending=False, limit=2).rows
    assert [e.amount for e in cheapest] == [Decimal("2.75"), Decimal("3.80")]
    by_name = either.expense_page(order="description", limit=100).rows
    assert by_name[0].description == "Whole Foods weekly shop"


def test_filters_by_text_category_and_month(either: Planner) -> None:
    assert [e.description for e in either.expense_page(search="BOTTLE").rows] == [
        "Blue Bottle beans"
    ]
    october = either.expense_page(month="2026-10", category="Groceries").rows
    assert [e.description for e in october] == ["Bakery"]


def test_an_unknown_sort_column_is_refused(either: Planner) -> None:
    with pytest.raises(InvalidInput, match="cannot sort by 'colour'"):
        either.expense_page(order="colour")


def test_daily_spending_has_every_day_and_leaves_income_out(either: Planner) -> None:
    either.add_expense("-2000", "Salary", on="2026-11-15", category="income")
    days = dict(either.daily_spending())
    assert len(days) == 30
    assert days[date(2026, 11, 15)] == Decimal("120.40")
    assert days[date(2026, 11, 1)] == Decimal(0)


def test_checks_raise_what_adding_would_raise(either: Planner) -> None:
    with pytest.raises(InvalidAmount):
        either.check_amount("1e9999")
    with pytest.raises(InvalidDate):
        either.check_date("31/11")
    with pytest.raises(InvalidInput, match="description is empty"):
        either.check_description("   ")
    assert either.check_amount("1.234,56") == Decimal("1234.56")
    assert either.check_date("yesterday") == date(2026, 11, 22)


def test_a_write_from_another_process_moves_the_change_counter(sqlite_planner: Planner) -> None:
    seen = sqlite_planner.outside_changes()
    sqlite_planner.add_expense("1", "my own write", on="2026-11-23")
    assert sqlite_planner.outside_changes() == seen
    path = sqlite_planner.ledger.path  # type: ignore[attr-defined]
    other = build_planner(Settings(data_dir=path.parent, config_file=path.parent / "c.toml"))
    other.add_expense("1", "someone else's write", on="2026-11-23")
    assert sqlite_planner.outside_changes() != seen
