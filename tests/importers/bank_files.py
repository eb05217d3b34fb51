"""Helpers for import tests: the bank fixtures folder, a pinned clock, and importing text or a
fixture file through a Planner as if it came from disk."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sbp.core.importers.run import FileImport
from sbp.planner import Planner

BANKS = Path(__file__).parent.parent / "fixtures" / "banks"


class PinnedClock:
    """23 November 2026 from 09:30 UTC; each reading is a second later, as in real use."""

    def __init__(self) -> None:
        self.instant = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)

    def now(self) -> datetime:
        self.instant += timedelta(seconds=1)
        return self.instant

    def today(self) -> date:
        return self.instant.date()


def import_text(planner: Planner, text: str, name: str = "bank.csv", **options: Any) -> FileImport:
    """Import a file's text (UTF-8) as if it came from disk."""
    return planner.import_file(name, io.BytesIO(text.encode()), **options)


def import_fixture(planner: Planner, name: str, **options: Any) -> FileImport:
    """Import one of the bank fixtures."""
    with (BANKS / name).open("rb") as stream:
        return planner.import_file(name, stream, **options)
