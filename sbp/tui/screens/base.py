"""What every full screen of `sbp ui` shares: a Planner to read from and a way to reload.

A screen reloads when it is shown, after its own writes, and when the app sees that another
process changed the store, so what is on screen never goes stale.
"""

from __future__ import annotations

from textual.screen import Screen

from sbp.planner import Planner


class LedgerScreen(Screen[None]):
    """A screen that shows what the Planner says and can be asked to show it again."""

    TITLE = "sbp"

    def __init__(self, planner: Planner) -> None:
        super().__init__()
        self.planner = planner

    def reload(self) -> None:
        """Read everything shown again from the Planner."""

    def on_screen_resume(self) -> None:
        # Textual resumes a screen each time it comes to the front, the first time included
        self.reload()
