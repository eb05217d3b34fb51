"""The report's look in one place: page size, colours and paragraph styles."""

from __future__ import annotations

from typing import Any

from sbp.render.fonts import BOLD, REGULAR

INK = "#1f2933"
MUTED = "#6b7280"
RULE = "#d1d5db"
ACCENT = "#2563eb"
ACCENT_LIGHT = "#dbeafe"
OVER = "#b91c1c"
OVER_LIGHT = "#fde8e8"
WARNING = "#d97706"
FINE = "#059669"
STRIPE = "#f3f4f6"
MARGIN = 42.0  # points: about 15 mm, enough for any printer


def styles() -> dict[str, Any]:
    """The paragraph styles the report uses, by role."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle(
        "body", fontName=REGULAR, fontSize=9.5, leading=13, textColor=colors.HexColor(INK)
    )
    return {
        "body": base,
        "cell": ParagraphStyle("cell", base, fontSize=8.5, leading=11),
        "muted": ParagraphStyle("muted", base, textColor=colors.HexColor(MUTED), fontSize=8.5),
        "title": ParagraphStyle("title", base, fontName=BOLD, fontSize=20, leading=25),
        "period": ParagraphStyle(
            "period",
            base,
            fontName=BOLD,
            fontSize=14,
            leading=19,
            textColor=colors.HexColor(ACCENT),
        ),
        "heading": ParagraphStyle(
            "heading",
            base,
            fontName=BOLD,
            fontSize=12.5,
            leading=16,
            spaceBefore=14,
            spaceAfter=6,
            keepWithNext=1,
        ),
        "figure_label": ParagraphStyle(
            "figure_label", base, fontSize=8, textColor=colors.HexColor(MUTED)
        ),
        "figure": ParagraphStyle("figure", base, fontName=BOLD, fontSize=15, leading=19),
        "empty": ParagraphStyle("empty", base, fontSize=12, leading=17, spaceBefore=24),
    }
