"""`sbp ui`: the App that wires the screens, the keys, the command palette and the refresh.

Each screen reads and writes through the one Planner it is given, exactly as the CLI does.
The app polls the store's change counter so an `sbp add` in another terminal shows up here
within a couple of seconds, and reloads whatever screen is in front after every write. On a
signed-in device it starts a sync every minute and after each write (in the background: the
screen never waits for the network), and the top bar says when it last synced.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen

from sbp.core.errors import SbpError
from sbp.planner import Planner
from sbp.tui.messages import StoreChanged
from sbp.tui.navigation import PLACES
from sbp.tui.screens.base import LedgerScreen
from sbp.tui.screens.budgets import BudgetsScreen
from sbp.tui.screens.dashboard import DashboardScreen
from sbp.tui.screens.expenses import ExpensesScreen
from sbp.tui.screens.imports import ImportsScreen
from sbp.tui.screens.keys import KeysScreen, key_rows
from sbp.tui.screens.notifications import NotificationsScreen
from sbp.tui.screens.reports import ReportsScreen
from sbp.tui.screens.rules import RulesScreen
from sbp.tui.widgets.nav_bar import NavBar

SCREENS: dict[str, tuple[str, Callable[[Planner], LedgerScreen]]] = {
    "dashboard": ("Dashboard", DashboardScreen),
    "expenses": ("Expenses", ExpensesScreen),
    "budgets": ("Budgets", BudgetsScreen),
    "rules": ("Categories and rules", RulesScreen),
    "notifications": ("Notifications", NotificationsScreen),
    "imports": ("Import", ImportsScreen),
    "reports": ("Reports", ReportsScreen),
}
THEMES = {"dark": "textual-dark", "light": "textual-light"}


class SbpApp(App[None]):
    """The dashboard application over one Planner."""

    CSS_PATH = "sbp.tcss"
    DEFAULT_MODE = "dashboard"
    TITLE = "sbp"
    BINDINGS: ClassVar[list[BindingType]] = [
        # first in the footer: these three must stay visible on a narrow terminal
        Binding("u", "undo", "Undo"),
        Binding("question_mark", "keys", "Keys"),
        Binding("q", "quit", "Quit"),
        # the bar at the top shows these, so the footer has room for each screen's own keys
        *(Binding(p.key, f"show('{p.mode}')", p.label, show=False) for p in PLACES),
        Binding("ctrl+t", "toggle_dark", "Light/dark", show=False),
        # keys typed ahead (fast typists, pastes) must not overtake a move to the next field
        Binding("tab", "focus_next", "Next field", show=False, priority=True),
        Binding("shift+tab", "focus_previous", "Previous field", show=False, priority=True),
    ]

    def __init__(
        self,
        planner: Planner,
        theme: str = "dark",
        poll_seconds: float = 2.0,
        filter_delay: float = 0.0,
        start_sync: Callable[[], None] | None = None,
        sync_seconds: float = 60.0,
    ) -> None:
        super().__init__()
        self.planner = planner
        self.poll_seconds = poll_seconds
        self.start_sync = start_sync
        self.sync_seconds = sync_seconds
        self.sync_line = planner.sync_line()  # what the top bar says of the sync
        self.theme = THEMES.get(theme, theme)
        self._seen = planner.outside_changes()
        for name, (_, make) in SCREENS.items():
            extra = (filter_delay,) if make is ExpensesScreen else ()
            self.add_mode(name, partial(make, planner, *extra))

    def on_mount(self) -> None:
        # cells coloured from the theme's shades are drawn again in the new theme's
        self.theme_changed_signal.subscribe(self, lambda _: self.reload_screen())
        if self.poll_seconds > 0:
            self.set_interval(self.poll_seconds, self.check_outside_changes)
        if self.start_sync is not None:
            self.start_sync()
            self.set_interval(self.sync_seconds, self.start_sync)

    def on_app_focus(self) -> None:
        # coming back from another terminal is when a person expects to see its changes
        self.check_outside_changes()

    def check_outside_changes(self) -> None:
        """Reload the screen in front when another process wrote to the store."""
        seen = self.planner.outside_changes()
        if seen != self._seen:
            self._seen = seen
            self.reload_screen()
        line = self.planner.sync_line()
        if line != self.sync_line:
            self.sync_line = line
            for bar in self.screen.query(NavBar):  # the top bar shows it
                bar.refresh()

    def reload_screen(self) -> None:
        """Ask the screen in front (under any modal) to read the store again."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, LedgerScreen):
                screen.reload()
                return

    def action_show(self, mode: str) -> None:
        self.switch_mode(mode)

    def action_undo(self) -> None:
        try:
            entry = self.planner.undo()
        except SbpError as problem:
            self.notify(problem.message, severity="warning")
            return
        self.notify(f"Undid: {entry.summary}", title="Undo")
        self.reload_screen()

    def action_keys(self) -> None:
        """Show every key that works on the screen in front, and the app's own."""
        here, everywhere = key_rows(self.screen)
        self.push_screen(KeysScreen(self.screen.sub_title or self.title, here, everywhere))

    def on_store_changed(self, message: StoreChanged) -> None:
        if self.start_sync is not None:
            self.start_sync()
        self.notify(message.summary)
        for alert in message.alerts:
            severity: SeverityLevel = "error" if _threshold(alert.dedupe_key) >= 100 else "warning"
            self.notify(alert.message, title="Budget alert", severity=severity)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title != "Keys":  # Textual's own shows its help panel, not ours
                yield command
        yield SystemCommand("Keys", "Every key on this screen and everywhere (?)", self.action_keys)
        for mode, (title, make) in SCREENS.items():
            yield SystemCommand(f"Go to {title}", f"Show the {title.lower()} screen",
                                partial(self.switch_mode, mode))  # fmt: skip
            for binding in getattr(make, "BINDINGS", []):
                if isinstance(binding, Binding) and binding.show:
                    yield SystemCommand(
                        f"{title}: {binding.description}",
                        f"Key {binding.key} on the {title.lower()} screen",
                        partial(self.run_in_mode, mode, binding.action),
                    )
        yield SystemCommand("Undo", "Reverse the last change (u)", self.action_undo)

    async def run_in_mode(self, mode: str, action: str) -> None:
        """Switch to a screen, then run one of its actions (for the command palette)."""
        await self.switch_mode(mode)
        await self.screen.run_action(action)


def _threshold(dedupe_key: str) -> int:
    """The percent in an alert's `month#category#threshold` key (0 when there is none)."""
    last = dedupe_key.rsplit("#", 1)[-1]
    return int(last) if last.isdigit() else 0
