"""Import a bank file: preview what is new, duplicate or invalid, then confirm.

The preview is the Planner's own dry run (`import_file(dry_run=True)`), so the rows shown are
exactly the rows the real import will add; confirming runs the same call for real, as one
batch that `sbp import undo` can take back.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Header, Input, Static

from sbp.core.errors import SbpError
from sbp.core.importers.run import FileImport
from sbp.core.money import format_amount
from sbp.planner import Planner
from sbp.tui.messages import StoreChanged
from sbp.tui.screens.base import LedgerScreen
from sbp.tui.screens.confirm import Confirm
from sbp.tui.widgets.cells import cells, tone

SHOWN_ROWS = 500
_STATUS_TONES = {"new": "success", "duplicate": "", "possible duplicate": "warning",
                 "invalid": "error"}  # fmt: skip


class ImportsScreen(LedgerScreen):
    """A file path, a preview table and a confirmation."""

    SUB_TITLE = "Import"
    HOME = "#import-rows"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "open_file", "File"),
        Binding("p", "preview", "Preview"),
        Binding("i", "import_file", "Import"),
    ]

    def __init__(self, planner: Planner) -> None:
        super().__init__(planner)
        self.preview: FileImport | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="import-form"):
            yield Input(placeholder="path of a CSV or OFX file from your bank", id="import-path")
            yield Input(placeholder="account (optional)", id="import-account")
        yield Static("o: type a file path, enter to preview", id="import-summary", markup=False)
        yield DataTable(id="import-rows", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#import-rows", DataTable)
        table.add_columns("Line", "Status", "Date", "Amount", "Description", "Category / why")
        table.focus()  # arrive with the screen's keys in the footer; o goes to the path

    def action_open_file(self) -> None:
        self.query_one("#import-path", Input).focus()

    def on_input_changed(self) -> None:
        self.preview = None  # a preview belongs to the file and account it was made for

    def on_input_submitted(self) -> None:
        self.action_preview()

    def action_preview(self) -> None:
        result = self._run(dry_run=True)
        if result is None:
            return
        self.preview = result
        self._show(result)
        self.action_focus_table()

    def action_import_file(self) -> None:
        preview = self.preview
        if preview is None:
            self._say("preview the file first (enter in the path field, or p)")
            return
        new = sum(1 for row in preview.rows if row.status == "new")
        skipped = f"; {len(preview.invalid)} invalid rows left out" if preview.invalid else ""
        question = f"Import {new} new expenses from {preview.source}{skipped}?"

        def answered(yes: bool | None) -> None:
            if yes:
                self._import()

        self.app.push_screen(Confirm(question), answered)

    def _import(self) -> None:
        result = self._run(dry_run=False)
        if result is None:
            return
        self.preview = None
        self.query_one("#import-rows", DataTable).clear()  # its "new" rows are not new any more
        self._say(f"imported {result.added} expenses as batch {(result.batch_id or '')[:10]}")
        summary = f"Imported {result.added} expenses from {result.source}"
        self.post_message(StoreChanged(summary, result.alerts))

    def _run(self, dry_run: bool) -> FileImport | None:
        # not a worker thread: the SQLite ledger's connection belongs to the thread that made it
        path = Path(self.query_one("#import-path", Input).value.strip()).expanduser()
        account = self.query_one("#import-account", Input).value
        try:
            with path.open("rb") as stream:
                return self.planner.import_file(
                    path.name, stream, account=account, dry_run=dry_run, skip_invalid=True
                )
        except OSError as problem:
            self._say(f"cannot read {path}: {problem.strerror or problem}")
        except SbpError as problem:
            self._say(problem.message)
        return None

    def _show(self, result: FileImport) -> None:
        counts = {status: 0 for status in _STATUS_TONES}
        styles = {status: tone(self.app, name) if name else "dim"
                  for status, name in _STATUS_TONES.items()}  # fmt: skip
        for row in result.rows:
            counts[row.status] = counts.get(row.status, 0) + 1
        listed = " · ".join(f"{n} {status}" for status, n in counts.items())
        self._say(f"{result.source} ({result.kind}): {listed}. Press i to import the new rows.")
        table = self.query_one("#import-rows", DataTable)
        table.clear()
        for row in result.rows[:SHOWN_ROWS]:
            amount = "" if row.amount is None else format_amount(row.amount, row.currency)
            table.add_row(
                *cells(
                    str(row.line),
                    Text(row.status, style=styles.get(row.status, "")),
                    "" if row.date is None else row.date.isoformat(),
                    Text(amount, justify="right"),
                    row.description,
                    row.detail or row.category,
                )
            )

    def _say(self, text: str) -> None:
        self.query_one("#import-summary", Static).update(text)
