"""How an expense reads in a table row, shared by the dashboard and the expenses screen."""

from __future__ import annotations

from rich.text import Text

from sbp.core.model import Expense
from sbp.core.money import format_amount
from sbp.tui.widgets.cells import cells


def expense_cells(expense: Expense, width: int = 40) -> list[Text]:
    """Date, amount (right-aligned), description (cut to `width`) and category."""
    amount = Text(format_amount(expense.amount, expense.currency, symbol=True), justify="right")
    description = expense.description
    if len(description) > width:
        description = description[: width - 1] + "…"
    return cells(expense.date.isoformat(), amount, description, expense.category)
