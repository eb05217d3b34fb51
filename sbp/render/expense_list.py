"""The full list of expenses: page-sized tables, each with its own header row.

Every row is one line high (long descriptions are shortened to fit), so how many rows a page
holds is known in advance and each table is laid out once, however long the list.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable

from sbp.core.money import format_amount
from sbp.core.reports import ExpenseLine
from sbp.render.fonts import BOLD, REGULAR
from sbp.render.theme import INK, STRIPE

ROW_HEIGHT = 13.0
FONT_SIZE = 8.0
RECEIPT_MARK = "✓"
_WIDE_GLYPH = 1.0  # no DejaVu Sans glyph the list uses is wider than one em
# parsed once: turning "#rrggbb" into a colour on every page costs more than drawing the page
_INK = HexColor(INK)
_STRIPE = HexColor(STRIPE)
HEADER = ("Date", "Description", "Category", "Amount", "Receipt")


def expense_tables(
    lines: Sequence[ExpenseLine], width: float, first: int, per_page: int
) -> Iterator[Any]:
    """Page-sized tables: `first` rows, then `per_page` rows each, with a page break between."""
    from reportlab.platypus import PageBreak

    text = TextRun()
    start, size = 0, first
    while start < len(lines):
        if start:
            yield PageBreak()
        yield ExpensePage(lines[start : start + size], width, text)
        start, size = start + size, per_page


def rows_that_fit(height: float) -> int:
    """How many expense rows (plus the header) fit in `height` points, with a little slack."""
    return max(int(height // ROW_HEIGHT) - 2, 1)


class TextRun:
    """Writes short strings of the embedded font straight into a page's content stream.

    reportlab's text objects map every string to font subsets character by character, which is
    most of the time of a 100,000-row list. Dates, categories, amounts and merchants repeat, so
    each distinct string is encoded once per document and reused; the operators are the ones
    reportlab itself writes (select the subset, then show the string), so text stays real,
    selectable text.
    """

    def __init__(self) -> None:
        self._encoded: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {}
        self._widths: dict[tuple[str, str], float] = {}

    def width(self, text: str, font: str) -> float:
        key = (font, text)
        found = self._widths.get(key)
        if found is None:
            from reportlab.pdfbase.pdfmetrics import stringWidth

            found = self._widths[key] = stringWidth(text, font, FONT_SIZE)
        return found

    def write(self, canvas: Any, cells: Sequence[tuple[float, float, str]], font: str) -> None:
        """Show each (x, y, text) in `font`, inside one text block."""
        code = ["BT"]
        current = ""
        for x, y, text in cells:
            code.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm")
            for subset_name, escaped in self._encode(canvas, font, text):
                if subset_name != current:
                    code.append(f"{subset_name} {FONT_SIZE:g} Tf")
                    current = subset_name
                code.append(f"({escaped}) Tj")
        code.append("ET")
        canvas._code.append(" ".join(code))

    def _encode(self, canvas: Any, font: str, text: str) -> tuple[tuple[str, str], ...]:
        key = (font, text)
        found = self._encoded.get(key)
        if found is None:
            from reportlab.pdfbase.pdfmetrics import getFont

            face, doc = getFont(font), canvas._doc
            found = tuple(
                (face.getSubsetInternalName(subset, doc), canvas._escape(chunk))
                for subset, chunk in face.splitString(text, doc)
            )
            self._encoded[key] = found
        return found


class ExpensePage(Flowable):
    """One page's share of the list, header row included, drawn straight onto the canvas.

    A platypus Table spends most of its time on per-cell machinery this list does not need;
    drawing the strings directly renders 100,000 rows many times faster, as the same text.
    """

    def __init__(self, lines: Sequence[ExpenseLine], width: float, text: TextRun) -> None:
        super().__init__()
        self.lines = lines
        self.width = width
        self.text = text
        self.columns = _columns(width)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.columns = _columns(available_width)
        return self.width, (len(self.lines) + 1) * ROW_HEIGHT + 2

    def draw(self) -> None:
        canvas = self.canv
        top = (len(self.lines) + 1) * ROW_HEIGHT + 2
        self._stripes(canvas, top)
        canvas.setFillColor(_INK)
        self.text.write(canvas, self._placed(top - ROW_HEIGHT, HEADER, BOLD), BOLD)
        canvas.setStrokeColor(_INK)
        canvas.setLineWidth(0.6)
        canvas.line(0, top - ROW_HEIGHT - 3, self.width, top - ROW_HEIGHT - 3)
        rooms = (self.columns[1][1], self.columns[2][1])
        placed: list[tuple[float, float, str]] = []
        for index, line in enumerate(self.lines, start=2):
            cells = (
                line.date.isoformat(),
                fit_text(line.description, rooms[0]),
                fit_text(line.category, rooms[1]),
                format_amount(line.amount, line.currency, symbol=True),
                RECEIPT_MARK if line.has_receipt else "",
            )
            placed += self._placed(top - index * ROW_HEIGHT, cells, REGULAR)
        self.text.write(canvas, placed, REGULAR)

    def _stripes(self, canvas: Any, top: float) -> None:
        canvas.setFillColor(_STRIPE)
        for index in range(2, len(self.lines) + 2, 2):
            y = top - index * ROW_HEIGHT - 3.5
            canvas.rect(0, y, self.width, ROW_HEIGHT, stroke=0, fill=1)

    def _placed(self, y: float, cells: Sequence[str], font: str) -> list[tuple[float, float, str]]:
        placed = []
        for (x, room, align), cell in zip(self.columns, cells, strict=True):
            if not cell:
                continue
            if align != "left":
                used = self.text.width(cell, font)
                x += room - used if align == "right" else (room - used) / 2
            placed.append((x, y, cell))
        return placed


def _columns(width: float) -> list[tuple[float, float, str]]:
    """(x, usable width, alignment) per column: date, description, category, amount, receipt."""
    widths = [58.0, 0.0, 92.0, 80.0, 42.0]
    widths[1] = width - sum(widths)
    aligns = ("left", "left", "left", "right", "centre")
    columns, x = [], 0.0
    for column_width, align in zip(widths, aligns, strict=True):
        columns.append((x + 4, column_width - 8, align))
        x += column_width
    return columns


def fit_text(text: str, room: float, font: str = REGULAR, size: float = FONT_SIZE) -> str:
    """The text, shortened with an ellipsis so it stays on one line."""
    if len(text) * size * _WIDE_GLYPH <= room:
        return text
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= room:
        return text
    while text and stringWidth(text + "…", font, size) > room:
        text = text[: max(len(text) - max(len(text) // 8, 1), 0)]
    return text.rstrip() + "…"
