"""The PDF report: core report data in, PDF bytes out.

Used unchanged by the CLI and by the report Lambda, so it knows nothing of the CLI, the
settings or the stores. The same data always gives the same bytes: reportlab's invariant mode,
a creation date taken from the period, and no clock read here ("generated at" is in the data).
"""

from __future__ import annotations

import io
from functools import partial
from typing import Any, BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.platypus import CondPageBreak, PageBreak, Paragraph, SimpleDocTemplate, Spacer

from sbp.core.reports import ReportData
from sbp.render import sections
from sbp.render.expense_list import RECEIPT_MARK, ROW_HEIGHT, expense_tables, rows_that_fit
from sbp.render.fonts import register_fonts
from sbp.render.paging import PagedCanvas
from sbp.render.theme import MARGIN, styles

_BOTTOM = MARGIN + 16  # room for the footer


def render_pdf(report: ReportData, out: BinaryIO | None = None) -> bytes:
    """The report as PDF bytes; also written to `out` when one is given."""
    register_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=_BOTTOM,
        title=f"Spending report: {report.period.label}",
        subject=f"Spending {report.period.span}, in {report.currency}",
        author="sbp",
        creator="sbp, the Smart Budget Planner",
        invariant=1,
    )
    canvas = partial(
        PagedCanvas,
        footer=f"sbp · Spending report · {report.period.label}",
        created=_pdf_date(report),
    )
    doc.build(_story(report, doc), canvasmaker=canvas)
    data = buffer.getvalue()
    if out is not None:
        out.write(data)
    return data


def _story(report: ReportData, doc: Any) -> list[Any]:
    style = styles()
    width = doc.width
    story = [*sections.title_block(report, style), *sections.headline(report, style, width)]
    if report.is_empty:
        return [*story, *sections.nothing_recorded(report, style)]
    story += sections.budgets(report, style, width)
    if report.categories:
        story += sections.charts(report, style, width)
        story += sections.merchants(report, style, width)
        story += sections.largest(report, style, width)
    else:  # only income, transfers or other currencies: no empty charts and tables
        story += sections.no_spending(report, style)
    story += sections.alerts(report, style, width)
    story += sections.other_currencies(report, style)
    return story + _expense_list(report, style, doc)


def _expense_list(report: ReportData, style: dict[str, Any], doc: Any) -> list[Any]:
    count = len(report.expenses)
    heading = Paragraph(f"All expenses ({count:,})", style["heading"])
    legend = Paragraph(f"{RECEIPT_MARK} a receipt is attached", style["muted"])
    # the frame's own padding (6 points each side) is not part of doc.height
    room = doc.height - 12
    first_room = room - heading.wrap(doc.width, room)[1] - heading.getSpaceBefore()
    first_room -= heading.getSpaceAfter() + legend.wrap(doc.width, room)[1] + 4
    first = rows_that_fit(first_room)
    tables = expense_tables(report.expenses, doc.width, first, rows_that_fit(room))
    # a list that fits on one page follows the summary when there is room, saving paper
    whole = room - first_room + (count + 1) * ROW_HEIGHT + 2
    start = CondPageBreak(whole) if count <= first else PageBreak()
    return [start, heading, legend, Spacer(0, 4), *tables]


def _pdf_date(report: ReportData) -> str:
    """The PDF's creation date: the last second of the period (UTC), never the clock."""
    end = report.period.days.end
    return f"D:{end:%Y%m%d}235959+00'00'"
