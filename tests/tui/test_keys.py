"""Keyboard first: the footer, the `?` screen, escape out of a field, and typing ahead."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from screens import type_ahead
from textual.binding import Binding
from textual.command import CommandList
from textual.widgets import Input, Static
from textual.widgets._footer import FooterKey

from sbp.planner import Planner
from sbp.tui.app import SCREENS, SbpApp
from sbp.tui.screens.keys import KeysScreen
from sbp.tui.widgets.nav_bar import NavBar

SCREEN_KEYS = {"dashboard": "d", "expenses": "e", "budgets": "b", "rules": "c",
               "notifications": "n", "imports": "i", "reports": "r"}  # fmt: skip


def _app(planner: Planner) -> SbpApp:
    return SbpApp(planner, poll_seconds=0)


def _footer(app: SbpApp) -> dict[str, FooterKey]:
    return {key.description: key for key in app.screen.query(FooterKey)}


@pytest.mark.parametrize("mode", SCREEN_KEYS)
async def test_undo_keys_and_quit_stay_visible_in_the_footer_at_80_columns(
    planner: Planner, mode: str
) -> None:
    async with _app(planner).run_test(size=(80, 24)) as pilot:
        await pilot.press(SCREEN_KEYS[mode])
        await pilot.pause()
        footer = _footer(pilot.app)
        palette = next(key for key in footer.values() if key.action == "command_palette")
        for description in ("Undo", "Keys", "Quit"):
            shown = footer[description].region
            assert shown.width > 0 and shown.right <= palette.region.x, description


SIZES = [(80, 24), (100, 30)]


def each_screen_and_size(test: Callable[..., Awaitable[None]]) -> Callable[..., Awaitable[None]]:
    """Run the test on every screen at 80x24 and 100x30."""
    sizes = pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
    return sizes(pytest.mark.parametrize("mode", SCREEN_KEYS)(test))


@each_screen_and_size
async def test_every_footer_key_is_whole_and_the_footer_reaches_the_edge(
    planner: Planner, mode: str, size: tuple[int, int]
) -> None:
    async with _app(planner).run_test(size=size) as pilot:
        await pilot.press("d" if mode != "dashboard" else "e", SCREEN_KEYS[mode])
        await pilot.pause()
        keys = list(pilot.app.screen.query(FooterKey))
        palette = next(key for key in keys if key.action == "command_palette")
        for key in keys:
            if key is not palette:  # none cut, none pushed out of sight
                assert key.region.width > 0 and key.region.right <= palette.region.x, (
                    key.description
                )
        # a column left of the footer is repainted by no one: a screen switched from shows there
        assert palette.region.right == size[0]


@each_screen_and_size
async def test_every_screen_shows_the_key_to_every_screen_as_the_keys_screen_names_it(
    planner: Planner, mode: str, size: tuple[int, int]
) -> None:
    async with _app(planner).run_test(size=size) as pilot:
        await pilot.press(SCREEN_KEYS[mode])
        await pilot.pause()
        top = str(pilot.app.screen.query_one(NavBar).render())
        await pilot.press("question_mark")
        everywhere = str(pilot.app.screen.query_one("#keys-everywhere", Static).render())
    for name, key in SCREEN_KEYS.items():
        label = next(b.description for b in SbpApp.BINDINGS if b.action == f"show('{name}')")
        assert f" {key} {label} " in top
        if name != mode:  # where you are, `e` edits and `i` imports: the bar marks it instead
            assert f"{key} {label}\n" in everywhere + "\n"


@each_screen_and_size
async def test_every_placeholder_fits_its_field(
    planner: Planner, mode: str, size: tuple[int, int]
) -> None:
    async with _app(planner).run_test(size=size) as pilot:
        await pilot.press(SCREEN_KEYS[mode])
        await pilot.pause()
        for field in pilot.app.screen.query(Input):
            assert len(field.placeholder) < field.content_size.width, field.placeholder


async def test_the_keys_screen_lists_only_keys_a_terminal_can_send(planner: Planner) -> None:
    async with _app(planner).run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "question_mark")
        here = str(pilot.app.screen.query_one("#keys-here", Static).render())
    assert "super+" not in here
    assert "^c Copy selected text" in here


@pytest.mark.parametrize("mode", SCREEN_KEYS)
async def test_every_screen_opens_with_its_keys_working(planner: Planner, mode: str) -> None:
    async with _app(planner).run_test(size=(80, 24)) as pilot:
        await pilot.press(SCREEN_KEYS[mode])
        await pilot.pause()
        # a field would swallow the letter keys, and the footer would hide them
        assert not isinstance(pilot.app.focused, Input)


async def test_question_mark_lists_every_key_of_the_screen_and_the_app(planner: Planner) -> None:
    async with _app(planner).run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "question_mark")
        assert isinstance(pilot.app.screen, KeysScreen)
        here = str(pilot.app.screen.query_one("#keys-here", Static).render())
        everywhere = str(pilot.app.screen.query_one("#keys-everywhere", Static).render())
        screen_class = SCREENS["expenses"][1]
        for binding in screen_class.BINDINGS:  # type: ignore[attr-defined]
            if isinstance(binding, Binding) and binding.show and binding.action != "focus_table":
                assert binding.description in here
        own_keys = {b.key for b in screen_class.BINDINGS}  # type: ignore[attr-defined]
        for binding in SbpApp.BINDINGS:
            assert isinstance(binding, Binding)
            if binding.key not in own_keys:  # `e` here edits rather than going to Expenses
                assert binding.description in everywhere
        assert "palette" in everywhere
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, KeysScreen)


async def test_a_field_shows_how_to_leave_it_and_escape_does(planner: Planner) -> None:
    async with _app(planner).run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        assert "Leave field" not in _footer(pilot.app)
        await pilot.press("slash")
        await pilot.pause()
        assert "Leave field" in _footer(pilot.app)
        await pilot.press("escape")
        assert pilot.app.focused is not None and pilot.app.focused.id == "expenses"


async def test_keys_typed_ahead_land_in_the_fields_they_were_typed_for(planner: Planner) -> None:
    async with _app(planner).run_test(size=(100, 30)) as pilot:
        await pilot.press("e", "a")
        # a fast typist (or a paste) sends the next keys before the move to the next field is done
        await type_ahead(pilot, "1", "5", "tab", "tab", *"Cafe", "tab", *"coffee")
        values = {name: pilot.app.screen.query_one(f"#{name}", Input).value
                  for name in ("amount", "description", "category")}  # fmt: skip
        assert values == {"amount": "15", "description": "Cafe", "category": "coffee"}


async def test_the_palettes_keys_command_opens_the_same_list_as_question_mark(
    planner: Planner,
) -> None:
    async with _app(planner).run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *"Keys")
        commands = pilot.app.screen.query_one(CommandList)
        while commands.option_count == 0:  # the palette searches in a worker
            await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, KeysScreen)
