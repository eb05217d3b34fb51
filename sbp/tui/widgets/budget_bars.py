"""A progress bar per budgeted category, coloured by how the category is doing.

The state (fine, past 80%, over) comes from the core's `CategoryStatus.state`; the colours
come from the stylesheet, so the light and dark themes both read well.
"""

from __future__ import annotations

from decimal import Decimal

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from sbp.core.budget import CategoryStatus, MonthStatus
from sbp.core.money import format_amount


class BudgetBar(Static):
    """One category: name, bar, spent of limit and percent."""

    def __init__(self, status: CategoryStatus) -> None:
        super().__init__(classes=f"budget-bar -{status.state.value}")
        self.status = status

    def render(self) -> Text:
        status = self.status
        spent = format_amount(status.spent, status.currency, symbol=True)
        limit = format_amount(status.limit, status.currency, symbol=True)
        figures = f"{spent} of {limit}  {status.percent}%"
        width = max(self.size.width, 20)
        gap = " " * max(1, width - len(figures) - len(status.category))
        heading = f"{status.category}{gap}{figures}"
        filled = min(width, int(status.percent * width / Decimal(100)))
        return Text(f"{heading}\n{'█' * filled}{'░' * (width - filled)}")


class BudgetBars(Vertical):
    """Every budgeted category of the month, or a hint when there are none."""

    def compose(self) -> ComposeResult:
        yield Static("Budgets", classes="section-title")

    def show(self, status: MonthStatus) -> None:
        """Replace the bars with the month's categories."""
        self.query(".budget-bar, .empty").remove()
        if not status.categories:
            self.mount(Static("No budgets yet: press b to set one.", classes="empty"))
            return
        self.mount_all(BudgetBar(category) for category in status.categories)
