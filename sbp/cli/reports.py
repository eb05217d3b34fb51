"""`sbp report`: a period's spending as a PDF worth printing, or its aggregates as data.

reportlab is imported only here, inside the command, so no other command pays for it. The file
is written as `sbp.render.destination` writes every output: whole or not at all.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer

from sbp.cli.context import planner
from sbp.core.printable import shown
from sbp.render.destination import Destination, destination, write

if TYPE_CHECKING:
    from sbp.core.report_periods import ReportPeriod
    from sbp.core.reports import ReportData

FORMATS = ("pdf", "json", "csv", "md")

EXAMPLES = """Examples:

\b
  sbp report                                 this month, to sbp-report-2026-11.pdf
  sbp report --month 2026-10 -o october.pdf
  sbp report --week 2026-W47 --open
  sbp report --from 2026-01-01 --to 2026-03-31
  sbp report --year 2026 --format json       the aggregates as JSON on stdout
  sbp report --cloud --month 2026-10         made in the cloud from your synced data
"""


def register(app: typer.Typer) -> None:
    """Add `report` to the root app."""
    app.command("report", epilog=EXAMPLES)(report)


def report(
    month: str | None = typer.Option(
        None, "--month", "-m", metavar="YYYY-MM", help="A month (default: this month)."
    ),
    week: str | None = typer.Option(None, "--week", "-w", metavar="YYYY-Www", help="An ISO week."),
    year: str | None = typer.Option(None, "--year", "-y", metavar="YYYY", help="A whole year."),
    start: str | None = typer.Option(
        None, "--from", metavar="DATE", help="First day: 2026-01-01, -30d, ..."
    ),
    end: str | None = typer.Option(None, "--to", metavar="DATE", help="Last day (default: today)."),
    output: str | None = typer.Option(
        None, "--output", "-o", metavar="FILE", help="Where to write it; '-' for stdout."
    ),
    fmt: str = typer.Option(
        "pdf", "--format", "-f", metavar="FORMAT", help="pdf, or json, csv, md for the data."
    ),
    open_after: bool = typer.Option(False, "--open", help="Open the PDF in the system viewer."),
    cloud: bool = typer.Option(
        False, "--cloud", help="Have the cloud make the PDF from your synced data (signed in)."
    ),
) -> None:
    """Make a spending report for a month (default: this one), a week, a year or a range.

    The PDF is written to sbp-report-PERIOD.pdf in the current folder unless -o says
    otherwise, and its path is printed. json, csv and md print the same aggregates on
    stdout (or to -o), amounts as plain strings.
    """
    chosen = _check_format(fmt)
    if cloud:
        period, content, target = _from_cloud(chosen, output, month, week, year, start, end)
    else:
        plan = planner()
        period = plan.report_period(month=month, week=week, year=year, start=start, end=end)
        target = _target(output, f"sbp-report-{period.slug}.{chosen}", chosen)
        content = _render(plan.report(period), chosen)
    if target is None:
        _to_stdout(content)
        return
    write(target, [content])
    if target.stream:
        return  # a pipe or a device took it: there is no file to name or open
    print(shown(str(target.named)))
    if open_after:
        from sbp.cli.viewer import open_with_viewer

        open_with_viewer(target.named, "report")


def _from_cloud(
    fmt: str, output: str | None, *period_options: str | None
) -> tuple[ReportPeriod, bytes, Destination | None]:
    """The period, the PDF the cloud made of it, and where it goes (checked before asking)."""
    from datetime import date

    from sbp.cloud.reports import cloud_report
    from sbp.cloud.session import require_session
    from sbp.config import load_settings
    from sbp.core.errors import InvalidInput
    from sbp.core.report_periods import choose_period

    if fmt != "pdf":
        raise InvalidInput("--cloud makes PDFs only", hint="leave out --format, or --cloud")
    session = require_session(load_settings())
    month, week, year, start, end = period_options
    period = choose_period(date.today(), month=month, week=week, year=year, start=start, end=end)
    target = _target(output, f"sbp-report-{period.slug}.pdf", fmt)
    pdf = cloud_report(session, period)
    _say_what_the_cloud_lacks()
    return period, pdf, target


def _say_what_the_cloud_lacks() -> None:
    """The cloud's report is the same bytes as `sbp report` over the same data; the one way
    they differ is data this device has not pushed yet (or the minute each was made)."""
    waiting = planner().not_in_cloud()
    if waiting:
        print(
            f"sbp: note: {waiting:,} change{'s' * (waiting != 1)} on this device"
            f" {'are' if waiting != 1 else 'is'} not in your account yet, so the cloud's report"
            f" leaves {'them' if waiting != 1 else 'it'} out: run `sbp sync` first",
            file=sys.stderr,
        )


def _check_format(fmt: str) -> str:
    chosen = fmt.strip().lower()
    if chosen == "markdown":
        chosen = "md"
    if chosen not in FORMATS:
        from sbp.core.errors import InvalidInput

        raise InvalidInput(f"format '{fmt}' is not one of {', '.join(FORMATS)}")
    return chosen


def _target(output: str | None, default_name: str, fmt: str) -> Destination | None:
    """Where the report goes (None: stdout), checked before any work is done."""
    if output == "-" or (output is None and fmt != "pdf"):
        if fmt == "pdf" and sys.stdout.isatty():
            from sbp.core.errors import InvalidInput

            raise InvalidInput(
                "a PDF cannot be shown on the terminal: give -o FILE or redirect -o -"
            )
        return None
    return destination(default_name if output is None else output)


def _render(data: ReportData, fmt: str) -> bytes:
    if fmt == "pdf":
        from sbp.render.pdf import render_pdf

        return render_pdf(data)
    from sbp.render import summary

    if fmt == "md":
        return summary.report_to_markdown(data).encode()
    return _captured(data, fmt).encode()


def _captured(data: ReportData, fmt: str) -> str:
    """JSON or CSV as the CLI's output module prints them, caught as text."""
    import contextlib
    import io

    from sbp.cli import output
    from sbp.render import summary

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        if fmt == "json":
            output.print_json(summary.report_to_json(data))
        else:
            output.print_csv(summary.report_to_rows(data), summary.CSV_FIELDS)
    return buffer.getvalue()


def _to_stdout(content: bytes) -> None:
    from sbp.cli.output import write_bytes

    write_bytes(content)
