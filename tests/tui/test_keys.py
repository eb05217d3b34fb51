"""Keyboard first: the footer, the `?` screen, escape out of a field, and typing ahead."""

from __future__ import annotations

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


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("mode", SCREEN_KEYS)
async def test_every_screen_reads_whole_at_80_and_100_columns(
    planner: Planner, mode: str, size: tuple[int, int]
) -> None:
    async with _app(planner).run_test(size=size) as pilot:
        # from another screen first: what that screen drew must not show through
        await pilot.press("d" if mode != "dashboard" else "e", SCREEN_KEYS[mode])
        await pilot.pause()
        screen = pilot.app.screen
        keys = {key.description: key.region for key in screen.query(FooterKey)}
        palette = keys.pop("palette")
        top = str(screen.query_one(NavBar).render())
        fields = {field.placeholder: field.content_size.width for field in screen.query(Input)}
        await pilot.press("question_mark")
        everywhere = str(pilot.app.screen.query_one("#keys-everywhere", Static).render())
    for description, region in keys.items():  # no key cut or pushed out of sight
        assert region.width > 0 and region.right <= palette.x, description
    # a column right of the palette key is repainted by no one ("paletten" at 100 columns)
    assert palette.right == size[0]
    for name, key_name in SCREEN_KEYS.items():  # the bar and the ? screen say the same
        label = next(b.description for b in SbpApp.BINDINGS if b.action == f"show('{name}')")
        assert f" {key_name} {label} " in top
        if name != mode:  # where you are, `e` edits and `i` imports: the bar marks it instead
            assert f"{key_name} {label}\n" in everywhere + "\n"
    for placeholder, width in fields.items():
        assert len(placeholder) < width, placeholder


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
