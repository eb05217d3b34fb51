"""`sbp ui`: open the full-screen dashboard (Textual is imported only when asked for)."""

from __future__ import annotations

import typer

FILTER_DELAY = 0.2  # seconds of quiet typing before a search runs against the store


def register(app: typer.Typer) -> None:
    """Add the `ui` command to the root app."""

    @app.command("ui")
    def ui(
        light: bool = typer.Option(False, "--light", help="Start with the light theme."),
    ) -> None:
        """Open the dashboard: budgets, spending and expenses, kept up to date while open.

        Signed in, it syncs every minute and after each change, and says when it last synced.
        """
        from sbp.bootstrap import build_planner, signed_in
        from sbp.config import load_settings
        from sbp.sync.background import start_background_sync
        from sbp.tui.app import SbpApp

        theme = "light" if light else "dark"
        settings = load_settings()
        syncs = signed_in(settings) and settings.extra.get("sync_in_background") is not False
        SbpApp(
            build_planner(settings),
            theme=theme,
            filter_delay=FILTER_DELAY,
            start_sync=start_background_sync if syncs else None,
        ).run()
