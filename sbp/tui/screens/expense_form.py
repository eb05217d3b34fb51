"""The add / edit expense form: a modal that checks each field as you type.

Every check is the Planner's own (`check_amount`, `check_date`, `check_description`), so the
form refuses exactly what `sbp add` refuses, with the same words, before anything is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from sbp.core.errors import SbpError
from sbp.core.model import Expense
from sbp.core.money import plain
from sbp.planner import ExpenseChange, Planner

FIELDS = ("amount", "date", "description", "category", "note")


class ExpenseForm(ModalScreen[ExpenseChange | None]):
    """Add a new expense, or edit `expense` when one is given; dismisses with what changed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, planner: Planner, expense: Expense | None = None) -> None:
        super().__init__()
        self.planner = planner
        self.expense = expense

    def compose(self) -> ComposeResult:
        title = "Edit expense" if self.expense else "Add expense"
        values = self._initial_values()
        with Vertical(id="form", classes="modal-box"):
            yield Static(title, classes="modal-title")
            for name in FIELDS:
                with Horizontal(classes="field-row"):
                    yield Label(name.capitalize(), classes="field-label")
                    yield Input(value=values[name], id=name, placeholder=_PLACEHOLDERS[name])
                yield Static("", id=f"{name}-error", classes="field-error", markup=False)
            yield Static("", id="form-error", classes="field-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def _initial_values(self) -> dict[str, str]:
        if self.expense is None:
            today = self.planner.clock.today().isoformat()
            return {"amount": "", "date": today, "description": "", "category": "", "note": ""}
        e = self.expense
        return {
            "amount": plain(e.amount, e.currency),
            "date": e.date.isoformat(),
            "description": e.description,
            "category": e.category,
            "note": e.note,
        }

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in _CHECKS:
            self._check(event.input.id, event.value)

    def _check(self, name: str, value: str) -> bool:
        """Run the Planner's check for one field; show its error under the field."""
        error = self.query_one(f"#{name}-error", Static)
        try:
            _CHECKS[name](self.planner)(value)
        except SbpError as problem:
            error.update(problem.message)
            error.display = True
            self.query_one(f"#{name}", Input).add_class("-invalid-field")
            return False
        error.display = False
        self.query_one(f"#{name}", Input).remove_class("-invalid-field")
        return True

    def on_input_submitted(self) -> None:
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        values = {name: self.query_one(f"#{name}", Input).value for name in FIELDS}
        if not all([self._check(name, values[name]) for name in _CHECKS]):
            return
        try:
            change = self._write(values)
        except SbpError as problem:
            self.query_one("#form-error", Static).update(problem.message)
            return
        self.dismiss(change)

    def _write(self, values: dict[str, str]) -> ExpenseChange:
        category = values["category"].strip() or None
        if self.expense is None:
            return self.planner.add_expense(
                values["amount"],
                values["description"],
                on=values["date"],
                category=category,
                note=values["note"],
            )
        unchanged = category == self.expense.category
        return self.planner.edit_expense(
            self.expense.id,
            amount=values["amount"],
            on=values["date"],
            description=values["description"],
            category=None if unchanged else category,
            note=values["note"],
        )


_PLACEHOLDERS = {
    "amount": "12.50",
    "date": "YYYY-MM-DD, today, -1d",
    "description": "what it was for",
    "category": "leave empty to guess",
    "note": "optional",
}
_CHECKS: dict[str, Callable[[Planner], Callable[[str], object]]] = {
    "amount": lambda planner: planner.check_amount,
    "date": lambda planner: planner.check_date,
    "description": lambda planner: planner.check_description,
}
