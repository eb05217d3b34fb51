"""The embedded typeface: DejaVu Sans, so é, ü, ß, €, £ and ¥ print on every machine.

The TTF files ship inside the package (see fonts/LICENSE); reportlab embeds the glyphs a report
uses, so the PDF needs no fonts on the reader's machine either.
"""

from __future__ import annotations

from importlib import resources

REGULAR = "SbpSans"
BOLD = "SbpSans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}


def register_fonts() -> None:
    """Make the report fonts known to reportlab (once per process)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if REGULAR in pdfmetrics.getRegisteredFontNames():
        return
    folder = resources.files("sbp.render") / "fonts"
    for name, file_name in _FILES.items():
        with resources.as_file(folder / file_name) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    # lets <b> in paragraphs pick the bold face
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
