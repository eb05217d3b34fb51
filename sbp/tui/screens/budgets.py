"""Budgets: every limit with this month's spending beside it; set, change and remove in place."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Button, DataTable, Footer, Input, Static

from sbp.core.budget import MonthStatus, effective_budgets
from sbp.core.errors import SbpError
from sbp.core.model import Budget
from sbp.core.money import format_amount, plain
from sbp.planner import Planner
from sbp.tui.messages import StoreChanged
from sbp.tui.screens.base import LedgerScreen
from sbp.tui.widgets.cells import cells as plain_cells
from sbp.tui.widgets.cells import tone
from sbp.tui.widgets.nav_bar import NavBar


class BudgetsScreen(LedgerScreen):
    """A table of budgets and a one-line form under it."""

    SUB_TITLE = "Budgets"
    HOME = "#budgets"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "new", "New"),
        Binding("m", "change", "Change"),
        Binding("x,delete", "remove", "Remove"),
    ]

    def __init__(self, planner: Planner) -> None:
        super().__init__(planner)
        self.shown: list[Budget] = []

    def compose(self) -> ComposeResult:
        yield NavBar("budgets")
        yield DataTable(id="budgets", cursor_type="row", zebra_stripes=True)
        yield Static("", id="budget-error", classes="field-error")
        with Horizontal(id="budget-form"):
            yield Input(placeholder="category", id="budget-category")
            yield Input(placeholder="limit, e.g. 60", id="budget-amount")
            yield Input(placeholder="every month or YYYY-MM", id="budget-month")
            yield Button("Set", id="budget-set", variant="primary")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#budgets", DataTable)
        table.add_columns("Category", "Applies to", "Limit", "Spent this month", "Used")
        table.focus()

    def reload(self) -> None:
        status = self.planner.status()
        self.shown = self.planner.budgets()
        table = self.query_one("#budgets", DataTable)
        row = table.cursor_row
        table.clear()
        in_force = effective_budgets(self.shown, status.month)
        styles = {state: tone(self.app, name) for state, name in _STATE_TONES.items()}
        for budget in self.shown:
            cells = _cells(budget, status, in_force.get(budget.category) == budget, styles)
            table.add_row(*plain_cells(*cells), key=f"{budget.category}|{budget.month or ''}")
        if self.shown:
            table.move_cursor(row=min(row, len(self.shown) - 1))

    def _selected(self) -> Budget | None:
        row = self.query_one("#budgets", DataTable).cursor_row
        return self.shown[row] if self.shown and row < len(self.shown) else None

    def action_new(self) -> None:
        for name in ("category", "amount", "month"):
            self.query_one(f"#budget-{name}", Input).value = ""
        self.query_one("#budget-category", Input).focus()

    def action_change(self) -> None:
        budget = self._selected()
        if budget is None:
            return
        self.query_one("#budget-category", Input).value = budget.category
        self.query_one("#budget-amount", Input).value = plain(budget.limit, budget.currency)
        self.query_one("#budget-month", Input).value = str(budget.month or "")
        self.query_one("#budget-amount", Input).focus()

    def on_data_table_row_selected(self) -> None:
        self.action_change()

    def on_input_submitted(self) -> None:
        self._set()

    def on_button_pressed(self) -> None:
        self._set()

    def _set(self) -> None:
        category, amount, month = (
            self.query_one(f"#budget-{name}", Input).value
            for name in ("category", "amount", "month")
        )
        try:
            change = self.planner.set_budget(category, amount, month.strip() or None)
        except SbpError as problem:
            self.query_one("#budget-error", Static).update(problem.message)
            return
        self.query_one("#budget-error", Static).update("")
        budget = change.budget
        limit = format_amount(budget.limit, budget.currency, symbol=True)
        summary = f"{budget.category}: {_scope(budget)} limit {limit}"
        self.post_message(StoreChanged(summary, change.alerts))
        self.reload()
        self.action_focus_table()

    def action_remove(self) -> None:
        budget = self._selected()
        if budget is None:
            return
        self.planner.remove_budget(budget.category, budget.month)
        self.post_message(StoreChanged(f"Removed the {budget.category} budget ({_scope(budget)})"))
        self.reload()


def _scope(budget: Budget) -> str:
    return str(budget.month) if budget.month else "every month"


def _cells(
    budget: Budget, status: MonthStatus, in_force: bool, styles: dict[str, str]
) -> tuple[str, str, Text, Text, Text]:
    code = budget.currency
    limit = Text(format_amount(budget.limit, code, symbol=True), justify="right")
    current = status.find(budget.category) if in_force else None
    if current is None:
        return budget.category, _scope(budget), limit, Text(""), Text("")
    spent = Text(format_amount(current.spent, code, symbol=True), justify="right")
    used = Text(f"{current.percent}%", style=styles[current.state.value], justify="right")
    if current.state.value == "over":
        used.stylize("bold")
    return budget.category, _scope(budget), limit, spent, used


_STATE_TONES = {"fine": "success", "warning": "warning", "over": "error"}
