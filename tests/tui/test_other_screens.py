"""Budgets, alerts, rules, keys and the refresh of `sbp ui`, asserted on screen and in the store."""

from __future__ import annotations

from decimal import Decimal

import pytest
from screens import column, table_rows, text_of, toasts
from textual.command import CommandList
from textual.widgets import DataTable

from sbp.bootstrap import build_planner
from sbp.config import Settings
from sbp.planner import Planner
from sbp.tui.app import SbpApp
from sbp.tui.screens.budgets import BudgetsScreen
from sbp.tui.widgets.budget_bars import BudgetBar


def _app(planner: Planner) -> SbpApp:
    return SbpApp(planner, poll_seconds=0)


async def test_the_dashboard_shows_the_month_at_a_glance(planner: Planner) -> None:
    async with _app(planner).run_test(size=(120, 40)) as pilot:
        assert "$304.54" in text_of(pilot.app, "#card-spent")
        assert "8" in text_of(pilot.app, "#card-days-left")
        bars = {bar.status.category: bar for bar in pilot.app.screen.query(BudgetBar)}
        assert bars["coffee"].has_class("-warning")
        assert bars["groceries"].has_class("-fine")
        assert column(pilot.app, "#recent", 2)[0].startswith("Corner cafe")
        assert "Coffee passed 80%" in text_of(pilot.app, "#alerts")


async def test_the_dashboards_remaining_counts_a_budget_gone_over(planner: Planner) -> None:
    planner.add_expense("10", "Blue Bottle", on="2026-11-22", category="coffee")  # $63.30 of $60
    async with _app(planner).run_test(size=(80, 24)) as pilot:
        # $560.00 budgeted less $298.55 spent in them: coffee's $3.30 over is not left out
        assert "$261.45" in text_of(pilot.app, "#card-remaining")
        over = pilot.app.screen.query_one("#card-over")
        assert "Over budget" in text_of(pilot.app, "#card-over")
        assert "$3.30" in text_of(pilot.app, "#card-over") and over.has_class("-over")
        assert planner.status().remaining == Decimal("261.45")


@pytest.mark.parametrize(
    ("more_coffee", "says"),
    [
        ("0", "past 80%: coffee 88.8%"),
        ("10", "over budget: coffee 105.5%"),
    ],
)
async def test_with_no_unread_alerts_the_dashboard_still_names_budgets_in_trouble(
    planner: Planner, more_coffee: str, says: str
) -> None:
    if more_coffee != "0":
        planner.add_expense(more_coffee, "Blue Bottle", on="2026-11-22", category="coffee")
    planner.mark_notifications_read()
    async with _app(planner).run_test(size=(80, 24)) as pilot:
        shown = text_of(pilot.app, "#alerts")
        assert "all is well" not in shown
        assert shown.startswith("No unread alerts") and says in shown


async def test_a_new_store_opens_on_a_dashboard_that_says_what_to_do(
    empty_planner: Planner,
) -> None:
    async with _app(empty_planner).run_test(size=(80, 24)) as pilot:
        assert "$0.00" in text_of(pilot.app, "#card-spent")
        assert "press b to set one" in text_of(pilot.app, "#bars .empty")
        assert "all is well" in text_of(pilot.app, "#alerts")


async def test_setting_a_budget_stores_it_and_lists_it(planner: Planner) -> None:
    async with _app(planner).run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "a", *"dining", "tab", *"150", "enter")
        await pilot.pause()
        rows = table_rows(pilot.app, "#budgets")
        assert ["dining", "every month", "$150.00", "$0.00", "0.0%"] in rows
    assert any(b.category == "dining" and b.limit == Decimal(150) for b in planner.budgets())


async def test_a_limit_set_below_the_spending_says_so_in_a_toast(planner: Planner) -> None:
    async with _app(planner).run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "m", "ctrl+u", *"50", "enter")  # coffee: $53.30 spent
        await pilot.pause()
        over = "Coffee is over budget: $53.30 of $50.00"
        assert any(toast.startswith(over) for toast in toasts(pilot.app))
    assert planner.notifications()[0].dedupe_key == "2026-11#coffee#100"


async def test_changing_a_budget_inline_replaces_the_limit(planner: Planner) -> None:
    async with _app(planner).run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "m", "ctrl+u", *"75", "enter")  # the first row is coffee
        await pilot.pause()
        assert table_rows(pilot.app, "#budgets")[0][:3] == ["coffee", "every month", "$75.00"]
    assert planner.status().category("coffee").limit == Decimal(75)


async def test_removing_a_budget_and_undoing_it(planner: Planner) -> None:
    async with _app(planner).run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "x")
        await pilot.pause()
        assert "coffee" not in column(pilot.app, "#budgets", 0)
        assert planner.status().find("coffee") is None
        await pilot.press("u")
        await pilot.pause()
        assert "coffee" in column(pilot.app, "#budgets", 0)


async def test_a_bad_budget_amount_is_refused_with_the_reason(planner: Planner) -> None:
    async with _app(planner).run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "a", *"dining", "tab", *"lots", "enter")
        await pilot.pause()
        assert "is not a number" in text_of(pilot.app, "#budget-error")
        assert isinstance(pilot.app.screen, BudgetsScreen)
    assert all(b.category != "dining" for b in planner.budgets())


async def test_crossing_a_budget_raises_a_toast_and_a_notification(planner: Planner) -> None:
    async with _app(planner).run_test(size=(100, 30)) as pilot:
        await pilot.press("e", "a", *"9.00", "tab", "tab", *"Cafe", "tab", *"coffee", "ctrl+s")
        await pilot.pause()
        assert any("Coffee is over budget" in toast for toast in toasts(pilot.app))
    stored = [n.message for n in planner.notifications(unread_only=True)]
    assert any(message.startswith("Coffee is over budget") for message in stored)


async def test_notifications_are_listed_and_marked_read(planner: Planner) -> None:
    async with _app(planner).run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        assert "Coffee passed 80%" in table_rows(pilot.app, "#notifications")[0][2]
        await pilot.press("m")
        await pilot.pause()
        assert table_rows(pilot.app, "#notifications")[0][0].strip() == ""
    assert planner.notifications(unread_only=True) == []


async def test_adding_a_rule_and_testing_a_description(planner: Planner) -> None:
    async with _app(planner).run_test(size=(100, 30)) as pilot:
        await pilot.press("c", "a", *"blue bottle", "tab", *"coffee", "enter")
        await pilot.pause()
        assert table_rows(pilot.app, "#rules")[0][1:3] == ["blue bottle", "coffee"]
        await pilot.press("t", *"BLUE BOTTLE #22 OAKLAND")
        await pilot.pause()
        assert text_of(pilot.app, "#rule-result").startswith("→ coffee: rule #1")
    assert [r.pattern for r in planner.rules()] == ["blue bottle"]


async def test_the_command_palette_finds_a_screen_action(planner: Planner) -> None:
    async with _app(planner).run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p", *"Budgets: New")
        commands = pilot.app.screen.query_one(CommandList)
        while commands.option_count == 0:  # the palette searches in a worker
            await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, BudgetsScreen)
        assert pilot.app.focused is not None and pilot.app.focused.id == "budget-category"


async def test_q_quits(planner: Planner) -> None:
    async with _app(planner).run_test() as pilot:
        await pilot.press("q")
        assert pilot.app.return_code == 0 or not pilot.app.is_running


async def test_an_expense_added_by_another_process_shows_up(sqlite_planner: Planner) -> None:
    app = _app(sqlite_planner)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        ledger_path = sqlite_planner.ledger.path  # type: ignore[attr-defined]
        other = build_planner(Settings(data_dir=ledger_path.parent, config_file=ledger_path))
        other.add_expense("7.25", "Added elsewhere", on="2026-11-23")
        app.check_outside_changes()  # what the app's interval timer calls
        await pilot.pause()
        assert column(pilot.app, "#expenses", 2)[0] == "Added elsewhere"


async def test_ctrl_t_switches_between_dark_and_light(planner: Planner) -> None:
    async with _app(planner).run_test() as pilot:
        assert pilot.app.theme == "textual-dark"
        await pilot.press("ctrl+t")
        assert pilot.app.theme == "textual-light"


async def test_budget_states_use_the_themes_readable_colours(planner: Planner) -> None:
    async with SbpApp(planner, theme="light", poll_seconds=0).run_test(size=(100, 30)) as pilot:
        await pilot.press("b")
        used = pilot.app.screen.query_one("#budgets", DataTable).get_row_at(0)[4]  # coffee, 88%
        light = pilot.app.theme_variables["text-warning"]
        assert str(used.style) == light
        await pilot.press("ctrl+t")  # to the dark theme: the cell is drawn again in its shade
        await pilot.pause()
        used = pilot.app.screen.query_one("#budgets", DataTable).get_row_at(0)[4]
        assert str(used.style) == pilot.app.theme_variables["text-warning"] != light


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_recent_expenses_fit_their_column(planner: Planner, size: tuple[int, int]) -> None:
    async with _app(planner).run_test(size=size) as pilot:
        await pilot.pause()
        table = pilot.app.screen.query_one("#recent", DataTable)
        assert table.virtual_size.width <= table.size.width  # no sideways scrolling needed
        if size[0] >= 120:  # and a wide screen shows whole descriptions
            assert "Whole Foods weekly shop" in column(pilot.app, "#recent", 2)


async def test_a_long_alert_wraps_instead_of_running_off_an_80_column_screen(
    planner: Planner,
) -> None:
    async with _app(planner).run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        table = pilot.app.screen.query_one("#notifications", DataTable)
        assert table.virtual_size.width <= table.size.width
        assert table.get_row_at(0)[2].plain.endswith("(82.5%)")
