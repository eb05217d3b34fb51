"""Import a bank file: preview what is new, duplicate or invalid, then confirm.

The preview is the Planner's own dry run (`import_file(dry_run=True)`), so the rows shown are
exactly the rows the real import will add; confirming runs the same call for real, as one
batch that `sbp import undo` can take back. Both run in a worker thread, so the screen keeps
answering: a progress line counts the rows read, and `x` cancels (nothing is stored). The
worker reaches the store through a connection of its own (`Planner.on_this_thread`): SQLite
wants a connection used by the thread that made it, so the import's writes all come from one
thread. The preview keeps only its first rows for the table, so a file of any size previews in
little memory.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Input, ProgressBar, Static
from textual.worker import Worker

from sbp.core.errors import SbpError
from sbp.core.importers.run import FileImport, RowOutcome
from sbp.core.money import format_amount
from sbp.planner import Planner
from sbp.tui.messages import StoreChanged
from sbp.tui.screens.base import LedgerScreen
from sbp.tui.screens.confirm import Confirm
from sbp.tui.widgets.cells import cells, tone
from sbp.tui.widgets.nav_bar import NavBar

SHOWN_ROWS = 500
_STATUS_TONES = {"new": "success", "duplicate": "", "possible duplicate": "warning",
                 "invalid": "error"}  # fmt: skip


class Preview:
    """A dry run's rows as they come: every status counted, the first `limit` rows kept."""

    def __init__(self, limit: int = SHOWN_ROWS) -> None:
        self.limit = limit
        self.rows: list[RowOutcome] = []
        self.counts = dict.fromkeys(_STATUS_TONES, 0)

    def __call__(self, rows: list[RowOutcome]) -> None:
        for row in rows:
            self.counts[row.status] = self.counts.get(row.status, 0) + 1
        self.rows.extend(rows[: max(0, self.limit - len(self.rows))])

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class Cancelled(Exception):
    """Raised inside a running import when the person cancels it: its transaction rolls back."""


class ImportsScreen(LedgerScreen):
    """A file path, a preview table and a confirmation; the import itself in a worker."""

    SUB_TITLE = "Import"
    HOME = "#import-rows"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "open_file", "File"),
        Binding("p", "preview", "Preview"),
        Binding("i", "import_file", "Import"),
        Binding("x", "cancel", "Cancel"),
    ]

    def __init__(self, planner: Planner) -> None:
        super().__init__(planner)
        self.preview: Preview | None = None
        self.previewed: FileImport | None = None
        self.running: Worker[None] | None = None
        # Textual's own cancel stops waiting for a thread but not the thread: the import asks
        # this between chunks, and rolls back
        self._cancelled = threading.Event()

    def compose(self) -> ComposeResult:
        yield NavBar("imports")
        with Horizontal(id="import-form"):
            yield Input(placeholder="path of a CSV or OFX file from your bank", id="import-path")
            yield Input(placeholder="account (optional)", id="import-account")
        yield Static("o: type a file path, enter to preview", id="import-summary", markup=False)
        yield ProgressBar(id="import-progress", show_eta=False, show_percentage=False)
        yield DataTable(id="import-rows", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#import-rows", DataTable)
        table.add_columns("Line", "Status", "Date", "Amount", "Description", "Category / why")
        self.query_one(ProgressBar).display = False
        table.focus()  # arrive with the screen's keys in the footer; o goes to the path

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        busy = self.running is not None
        if action == "cancel":
            return busy  # shown, and working, only while an import runs
        if action in ("preview", "import_file") and busy:
            return None  # shown greyed: one import at a time
        return super().check_action(action, parameters)

    def action_open_file(self) -> None:
        self.query_one("#import-path", Input).focus()

    def on_input_changed(self) -> None:
        self.previewed = None  # a preview belongs to the file and account it was made for

    def on_input_submitted(self) -> None:
        self.action_preview()

    def action_preview(self) -> None:
        if self.running is None:
            self._start(dry_run=True)
            self.action_focus_table()

    def action_import_file(self) -> None:
        previewed, preview = self.previewed, self.preview
        if previewed is None or preview is None:
            self._say("preview the file first (enter in the path field, or p)")
            return
        invalid = len(previewed.invalid)
        skipped = f"; {invalid} invalid rows left out" if invalid else ""
        question = f"Import {preview.counts['new']} new expenses from {previewed.source}{skipped}?"

        def answered(yes: bool | None) -> None:
            if yes and self.running is None:
                self._start(dry_run=False)

        self.app.push_screen(Confirm(question), answered)

    def action_cancel(self) -> None:
        if self.running is not None:
            self._cancelled.set()
            self._say("cancelling: nothing will be stored")

    def on_unmount(self) -> None:
        self._cancelled.set()  # leaving the app: an import under way stops, storing nothing

    def _start(self, dry_run: bool) -> None:
        path = Path(self.query_one("#import-path", Input).value.strip()).expanduser()
        account = self.query_one("#import-account", Input).value
        self.query_one(ProgressBar).update(total=None, progress=0)
        self.query_one(ProgressBar).display = True
        self._say(f"reading {path.name} ... (x cancels)")
        self._cancelled.clear()
        self.running = self._run(path, account, dry_run)
        self.refresh_bindings()

    @work(thread=True, group="import")
    def _run(self, path: Path, account: str, dry_run: bool) -> None:
        """The import (or its dry run) off the screen's thread, over a connection of its own;
        what it did comes back to the screen's thread (`_finish`, `_previewed`, `_imported`)."""
        preview = Preview()

        def going_on() -> None:
            if self._cancelled.is_set():
                raise Cancelled

        def progress(rows: int) -> None:
            going_on()
            self.app.call_from_thread(self._say, f"{path.name}: {rows:,} rows read (x cancels)")

        def show(rows: list[RowOutcome]) -> None:
            going_on()
            preview(rows)

        try:
            with self.planner.on_this_thread() as planner, path.open("rb") as stream:
                result = planner.import_file(
                    path.name, stream, account=account, dry_run=dry_run, skip_invalid=True,
                    progress=progress, show=show if dry_run else None,
                )  # fmt: skip
        except Cancelled:
            self.app.call_from_thread(self._finish, "import cancelled: nothing was stored")
        except OSError as problem:
            self.app.call_from_thread(
                self._finish, f"cannot read {path}: {problem.strerror or problem}"
            )
        except SbpError as problem:
            self.app.call_from_thread(self._finish, problem.message)
        else:
            done = self._previewed if dry_run else self._imported
            self.app.call_from_thread(done, result, preview)

    def _ended(self) -> None:
        """The worker's thread is done: the screen can start another."""
        self.running = None
        self.query_one(ProgressBar).display = False
        self.refresh_bindings()

    def _finish(self, text: str) -> None:
        self._ended()
        self.previewed = None
        self._say(text)

    def _previewed(self, result: FileImport, preview: Preview) -> None:
        self._ended()
        self.previewed, self.preview = result, preview
        self._show(result, preview)

    def _imported(self, result: FileImport, _: Preview) -> None:
        self._ended()
        self.previewed = None
        self.query_one("#import-rows", DataTable).clear()  # its "new" rows are not new any more
        self._say(f"imported {result.added} expenses as batch {(result.batch_id or '')[:10]}")
        summary = f"Imported {result.added} expenses from {result.source}"
        self.post_message(StoreChanged(summary, result.alerts))

    def _show(self, result: FileImport, preview: Preview) -> None:
        styles = {status: tone(self.app, name) if name else "dim"
                  for status, name in _STATUS_TONES.items()}  # fmt: skip
        listed = " · ".join(f"{n} {status}" for status, n in preview.counts.items())
        shown = ""
        if preview.total > len(preview.rows):
            shown = f" The table shows the first {len(preview.rows):,} of {preview.total:,} rows."
        self._say(
            f"{result.source} ({result.kind}): {listed}.{shown} Press i to import the new rows."
        )
        table = self.query_one("#import-rows", DataTable)
        table.clear()
        for row in preview.rows:
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
