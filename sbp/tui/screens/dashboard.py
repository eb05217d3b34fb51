"""The dashboard: where this month stands, at a glance, kept up to date."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Static

from sbp.core.budget import WARNING_PERCENT, BudgetState, MonthStatus
from sbp.tui.screens.base import LedgerScreen
from sbp.tui.widgets.budget_bars import BudgetBars
from sbp.tui.widgets.expense_rows import expense_cells
from sbp.tui.widgets.nav_bar import NavBar
from sbp.tui.widgets.spending_chart import SpendingChart
from sbp.tui.widgets.summary_cards import SummaryCards

RECENT = 8
ALERTS = 5


class DashboardScreen(LedgerScreen):
    """Summary cards, budget bars, spending by day, recent expenses and unread alerts."""

    SUB_TITLE = "Dashboard"

    def compose(self) -> ComposeResult:
        yield NavBar("dashboard")
        with VerticalScroll(id="dashboard"):
            yield SummaryCards(id="cards")
            with Horizontal(id="dashboard-columns"):
                with Vertical(id="dashboard-left"):
                    yield BudgetBars(id="bars")
                    yield SpendingChart(id="chart")
                with Vertical(id="dashboard-right"):
                    yield Static("Recent expenses", classes="section-title")
                    yield DataTable(id="recent", cursor_type="none", show_cursor=False)
                    yield Static("Unread alerts", classes="section-title")
                    yield Static(id="alerts")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#recent", DataTable)
        table.add_columns("Date", "Amount", "Description")
        table.can_focus = False

    def reload(self) -> None:
        status = self.planner.status()
        self.sub_title = f"Dashboard · {status.month}"
        self.query_one(SummaryCards).show(status)
        self.query_one(BudgetBars).show(status)
        self.query_one(SpendingChart).show(self.planner.daily_spending(), status.currency)
        self._show_recent()
        self._show_alerts(status)

    def _show_recent(self) -> None:
        table = self.query_one("#recent", DataTable)
        table.clear()
        # the table has half the screen; the date, the amount and the gaps take about 26
        width = max(12, self.app.size.width // 2 - 26)
        for expense in self.planner.expense_page(limit=RECENT).rows:
            table.add_row(*expense_cells(expense, width=width)[:3], key=expense.id)

    def _show_alerts(self, status: MonthStatus) -> None:
        unread = self.planner.notifications(unread_only=True, limit=50)
        lines = [f"• {alert.message}" for alert in unread[:ALERTS]]
        if len(unread) > ALERTS:
            lines.append(f"… and {len(unread) - ALERTS} more: press n")
        shown = Text("\n".join(lines)) if lines else _no_unread_alerts(status)
        self.query_one("#alerts", Static).update(shown)


def _no_unread_alerts(status: MonthStatus) -> Text:
    """With every alert read: all is well only when every budget is; else which are not."""
    troubles = [
        f"{label}: " + ", ".join(f"{c.category} {c.percent}%" for c in found)
        for label, state in (("over budget", BudgetState.OVER),
                             (f"past {WARNING_PERCENT}%", BudgetState.WARNING))
        if (found := [c for c in status.categories if c.state is state])
    ]  # fmt: skip
    if not troubles:
        return Text("None: all is well.", style="dim")
    return Text("; ".join(["No unread alerts", *troubles]))
