"""`sbp import --json`: the results as one JSON document, written as the import goes.

A dry run's rows are written as they are read, a chunk at a time, never kept, so a dry run of a
file of any size is listed in the same little memory as the import itself. Each file's object
opens with its name and rows; its counts, batch and alerts follow once the file is done. If a
file fails, its object says so (`error`) and the document is still closed, so what was printed
stays valid JSON.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sbp.cli import output

if TYPE_CHECKING:
    from sbp.core.importers.run import FileImport, RowOutcome


class ImportJson:
    """Writes the `{"files": [...]}` document of one `sbp import --json` run to stdout."""

    def __init__(self) -> None:
        self._files = 0
        self._rows = 0

    @contextmanager
    def document(self) -> Iterator[ImportJson]:
        """The whole document: `{"files": [`, then each file, then `]}`, even after an error."""
        sys.stdout.write('{"files": [')
        try:
            yield self
        finally:
            sys.stdout.write("\n]}\n" if self._files else "]}\n")

    @contextmanager
    def file(self, name: str) -> Iterator[None]:
        """One file's object around its import: its rows go to this writer (call it)."""
        lead = ",\n" if self._files else "\n"
        sys.stdout.write(f'{lead}  {{"file": {output.json_text(name)}, "rows": [')
        self._files += 1
        self._rows = 0
        try:
            yield
        except Exception as problem:
            sys.stdout.write(f'], "error": {output.json_text(str(problem))}}}')
            raise

    def __call__(self, rows: list[RowOutcome]) -> None:
        """Write rows of the file being imported (an import's `show`)."""
        for row in rows:
            lead = ",\n" if self._rows else "\n"
            sys.stdout.write(f"{lead}    {output.json_text(row_json(row))}")
            self._rows += 1

    def finish(self, result: FileImport, dry_run: bool) -> None:
        """Close the file's rows and write everything else known once it is done."""
        fields = file_json(result, dry_run)
        rest = ", ".join(f"{output.json_text(k)}: {output.json_text(v)}" for k, v in fields.items())
        close = "\n  ]" if self._rows else "]"
        sys.stdout.write(f"{close}, {rest}}}")


def file_json(result: FileImport, dry_run: bool) -> dict[str, Any]:
    """What one file's import did, as `--json` shows it beside its rows."""
    return {
        "format": result.kind,
        "batch": result.batch_id,
        "stored": result.stored,
        "new": result.added if result.stored or dry_run else 0,
        "duplicates": result.duplicates,
        "already_stored": result.already_stored,
        "possible_duplicates": [row_json(r) for r in result.possible],
        "invalid": [{"line": b.line, "reason": b.reason} for b in result.invalid],
        "skipped": result.skipped,
        "guesses": result.guesses,
        "alerts": [output.notification_to_json(alert) for alert in result.alerts],
    }


def row_json(row: RowOutcome) -> dict[str, Any]:
    """One row's fate (new, duplicate, possible duplicate, invalid)."""
    return {
        "line": row.line,
        "status": row.status,
        "date": row.date,
        "amount": row.amount,
        "currency": row.currency or None,
        "description": row.description,
        "category": row.category or None,
        "detail": row.detail or None,
    }
