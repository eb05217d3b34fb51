"""What every full screen of `sbp ui` shares: a Planner to read from and a way to reload.

A screen reloads when it is shown, after its own writes, and when the app sees that another
process changed the store, so what is on screen never goes stale.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input

from sbp.planner import Planner


class LedgerScreen(Screen[None]):
    """A screen that shows what the Planner says and can be asked to show it again."""

    TITLE = "sbp"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "focus_table", "Leave field"),
    ]
    HOME = ""
    """The widget `escape` returns to from a field (its table); empty when there is none."""

    def __init__(self, planner: Planner) -> None:
        super().__init__()
        self.planner = planner

    def reload(self) -> None:
        """Read everything shown again from the Planner."""

    def on_screen_resume(self) -> None:
        # Textual resumes a screen each time it comes to the front, the first time included
        self.reload()

    def action_focus_table(self) -> None:
        if self.HOME:
            self.query_one(self.HOME).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # a field swallows letter keys and hides them from the footer, so the way out of it
        # is shown (and works) exactly while a field has the keys
        if action == "focus_table":
            return bool(self.HOME) and isinstance(self.focused, Input)
        return True
