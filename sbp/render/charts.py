"""The report's pictures, drawn with reportlab.graphics shapes: plain bars, real text labels.

Amounts stay Decimal until the last step; only the bar geometry becomes float.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sbp.core.budget import BudgetState, CategoryStatus
from sbp.core.money import format_amount
from sbp.core.reports import CategorySpend, Granularity, TimelinePoint
from sbp.render.fonts import REGULAR
from sbp.render.theme import ACCENT, FINE, INK, MUTED, OVER, RULE, STRIPE, WARNING

MAX_CATEGORY_BARS = 10
_STATE_COLOURS = {BudgetState.FINE: FINE, BudgetState.WARNING: WARNING, BudgetState.OVER: OVER}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def budget_bar(status: CategoryStatus, width: float, height: float = 7) -> Any:
    """A progress bar for one budget: full width is the limit, red once it is passed."""
    from reportlab.graphics.shapes import Drawing, Rect
    from reportlab.lib import colors

    drawing = Drawing(width, height)
    drawing.add(Rect(0, 0, width, height, fillColor=colors.HexColor(STRIPE), strokeColor=None))
    filled = width * _fraction(status.spent, status.limit)
    colour = colors.HexColor(_STATE_COLOURS[status.state])
    drawing.add(Rect(0, 0, filled, height, fillColor=colour, strokeColor=None))
    return drawing


def category_chart(categories: Sequence[CategorySpend], currency: str, width: float) -> Any:
    """Horizontal bars, largest category first; the small ones are summed into one bar."""
    from reportlab.graphics.shapes import Drawing, Rect, String
    from reportlab.lib import colors

    rows = _top_categories(categories)
    bar_height, gap, label_width, amount_width = 12.0, 5.0, 95.0, 80.0
    drawing = Drawing(width, len(rows) * (bar_height + gap))
    most = max((spent for _, spent in rows), default=Decimal(0))
    bar_room = width - label_width - amount_width
    for index, (name, spent) in enumerate(rows):
        y = drawing.height - (index + 1) * (bar_height + gap) + gap / 2
        drawing.add(
            String(
                0,
                y + 3,
                _fit(name, 20),
                fontName=REGULAR,
                fontSize=8.5,
                fillColor=colors.HexColor(INK),
            )
        )
        length = max(bar_room * _fraction(spent, most), 0.5)
        drawing.add(
            Rect(
                label_width,
                y,
                length,
                bar_height,
                strokeColor=None,
                fillColor=colors.HexColor(ACCENT),
            )
        )
        drawing.add(
            String(
                label_width + length + 4,
                y + 3,
                format_amount(spent, currency, True),
                fontName=REGULAR,
                fontSize=8,
                fillColor=colors.HexColor(MUTED),
            )
        )
    return drawing


def timeline_chart(
    points: Sequence[TimelinePoint], granularity: Granularity, currency: str, width: float
) -> Any:
    """Vertical bars per day, week or month, with a light grid and a few date labels."""
    from reportlab.graphics.shapes import Drawing, Line, Rect, String
    from reportlab.lib import colors

    height, left, bottom = 150.0, 62.0, 16.0
    drawing = Drawing(width, height)
    top = _nice_ceiling(max((p.spent for p in points), default=Decimal(0)))
    plot_width, plot_height = width - left, height - bottom - 6
    for step in range(5):
        y = bottom + plot_height * step / 4
        drawing.add(Line(left, y, width, y, strokeColor=colors.HexColor(RULE), strokeWidth=0.4))
        label = format_amount(top * step / 4, currency, symbol=True)
        drawing.add(
            String(
                left - 4,
                y - 3,
                label,
                fontName=REGULAR,
                fontSize=7,
                fillColor=colors.HexColor(MUTED),
                textAnchor="end",
            )
        )
    slot = plot_width / max(len(points), 1)
    every = max(1, round(len(points) / 12))
    for index, point in enumerate(points):
        x = left + index * slot
        bar = plot_height * _fraction(point.spent, top)
        if bar > 0:
            drawing.add(
                Rect(
                    x + slot * 0.15,
                    bottom,
                    slot * 0.7,
                    bar,
                    strokeColor=None,
                    fillColor=colors.HexColor(ACCENT),
                )
            )
        if index % every == 0:
            drawing.add(
                String(
                    x + slot / 2,
                    3,
                    _tick(point.start, granularity),
                    fontName=REGULAR,
                    fontSize=7,
                    fillColor=colors.HexColor(MUTED),
                    textAnchor="middle",
                )
            )
    return drawing


def _top_categories(categories: Sequence[CategorySpend]) -> list[tuple[str, Decimal]]:
    rows = [(c.category, c.spent) for c in categories]
    if len(rows) <= MAX_CATEGORY_BARS:
        return rows
    shown = rows[: MAX_CATEGORY_BARS - 1]
    rest = sum((spent for _, spent in rows[MAX_CATEGORY_BARS - 1 :]), Decimal(0))
    return [*shown, (f"{len(rows) - len(shown)} others", rest)]


def _fraction(part: Decimal, whole: Decimal) -> float:
    if whole <= 0:
        return 1.0 if part > 0 else 0.0
    return float(min(max(part / whole, Decimal(0)), Decimal(1)))


def _nice_ceiling(value: Decimal) -> Decimal:
    """The smallest 1, 2, 2.5 or 5 times a power of ten that holds `value` (the grid's top)."""
    if value <= 0:
        return Decimal(4)
    power = Decimal(10) ** (value.adjusted())
    for factor in (1, 2, Decimal("2.5"), 5, 10):
        if value <= power * factor:
            return power * factor
    return power * 10


def _tick(day: date, granularity: Granularity) -> str:
    if granularity is Granularity.MONTH:
        return f"{_MONTHS[day.month - 1]} {day.year % 100:02d}"
    return f"{day.day} {_MONTHS[day.month - 1]}"


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
