"""The page furniture: a footer with "Page N of M" and fixed document metadata.

M is only known once the last page is laid out, so every footer shows a small shared drawing
(a PDF form) that is filled in with the total just before the file is written: one pass, and
no page has to be kept in memory.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from sbp.render.fonts import REGULAR
from sbp.render.theme import MARGIN, MUTED

_TOTAL_FORM = "sbp-page-total"
FOOTER_Y = 26.0
_MUTED = HexColor(MUTED)  # parsed once, not on every page


class PagedCanvas(Canvas):
    """A canvas with the report's footer on each page and a creation date that never moves."""

    def __init__(self, *args: Any, footer: str, created: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self.setDateFormatter(lambda *_: created)

    def showPage(self) -> None:
        self._draw_footer()
        super().showPage()

    def save(self) -> None:
        self.beginForm(_TOTAL_FORM)
        self.setFont(REGULAR, 8)
        self.setFillColor(_MUTED)
        self.drawString(0, 0, str(self.getPageNumber() - 1))
        self.endForm()
        super().save()

    def _draw_footer(self) -> None:
        width = self._pagesize[0]
        self.saveState()
        self.setFont(REGULAR, 8)
        self.setFillColor(_MUTED)
        self.setStrokeColor(_MUTED)
        self.setLineWidth(0.3)
        self.line(MARGIN, FOOTER_Y + 11, width - MARGIN, FOOTER_Y + 11)
        self.drawString(MARGIN, FOOTER_Y, self._footer)
        right = width - MARGIN - 22
        self.drawRightString(right, FOOTER_Y, f"Page {self.getPageNumber()} of")
        self.translate(right + 3, FOOTER_Y)
        self.doForm(_TOTAL_FORM)
        self.restoreState()
