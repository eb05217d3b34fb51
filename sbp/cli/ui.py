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
        """Open the dashboard: budgets, spending and expenses, kept up to date while open."""
        from sbp.bootstrap import build_planner
        from sbp.tui.app import SbpApp

        theme = "light" if light else "dark"
        SbpApp(build_planner(), theme=theme, filter_delay=FILTER_DELAY).run()
