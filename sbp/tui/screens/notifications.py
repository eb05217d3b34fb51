"""Budget alerts raised so far, newest first; `m` marks them read."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer

from sbp.tui.messages import StoreChanged
from sbp.tui.screens.base import LedgerScreen
from sbp.tui.widgets.nav_bar import NavBar

SHOWN = 200


class NotificationsScreen(LedgerScreen):
    """Every alert with when it was raised; unread ones stand out."""

    SUB_TITLE = "Notifications"
    HOME = "#notifications"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("m", "mark_read", "Mark all read")]

    def compose(self) -> ComposeResult:
        yield NavBar("notifications")
        yield DataTable(id="notifications", cursor_type="row")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#notifications", DataTable)
        table.add_columns("", "When")
        # a fixed width lets a long alert wrap onto a second line instead of running off screen
        table.add_column("Alert", width=max(30, self.app.size.width - 26))
        self.query_one("#notifications", DataTable).focus()

    def reload(self) -> None:
        table = self.query_one("#notifications", DataTable)
        table.clear()
        for alert in self.planner.notifications(limit=SHOWN):
            mark = Text("●" if not alert.read else " ", style="bold")
            when = alert.created_at.strftime("%Y-%m-%d %H:%M")
            style = "" if alert.read else "bold"
            message = Text(alert.message, style=style)
            table.add_row(mark, Text(when), message, key=alert.id, height=None)

    def action_mark_read(self) -> None:
        count = self.planner.mark_notifications_read()
        self.post_message(StoreChanged(f"Marked {count} alert(s) read"))
        self.reload()
