"""Recording and correcting expenses in `sbp ui`, asserted on the screen and in the store."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from screens import column, text_of, toasts

from sbp.core.errors import InvalidAmount
from sbp.planner import Planner
from sbp.tui.app import SbpApp
from sbp.tui.screens.expense_form import ExpenseForm
from sbp.tui.screens.expenses import ExpensesScreen


def _app(planner: Planner) -> SbpApp:
    return SbpApp(planner, poll_seconds=0)


def _descriptions(planner: Planner) -> list[str]:
    return [e.description for e in planner.expense_page(limit=100).rows]


async def test_adding_an_expense_shows_it_first_and_stores_it(planner: Planner) -> None:
    async with _app(planner).run_test(size=(100, 30)) as pilot:
        await pilot.press("e", "a")
        await pilot.press(*"12.50", "tab", "tab", *"Coffee beans", "tab", *"coffee", "ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ExpensesScreen)
        assert column(pilot.app, "#expenses", 2)[0] == "Coffee beans"
        stored = planner.expense_page(limit=1).rows[0]
        assert (stored.amount, stored.category) == (Decimal("12.50"), "coffee")


async def test_the_form_refuses_a_bad_amount_with_the_cli_words(planner: Planner) -> None:
    before = _descriptions(planner)
    async with _app(planner).run_test(size=(100, 30)) as pilot:
        await pilot.press("e", "a", *"12.345", "tab", "tab", *"Mystery", "ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ExpenseForm)
        try:
            planner.check_amount("12.345")
        except InvalidAmount as expected:
            assert text_of(pilot.app, "#amount-error") == expected.message
    assert _descriptions(planner) == before


async def test_the_form_checks_the_date_as_you_type(planner: Planner) -> None:
    async with _app(planner).run_test(size=(100, 30)) as pilot:
        await pilot.press("e", "a", "tab", "ctrl+u", *"31/11")
        await pilot.pause()
        assert "is not a date" in text_of(pilot.app, "#date-error")
        await pilot.press("ctrl+u", *"yesterday")
        await pilot.pause()
        assert not pilot.app.screen.query_one("#date-error").display


async def test_editing_an_expense_changes_the_stored_amount(planner: Planner) -> None:
    async with _app(planner).run_test(size=(100, 30)) as pilot:
        await pilot.press("e", "e", "ctrl+u", *"4.00", "ctrl+s")
        await pilot.pause()
        newest = planner.expense_page(limit=1).rows[0]
        assert (newest.description, newest.amount) == ("Corner cafe espresso", Decimal("4.00"))
        assert column(pilot.app, "#expenses", 1)[0] == "$4.00"


async def test_delete_asks_first_and_u_brings_it_back(planner: Planner) -> None:
    async with _app(planner).run_test(size=(100, 30)) as pilot:
        await pilot.press("e", "x", "n")
        await pilot.pause()
        assert "Corner cafe espresso" in _descriptions(planner)
        await pilot.press("x", "y")
        await pilot.pause()
        assert "Corner cafe espresso" not in _descriptions(planner)
        assert "Corner cafe espresso" not in column(pilot.app, "#expenses", 2)
        await pilot.press("u")
        await pilot.pause()
        assert "Corner cafe espresso" in _descriptions(planner)
        assert column(pilot.app, "#expenses", 2)[0] == "Corner cafe espresso"
        assert any("Undid: removed" in toast for toast in toasts(pilot.app))


async def test_typing_a_search_filters_the_table_live(planner: Planner) -> None:
    async with _app(planner).run_test(size=(100, 30)) as pilot:
        await pilot.press("e", "slash", *"cost")
        await pilot.pause()
        assert column(pilot.app, "#expenses", 2) == ["Costco run"]
        await pilot.press("backspace", "backspace", "backspace", "backspace")
        await pilot.pause()
        assert len(column(pilot.app, "#expenses", 2)) == 9


async def test_category_and_month_filters_narrow_the_table(planner: Planner) -> None:
    async with _app(planner).run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        await pilot.click("#category")
        await pilot.press(*"groceries")
        await pilot.pause()
        assert set(column(pilot.app, "#expenses", 3)) == {"groceries"}
        await pilot.click("#month")
        await pilot.press(*"2026-10")
        await pilot.pause()
        assert column(pilot.app, "#expenses", 2) == ["Bakery"]


async def test_a_bad_month_filter_says_why(planner: Planner) -> None:
    async with _app(planner).run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        await pilot.click("#month")
        await pilot.press(*"Nov")
        await pilot.pause()
        assert "is not in the form YYYY-MM" in text_of(pilot.app, "#filter-error")


async def test_sorting_by_amount_puts_the_largest_first(planner: Planner) -> None:
    async with _app(planner).run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        await pilot.click("#expenses", offset=(13, 0))  # the Amount header
        await pilot.pause()
        assert column(pilot.app, "#expenses", 1)[:2] == ["$120.40", "$82.10"]


async def test_paging_shows_the_next_hundred_rows(empty_planner: Planner) -> None:
    for n in range(1, 131):
        empty_planner.add_expense("1", f"item {n:03d}", on=date(2026, 1, 1) + timedelta(n))
    async with _app(empty_planner).run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        assert len(column(pilot.app, "#expenses", 2)) == 100
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert column(pilot.app, "#expenses", 2) == [f"item {n:03d}" for n in range(30, 0, -1)]
        assert text_of(pilot.app, "#page-info").startswith("rows 101-130")


async def test_brackets_in_a_description_are_shown_as_typed(empty_planner: Planner) -> None:
    empty_planner.add_expense("3", "Tesco [Express] [bold]", on="2026-11-20")
    async with _app(empty_planner).run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        assert column(pilot.app, "#expenses", 2) == ["Tesco [Express] [bold]"]
