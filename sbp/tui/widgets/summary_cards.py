"""The row of cards at the top of the dashboard: the month in six numbers."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from sbp.core.budget import MonthStatus
from sbp.core.money import format_amount


class Card(Static):
    """One number with its label above it."""

    def show(self, label: str, value: str) -> None:
        self.update(Text.assemble((label, "dim"), "\n", (value, "bold")))


class SummaryCards(Horizontal):
    """Spent this month, budgeted, remaining, over budget, days left and the safe daily amount:
    the core's figures (`MonthStatus`), never worked out here."""

    def compose(self) -> ComposeResult:
        for name in ("spent", "budgeted", "remaining", "over", "days-left", "safe-daily"):
            yield Card(id=f"card-{name}", classes="card")

    def show(self, status: MonthStatus) -> None:
        """Fill the cards from the month's status."""
        code = status.currency
        totals = status.budget_totals
        values = {
            "spent": ("Spent", format_amount(status.total, code, symbol=True)),
            "budgeted": ("Budgeted", format_amount(totals.budgeted, code, symbol=True)),
            "remaining": ("Remaining", format_amount(totals.remaining, code, symbol=True)),
            "over": ("Over budget", format_amount(totals.over, code, symbol=True)),
            "days-left": ("Days left", str(status.days_left)),
            "safe-daily": ("Safe daily", format_amount(status.safe_daily, code, symbol=True)),
        }
        for name, (label, value) in values.items():
            self.query_one(f"#card-{name}", Card).show(label, value)
        self.query_one("#card-over", Card).set_class(bool(totals.over_categories), "-over")
