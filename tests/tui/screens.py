"""Reading what a person sees in `sbp ui`, for the pilot tests."""

from __future__ import annotations

from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static


def table_rows(app: App[None], selector: str) -> list[list[str]]:
    """Every row of a table as the plain text of its cells."""
    table = app.screen.query_one(selector, DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def column(app: App[None], selector: str, index: int) -> list[str]:
    """One column of a table, top to bottom."""
    return [row[index] for row in table_rows(app, selector)]


def text_of(app: App[None], selector: str) -> str:
    """The text a Static shows."""
    return str(app.screen.query_one(selector, Static).render())


def toasts(app: App[None]) -> list[str]:
    """The messages of the toasts raised so far and not yet expired."""
    # the headless driver mounts toast widgets lazily; the app's own list is what they show
    return [notification.message for notification in app._notifications]


async def paste(pilot: Pilot[None], selector: str, text: str) -> None:
    """Paste `text` into a field and press enter (long paths typed key by key are slow)."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = text
    await pilot.press("enter")


async def type_ahead(pilot: Pilot[None], *keys: str) -> None:
    """Send keys the way a terminal does when they come fast: all queued before any is handled."""
    driver = pilot.app._driver
    assert driver is not None
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(pilot.app)
        driver.send_message(event)
    await pilot.pause()
    await pilot.pause()
