"""Categories and rules: what exists, add a rule, and test a description against them all."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, DataTable, Footer, Input, Static

from sbp.core.errors import SbpError
from sbp.core.model import Rule
from sbp.core.money import format_amount
from sbp.planner import Planner
from sbp.tui.messages import StoreChanged
from sbp.tui.screens.base import LedgerScreen
from sbp.tui.widgets.cells import cells
from sbp.tui.widgets.nav_bar import NavBar


class RulesScreen(LedgerScreen):
    """Rules on the left, categories on the right, the add and test forms below."""

    SUB_TITLE = "Categories and rules"
    HOME = "#rules"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "new", "Add rule"),
        Binding("t", "test", "Test"),
        Binding("x,delete", "remove", "Remove rule"),
    ]

    def __init__(self, planner: Planner) -> None:
        super().__init__(planner)
        self.shown: list[Rule] = []

    def compose(self) -> ComposeResult:
        yield NavBar("rules")
        with Horizontal(id="rules-tables"):
            with Vertical():
                yield Static("Rules (tried in order)", classes="section-title")
                yield DataTable(id="rules", cursor_type="row", zebra_stripes=True)
            with Vertical():
                yield Static("Categories", classes="section-title")
                yield DataTable(id="categories", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="rule-form"):
            yield Input(placeholder="pattern, e.g. starbucks", id="rule-pattern")
            yield Input(placeholder="category", id="rule-category")
            yield Checkbox("regex", id="rule-regex")
        yield Input(placeholder="t: test a description, e.g. STARBUCKS #1234", id="rule-test")
        yield Static("", id="rule-result", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#rules", DataTable).add_columns("#", "Pattern", "Category", "Kind")
        self.query_one("#categories", DataTable).add_columns("Category", "Expenses", "Budget")
        self.query_one("#rules", DataTable).focus()

    def reload(self) -> None:
        self.shown = self.planner.rules()
        rules = self.query_one("#rules", DataTable)
        rules.clear()
        for rule in self.shown:
            kind = "regex" if rule.is_regex else "text"
            row = cells(str(rule.id), rule.pattern, rule.category, kind)
            rules.add_row(*row, key=str(rule.id))
        categories = self.query_one("#categories", DataTable)
        categories.clear()
        code = self.planner.base_currency
        for info in self.planner.categories():
            budget = "" if info.budget is None else format_amount(info.budget, code, symbol=True)
            count = Text(str(info.expenses), justify="right")
            row = cells(info.name, count, Text(budget, justify="right"))
            categories.add_row(*row, key=info.name)

    def action_new(self) -> None:
        self.query_one("#rule-pattern", Input).focus()

    def action_test(self) -> None:
        self.query_one("#rule-test", Input).focus()

    def action_remove(self) -> None:
        row = self.query_one("#rules", DataTable).cursor_row
        if not self.shown or row >= len(self.shown):
            return
        rule = self.planner.remove_rule(self.shown[row].id)
        self.post_message(StoreChanged(f"Removed rule #{rule.id} ('{rule.pattern}')"))
        self.reload()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "rule-test":
            self._test(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id in ("rule-pattern", "rule-category"):
            self._add()

    def _add(self) -> None:
        pattern = self.query_one("#rule-pattern", Input)
        category = self.query_one("#rule-category", Input)
        regex = self.query_one("#rule-regex", Checkbox).value
        try:
            rule = self.planner.add_rule(pattern.value, category.value, regex)
        except SbpError as problem:
            self.query_one("#rule-result", Static).update(problem.message)
            return
        pattern.value = category.value = ""
        self.post_message(StoreChanged(f"Rule #{rule.id}: '{rule.pattern}' → {rule.category}"))
        self.reload()
        self._test(self.query_one("#rule-test", Input).value)
        self.action_focus_table()

    def _test(self, description: str) -> None:
        result = self.query_one("#rule-result", Static)
        if not description.strip():
            result.update("")
            return
        try:
            explanation = self.planner.explain(description)
        except SbpError as problem:
            result.update(problem.message)
            return
        chosen = explanation.chosen
        lines = [f"→ {chosen.category}: {chosen.reason}"]
        others = [c for c in explanation.candidates if c is not chosen]
        lines += [f"  also {c.category or '(skipped)'}: {c.reason}" for c in others]
        result.update("\n".join(lines))
