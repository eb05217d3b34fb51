"""Reports: pick a period, read the summary on screen, write the PDF without freezing.

The data comes from `Planner.report` and the words from the same renderers `sbp report` uses
(Markdown on screen, reportlab for the PDF); the PDF is drawn in a worker thread.
"""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Input, Markdown, Static

from sbp.core.errors import SbpError
from sbp.core.reports import ReportData
from sbp.planner import Planner
from sbp.render.destination import Destination, destination, write
from sbp.tui.messages import StoreChanged
from sbp.tui.screens.base import LedgerScreen
from sbp.tui.widgets.nav_bar import NavBar


class ReportsScreen(LedgerScreen):
    """A period field, a PDF path field and the report's summary."""

    SUB_TITLE = "Reports"
    HOME = "#report-body"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "period", "Period"),
        Binding("w", "write_pdf", "Write PDF"),
    ]

    def __init__(self, planner: Planner) -> None:
        super().__init__(planner)
        self.data: ReportData | None = None

    def compose(self) -> ComposeResult:
        yield NavBar("reports")
        with Horizontal(id="report-form"):
            # empty: this month, and ./sbp-report-PERIOD.pdf (the status line says which)
            yield Input(placeholder="2026-11, 2026-W47 or 2026", id="period")
            yield Input(placeholder="PDF path (sbp-report-PERIOD.pdf)", id="pdf")
        yield Static("", id="report-status", markup=False)
        with VerticalScroll(id="report-body"):
            yield Markdown(id="report-text")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        # arrive with the screen's keys in the footer; p goes to the period
        self.query_one("#report-body").focus()

    def reload(self) -> None:
        self.data = None
        text = self.query_one("#period", Input).value
        try:
            period = self.planner.report_period(**_period_option(text))
            self.data = self.planner.report(period)
        except SbpError as problem:
            self._say(problem.message)
            return
        from sbp.render.summary import report_to_markdown

        self._say(f"{period.label} · w writes the PDF")
        self.query_one("#report-text", Markdown).update(report_to_markdown(self.data))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "period":
            self.reload()
        else:
            self.action_write_pdf()

    def action_period(self) -> None:
        self.query_one("#period", Input).focus()

    def action_write_pdf(self) -> None:
        if self.data is None:
            self.reload()
        if self.data is None:
            return
        typed = self.query_one("#pdf", Input).value.strip()
        try:  # the same checks and the same safe writing as `sbp report -o`
            target = destination(typed or f"sbp-report-{self.data.period.slug}.pdf")
        except SbpError as problem:
            self._say(problem.message)
            return
        self._say(f"writing {target.named} ...")
        self.write_pdf(self.data, target)

    @work(thread=True, exclusive=True)
    def write_pdf(self, data: ReportData, target: Destination) -> None:
        """Draw and save the PDF off the screen's thread; say where it went."""
        from sbp.render.pdf import render_pdf

        try:
            write(target, [render_pdf(data)])
        except SbpError as problem:
            self.app.call_from_thread(self._say, problem.message)
            return
        self.app.call_from_thread(self._say, f"report written to {target.named}")
        self.app.call_from_thread(
            self.post_message, StoreChanged(f"Report written to {target.named}")
        )

    def _say(self, text: str) -> None:
        self.query_one("#report-status", Static).update(text)


def _period_option(text: str) -> dict[str, str]:
    """Which `sbp report` option the typed period is: --week, --year or --month."""
    cleaned = text.strip()
    if not cleaned:
        return {}
    if "w" in cleaned.lower():
        return {"week": cleaned}
    if cleaned.isdigit():
        return {"year": cleaned}
    return {"month": cleaned}
