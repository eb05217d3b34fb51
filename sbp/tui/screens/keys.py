"""The `?` screen: every key that works where you are, this screen's first, then everywhere's.

The list is read from the live bindings (the same ones the footer shows), so a key added to a
screen appears here without anyone remembering to document it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

TERMINALS_NEVER_SEND = ("super+", "hyper+", "meta+")
KeyRow = tuple[str, str]
"""The keys as shown (`x delete`) and what they do."""


class KeysScreen(ModalScreen[None]):
    """Two lists side by side: the keys of the screen underneath, and the keys everywhere."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark", "dismiss", "Close"),
    ]

    def __init__(self, title: str, here: Sequence[KeyRow], everywhere: Sequence[KeyRow]) -> None:
        super().__init__()
        self.title_text = title
        self.here = here
        self.everywhere = everywhere

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box", id="keys"):
            yield Static(f"Keys: {self.title_text}  (esc or ? closes)", classes="modal-title")
            with Horizontal(id="keys-columns"):
                yield Static(_table("On this screen", self.here), id="keys-here")
                yield Static(_table("Everywhere", self.everywhere), id="keys-everywhere")


def key_rows(screen: Screen[object]) -> tuple[list[KeyRow], list[KeyRow]]:
    """The described keys working on `screen` now: its own, then the app's."""
    keys: dict[tuple[bool, str], list[str]] = {}
    words: dict[tuple[bool, str], str] = {}
    for node, binding, _, _ in screen.active_bindings.values():
        # widgets' own keys (a table's arrows) are the same everywhere and left out, and so
        # are keys no terminal sends (Textual's super+c copy, for a desktop's command key)
        if binding.key.startswith(TERMINALS_NEVER_SEND):
            continue
        if binding.description and isinstance(node, Screen | App):
            where = (isinstance(node, App), binding.action)
            keys.setdefault(where, []).append(screen.app.get_key_display(binding))
            words[where] = binding.description
    rows: dict[bool, list[KeyRow]] = {False: [], True: []}
    for (everywhere, action), shown in keys.items():
        rows[everywhere].append((" ".join(shown), words[everywhere, action]))
    return rows[False], rows[True]


def _table(heading: str, rows: Sequence[KeyRow]) -> Text:
    """The keys right-aligned in one column, what they do beside them."""
    width = max((len(keys) for keys, _ in rows), default=0)
    text = Text(" " * (width + 1)).append(heading, style="bold underline")
    for keys, description in rows:
        text.append("\n").append(keys.rjust(width), style="bold").append(f" {description}")
    return text
