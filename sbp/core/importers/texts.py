"""The texts of imported rows made as every door stores them (`sbp.core.stored`), in one place.

Descriptions, categories and notes become printable one-line text; a row whose description has
nothing left to show is a bad row; the texts of a CSV file lose the marks that keep spreadsheets
from running them (`sbp.core.spreadsheet`), so sbp's own CSV exports come back unchanged. Bank
files repeat their merchants, so each distinct text is worked out once.
"""

from __future__ import annotations

from operator import attrgetter

from sbp.core import stored
from sbp.core.importers.remembered import Remembered
from sbp.core.importers.rows import BadRow, RowColumns
from sbp.core.printable import printable, shown
from sbp.core.spreadsheet import restored

NOTHING_PRINTABLE = "the description has nothing printable"


class StoredTexts:
    """Turns the texts of a file's rows into stored texts, a column at a time."""

    def __init__(self, csv: bool = False) -> None:
        unmarked = restored if csv else str  # no reference back to self: no cycle
        self._texts = Remembered(lambda text: stored.imported(unmarked(text)))
        self._notes = Remembered(lambda text: stored.imported(unmarked(text), stored.MAX_NOTE))

    def rows(self, rows: RowColumns, bad: list[BadRow]) -> RowColumns:
        """`rows` with their texts as stored; a row left without a description joins `bad`."""
        texts, notes = self._texts.__getitem__, self._notes.__getitem__
        descriptions = list(map(texts, rows.descriptions))
        rows = rows._replace(
            descriptions=descriptions,
            bank_ids=None if rows.bank_ids is None else list(map(printable, rows.bank_ids)),
            categories=None if rows.categories is None else list(map(texts, rows.categories)),
            notes=None if rows.notes is None else list(map(notes, rows.notes)),
        )
        if "" not in descriptions:
            return rows
        kept = [index for index, text in enumerate(descriptions) if text]
        lines = (line for line, text in zip(rows.lines, descriptions, strict=True) if not text)
        bad.extend(BadRow(line, NOTHING_PRINTABLE) for line in lines)
        bad.sort(key=_line)
        return RowColumns._make(
            None if column is None else [column[index] for index in kept] for column in rows
        )


def shown_bad(row: BadRow) -> BadRow:
    """A bad row whose reason (which may quote the file) is fit to print."""
    return BadRow(row.line, shown(row.reason))


_line = attrgetter("line")
