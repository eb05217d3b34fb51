"""CSV cells that a spreadsheet shows as text rather than runs: formula injection, defused.

A description such as `=HYPERLINK("http://...","refund")` or `@SUM(A1:A9)` in an exported file
becomes a live formula when the file is opened in Excel, LibreOffice or Google Sheets. As OWASP
recommends, every cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is written
with a leading apostrophe, which spreadsheets read as "this is text". Numbers are left alone, so
a refund's `-3.00` stays a number. `restored` is the exact inverse, which `sbp import` applies to
CSV files, so sbp's own exports come back unchanged.
"""

from __future__ import annotations

import re

_FORMULA_STARTS = frozenset("=+-@\t\r")
_NUMBER = r"[+-]?[0-9]+(?:\.[0-9]+)?"  # what sbp writes for amounts; spreadsheets read it as one


def safe_cell(text: str) -> str:
    """`text` as a CSV cell no spreadsheet runs: an apostrophe before what would be a formula.

    A text that already begins with apostrophes before such a start gets one more, so that
    `restored` can tell the two apart.
    """
    return "'" + text if _needs_mark(text) else text


def restored(cell: str) -> str:
    """The text `safe_cell` was given for `cell` (a cell it did not mark comes back as it is)."""
    return cell[1:] if cell[:1] == "'" and _needs_mark(cell[1:]) else cell


def _needs_mark(text: str) -> bool:
    """Whether, behind any leading apostrophes, `text` would start a formula."""
    bare = text.lstrip("'")
    if bare.lstrip(" ")[:1] not in _FORMULA_STARTS:
        return False
    return len(bare) < len(text) or re.fullmatch(_NUMBER, bare) is None
