"""`sbp add`, `list`, `show`, `edit`, `rm`, `undo`: recording and correcting expenses."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the expense commands to the root app."""

    @app.command("add")
    def add(
        amount: str = typer.Argument(..., help="How much: 12.50, 12,50, $4.20, 4.20EUR."),
        description: str = typer.Argument(..., help="What it was for."),
        category: str | None = typer.Option(None, "--category", "-c"),
        on: str | None = typer.Option(None, "--date", "-d"),
        note: str = typer.Option("", "--note"),
        currency: str | None = typer.Option(None, "--currency"),
    ) -> None:
        """Record an expense dated today."""
        from sbp.bootstrap import build_planner

        change = build_planner().add_expense(
            amount, description, on=on, category=category, note=note, currency=currency
        )
        print(change.expense.id, change.expense.category)
