"""The parts of the report's first pages: title, headline figures, budgets, charts, top lists.

Each function takes core report data and returns platypus flowables; none decides what the
numbers are (sbp.core.reports did that).
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from sbp.core.budget import CategoryStatus
from sbp.core.money import format_amount
from sbp.core.reports import ExpenseLine, ReportData
from sbp.render.charts import budget_bar, category_chart, timeline_chart
from sbp.render.expense_list import fit_text
from sbp.render.fonts import BOLD, REGULAR
from sbp.render.summary import change_text
from sbp.render.theme import ACCENT_LIGHT, INK, MUTED, OVER, OVER_LIGHT, RULE, STRIPE

Styles = dict[str, Any]


def title_block(report: ReportData, styles: Styles) -> list[Any]:
    """What the report is about, in which currency, and when it was made."""
    details = f"{report.period.span} · amounts in {report.currency} · generated {report.generated}"
    return [
        Paragraph("Spending report", styles["title"]),
        Paragraph(escape(report.period.label), styles["period"]),
        Paragraph(escape(details), styles["muted"]),
        Spacer(0, 10),
    ]


def headline(report: ReportData, styles: Styles, width: float) -> list[Any]:
    """Four figures across the page: spent, budgeted, remaining, change against before."""
    money = report.currency
    change, _, percent = change_text(report).partition(" (")
    cells = [
        ("Total spent", format_amount(report.spent, money, symbol=True), ""),
        ("Budgeted", format_amount(report.budgeted, money, symbol=True), ""),
        ("Remaining", format_amount(report.remaining, money, symbol=True), _over_note(report)),
        (f"Change vs {report.period.previous().label}", change, percent.rstrip(")")),
    ]
    row = [
        [
            Paragraph(escape(label), styles["figure_label"]),
            Paragraph(escape(value), styles["figure"]),
            Paragraph(escape(note), styles["figure_label"]),
        ]
        for label, value, note in cells
    ]
    table = Table([row], colWidths=[width / 4] * 4)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(ACCENT_LIGHT)),
                ("LINEAFTER", (0, 0), (-2, -1), 2, colors.white),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return [table]


def nothing_recorded(report: ReportData, styles: Styles) -> list[Any]:
    """The whole body of a report for a period without expenses."""
    text = (
        f"Nothing was recorded in this period: there are no expenses between "
        f"{report.period.span.replace(' to ', ' and ')}."
    )
    return [Paragraph(escape(text), styles["empty"])]


def budgets(report: ReportData, styles: Styles, width: float) -> list[Any]:
    """Budget against actual per category; over-budget rows in red."""
    flow: list[Any] = [Paragraph("Budget against actual", styles["heading"])]
    if not report.budgets:
        text = "No budgets were set for this period."
        return [*flow, Paragraph(escape(text), styles["muted"])]
    money = report.currency
    widths = [width * f for f in (0.24, 0.15, 0.15, 0.15, 0.09)]
    widths.append(width - sum(widths))
    rows: list[list[Any]] = [["Category", "Budget", "Spent", "Left", "Used", ""]]
    for status in report.budgets:
        rows.append(
            [
                fit_text(status.category, widths[0] - 8),
                format_amount(status.limit, money, symbol=True),
                format_amount(status.spent, money, symbol=True),
                _left(status, money),
                f"{status.percent}%",
                budget_bar(status, widths[5] - 12),
            ]
        )
    style = _grid_style(numeric_from=1, numeric_to=4)
    for index, status in enumerate(report.budgets, start=1):
        if status.over:
            style.add("BACKGROUND", (0, index), (-1, index), colors.HexColor(OVER_LIGHT))
            style.add("TEXTCOLOR", (0, index), (-2, index), colors.HexColor(OVER))
            style.add("FONT", (0, index), (-2, index), BOLD, 8.5)
    flow.append(Table(rows, colWidths=widths, style=style, repeatRows=1))
    if any(covered != month.days for month, covered in report.period.month_coverage()):
        note = "Monthly budgets are counted in proportion to the days of each month covered."
        flow.append(Paragraph(escape(note), styles["muted"]))
    return flow


def charts(report: ReportData, styles: Styles, width: float) -> list[Any]:
    """Where the money went (by category) and when (by day, week or month)."""
    return [
        Paragraph("Spending by category", styles["heading"]),
        category_chart(report.categories, report.currency, width),
        Paragraph(f"Spending by {report.granularity.value}", styles["heading"]),
        timeline_chart(report.timeline, report.granularity, report.currency, width),
    ]


def no_spending(report: ReportData, styles: Styles) -> list[Any]:
    """What stands in for the charts and top lists when nothing counts as spending."""
    text = (
        f"Nothing was spent in {report.currency} in this period: "
        "the full list below shows what was recorded."
    )
    return [Paragraph("Spending", styles["heading"]), Paragraph(escape(text), styles["muted"])]


def merchants(report: ReportData, styles: Styles, width: float) -> list[Any]:
    """Where most money went, with descriptions grouped by merchant."""
    widths = [width * 0.62, width * 0.15, width * 0.23]
    rows: list[list[Any]] = [["Merchant", "Expenses", "Spent"]]
    rows.extend(
        [
            fit_text(m.name, widths[0] - 8),
            str(m.count),
            format_amount(m.spent, report.currency, True),
        ]
        for m in report.merchants
    )
    table = Table(rows, colWidths=widths, style=_grid_style(1, 2), repeatRows=1)
    return [Paragraph("Top merchants", styles["heading"]), table]


def largest(report: ReportData, styles: Styles, width: float) -> list[Any]:
    """The biggest single expenses of the period."""
    widths = [width * f for f in (0.14, 0.5, 0.18)]
    widths.append(width - sum(widths))
    rows: list[list[Any]] = [["Date", "Description", "Category", "Amount"]]
    rows.extend(_expense_row(line, widths) for line in report.largest)
    table = Table(rows, colWidths=widths, style=_grid_style(3, 3), repeatRows=1)
    return [Paragraph("Largest expenses", styles["heading"]), table]


def alerts(report: ReportData, styles: Styles, width: float) -> list[Any]:
    """Budget alerts raised about the period."""
    flow: list[Any] = [Paragraph("Alerts", styles["heading"])]
    if not report.alerts:
        return [*flow, Paragraph("No budget alerts were raised in this period.", styles["muted"])]
    rows: list[list[Any]] = [["Date", "Alert"]]
    rows.extend(
        [a.raised_on.isoformat(), Paragraph(escape(a.message), styles["cell"])]
        for a in report.alerts
    )
    widths = [width * 0.14, width * 0.86]
    return [*flow, Table(rows, colWidths=widths, style=_grid_style(99, 99), repeatRows=1)]


def other_currencies(report: ReportData, styles: Styles) -> list[Any]:
    """Spending in other currencies, which the totals above leave out."""
    if not report.other_currencies:
        return []
    amounts = ", ".join(
        format_amount(value, code, symbol=True) for code, value in report.other_currencies.items()
    )
    text = f"Not counted in the totals above (other currencies): {amounts}."
    return [Spacer(0, 6), Paragraph(escape(text), styles["muted"])]


def _left(status: CategoryStatus, currency: str) -> str:
    # "over" in words as well as in red, for reports printed in black and white
    if status.over:
        return f"over {format_amount(status.over, currency, symbol=True)}"
    return format_amount(status.remaining, currency, symbol=True)


def _over_note(report: ReportData) -> str:
    over = report.budget_totals.over
    return f"{format_amount(over, report.currency, symbol=True)} over budget" if over else ""


def _expense_row(line: ExpenseLine, widths: list[float]) -> list[Any]:
    return [
        line.date.isoformat(),
        fit_text(line.description, widths[1] - 8),
        fit_text(line.category, widths[2] - 8),
        format_amount(line.amount, line.currency, symbol=True),
    ]


def _grid_style(numeric_from: int, numeric_to: int) -> TableStyle:
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), REGULAR, 8.5),
            ("FONT", (0, 0), (-1, 0), BOLD, 8.5),
            ("TEXTCOLOR", (0, 0), (-1, -1), colors.HexColor(INK)),
            ("TEXTCOLOR", (0, 0), (-1, 0), colors.HexColor(MUTED)),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor(INK)),
            ("LINEBELOW", (0, 1), (-1, -1), 0.3, colors.HexColor(RULE)),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor(STRIPE)]),
            ("ALIGN", (numeric_from, 0), (numeric_to, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]
    )
