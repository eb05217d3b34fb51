"""Table cells from what people typed: shown as written, never read as Rich markup.

A DataTable reads plain strings as markup, so a description like "Tesco [Express]" would lose
its brackets (or fail to draw); every cell made from stored text goes through here.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import App


def cells(*values: str | Text) -> list[Text]:
    """Each value as a Text; strings are taken literally."""
    return [value if isinstance(value, Text) else Text(value) for value in values]


def tone(app: App[None], name: str) -> str:
    """The theme's readable text colour for `name` (success, warning, error) as a Rich style.

    Plain "yellow" or "green" in a cell is unreadable on the light theme's grey; the theme's
    `text-*` shades are made for the background they sit on.
    """
    return app.theme_variables.get(f"text-{name}", "")
