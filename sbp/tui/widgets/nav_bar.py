"""The bar at the top of every screen: where each key goes, the screen shown marked.

It takes the place of a title bar, so the keys that move between screens are always in sight,
whatever the width, without crowding the footer: the footer keeps this screen's own keys (and
undo, keys and quit), which fit in 80 columns. What a screen says about itself (its sub-title
after " · ", such as the dashboard's month) shows at the right where there is room, and so does,
on a device that syncs, when it last synced.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.widget import Widget

from sbp.tui.navigation import PLACES


class NavBar(Widget):
    """One line: `sbp  d Dashboard  e Expenses ...`, the screen shown (`here`) highlighted."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"nav-bar--key", "nav-bar--here", "nav-bar--title"}

    def __init__(self, here: str) -> None:
        super().__init__()
        self.here = here

    def on_mount(self) -> None:
        self.watch(self.screen, "sub_title", lambda _: self.refresh())

    def render(self) -> Text:
        width = self.size.width
        places = Text()
        for place in PLACES:
            style = (
                self.get_component_rich_style("nav-bar--here") if place.mode == self.here else ""
            )
            item = Text(" ", style=style)
            item.append(place.key, self.get_component_rich_style("nav-bar--key"))
            item.append(f" {place.label} ", style)
            places.append_text(item)
        title = Text("sbp ", self.get_component_rich_style("nav-bar--title"))
        line = title + places if len(title) + len(places) <= width else places
        _, _, detail = str(self.screen.sub_title).partition(" · ")
        synced = getattr(self.app, "sync_line", "")
        detail = " · ".join(part for part in (detail, synced) if part)
        if detail and len(line) + len(detail) + 2 <= width:
            line.append(" " * (width - len(line) - len(detail) - 1)).append(detail).append(" ")
        return line
