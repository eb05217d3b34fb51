"""Every expense, one page at a time: live filter, sort by column, add, edit, delete.

Only one page of rows is ever in the table (the Planner fetches it with LIMIT/OFFSET), so the
screen costs the same with a hundred expenses or a million.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Input, Static

from sbp.core.errors import SbpError
from sbp.core.model import Expense
from sbp.core.money import format_amount
from sbp.planner import ExpenseChange, ExpensePage, Planner
from sbp.tui.messages import StoreChanged
from sbp.tui.screens.base import LedgerScreen
from sbp.tui.screens.confirm import Confirm
from sbp.tui.screens.expense_form import ExpenseForm
from sbp.tui.widgets.expense_rows import expense_cells
from sbp.tui.widgets.nav_bar import NavBar

PAGE_SIZE = 100
COLUMNS = (("date", "Date"), ("amount", "Amount"), ("description", "Description"),
           ("category", "Category"))  # fmt: skip
_PAGES = Binding.Group("Page")


@dataclass(frozen=True)
class Listing:
    """What the table shows: the filters, the sort and the page."""

    search: str = ""
    category: str = ""
    month: str = ""
    order: str = "date"
    descending: bool = True
    offset: int = 0


class ExpensesScreen(LedgerScreen):
    """The table of expenses with its filter bar."""

    SUB_TITLE = "Expenses"
    HOME = "#expenses"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add"),
        Binding("e", "edit", "Edit"),
        Binding("x,delete", "delete", "Delete"),
        Binding("slash", "search", "Search"),
        Binding("s", "sort", "Sort"),
        Binding("left_square_bracket", "page(-1)", "Previous page", group=_PAGES),
        Binding("right_square_bracket", "page(1)", "Next page", group=_PAGES),
    ]

    def __init__(self, planner: Planner, filter_delay: float = 0.0) -> None:
        super().__init__(planner)
        self.listing = Listing()
        self.page = ExpensePage((), 0, False)
        self.filter_delay = filter_delay
        self._pending: Timer | None = None

    def compose(self) -> ComposeResult:
        yield NavBar("expenses")
        with Horizontal(id="filters"):
            yield Input(placeholder="/ search", id="search")
            yield Input(placeholder="category", id="category")
            yield Input(placeholder="YYYY-MM", id="month")
        yield Static("", id="filter-error", classes="field-error")
        yield DataTable(id="expenses", cursor_type="row", zebra_stripes=True)
        yield Static("", id="page-info")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#expenses", DataTable)
        for key, label in COLUMNS:
            table.add_column(label, key=key)
        table.focus()

    def reload(self) -> None:
        listing = self.listing
        try:
            self.page = self.planner.expense_page(
                search=listing.search,
                category=listing.category,
                month=listing.month.strip() or None,
                order=listing.order,
                descending=listing.descending,
                offset=listing.offset,
                limit=PAGE_SIZE,
            )
        except SbpError as problem:
            self._show_error(problem.message)
            return
        self._show_error("")
        self._fill()

    def _show_error(self, message: str) -> None:
        error = self.query_one("#filter-error", Static)
        error.update(message)
        error.display = bool(message)

    def _fill(self) -> None:
        table = self.query_one("#expenses", DataTable)
        row = table.cursor_row
        table.clear()
        width = max(16, self.app.size.width - 40)
        for expense in self.page.rows:
            table.add_row(*expense_cells(expense, width), key=expense.id)
        if self.page.rows:
            table.move_cursor(row=min(row, len(self.page.rows) - 1))
        self._show_page_info()

    def _show_page_info(self) -> None:
        rows, page = len(self.page.rows), self.page
        arrow = "↓" if self.listing.descending else "↑"
        where = f"rows {page.offset + 1}-{page.offset + rows}" if rows else "no expenses match"
        more = " · ] next page" if page.has_more else ""
        back = " · [ previous" if page.offset else ""
        info = f"{where} · sorted by {self.listing.order} {arrow}{more}{back}"
        self.query_one("#page-info", Static).update(info)

    # filtering and sorting ------------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in ("search", "category", "month"):
            changes = {event.input.id: event.value, "offset": 0}
            self.listing = replace(self.listing, **changes)  # type: ignore[arg-type]
            if self._pending is not None:
                self._pending.stop()
            if self.filter_delay <= 0:
                self.reload()
                return
            # wait for a pause in typing: one query per word, not one per keystroke
            self._pending = self.set_timer(self.filter_delay, self.reload)

    def on_input_submitted(self) -> None:
        self.action_focus_table()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        self._sort_by(str(event.column_key.value))

    def _sort_by(self, order: str) -> None:
        descending = not self.listing.descending if order == self.listing.order else True
        self.listing = replace(self.listing, order=order, descending=descending, offset=0)
        self.reload()

    def action_sort(self) -> None:
        """Step the sort: each column newest or largest first, then the other way, then the next."""
        self._sort_by(_next_order(self.listing.order, self.listing.descending))

    def action_page(self, step: int) -> None:
        if step > 0 and not self.page.has_more:
            return
        offset = max(0, self.listing.offset + step * PAGE_SIZE)
        self.listing = replace(self.listing, offset=offset)
        self.reload()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    # writes ---------------------------------------------------------------------------------
    def action_add(self) -> None:
        self.app.push_screen(ExpenseForm(self.planner), lambda c: self._after_form("Added", c))

    def action_edit(self) -> None:
        expense = self._selected()
        if expense is not None:
            form = ExpenseForm(self.planner, expense)
            self.app.push_screen(form, lambda c: self._after_form("Saved", c))

    def on_data_table_row_selected(self) -> None:
        self.action_edit()

    def _after_form(self, verb: str, change: ExpenseChange | None) -> None:
        if change is None:
            return
        self.post_message(StoreChanged(f"{verb} {_describe(change)}", change.alerts))
        self.reload()

    def action_delete(self) -> None:
        expense = self._selected()
        if expense is None:
            return
        amount = format_amount(expense.amount, expense.currency, symbol=True)
        question = f"Delete {amount} '{expense.description}' of {expense.date}?"

        def answered(yes: bool | None) -> None:
            if yes:
                self.planner.remove_expense(expense.id)
                self.post_message(StoreChanged(f"Deleted {amount} '{expense.description}'"))
                self.reload()

        self.app.push_screen(Confirm(question), answered)

    def _selected(self) -> Expense | None:
        table = self.query_one("#expenses", DataTable)
        if not self.page.rows or table.cursor_row >= len(self.page.rows):
            return None
        return self.page.rows[table.cursor_row]


def _describe(change: ExpenseChange) -> str:
    e = change.expense
    return f"{format_amount(e.amount, e.currency, symbol=True)} '{e.description}' ({e.category})"


def _next_order(order: str, descending: bool) -> str:
    """`s` steps through the columns, each descending then ascending."""
    names = [key for key, _ in COLUMNS]
    return order if descending else names[(names.index(order) + 1) % len(names)]
