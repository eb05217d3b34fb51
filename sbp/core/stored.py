"""Text as stored: the one rule for every way text comes in (typed, imported, synced).

Descriptions, notes, categories and rule patterns are made printable (`sbp.core.printable`: no
escape sequences, controls, bidi overrides or zero-width spaces), put on one line, and refused
when nothing visible is left. `sbp add`, `sbp edit`, budgets, rules, every importer and the sync
call these, so a text that one door would refuse cannot come in through another.
"""

from __future__ import annotations

from sbp.core.errors import InvalidInput
from sbp.core.printable import has_visible, printable

MAX_DESCRIPTION = 200
MAX_CATEGORY = 40
MAX_NOTE = 2000


def description(text: str) -> str:
    """A description as stored: one space between words; InvalidInput when there is nothing to
    see or it is too long."""
    return _required(_one_line(text), "description", MAX_DESCRIPTION, "say what the money was for")


def note(text: str) -> str:
    """A note as stored: one space between words; a note with nothing to see is no note;
    InvalidInput when it is too long."""
    cleaned = _one_line(text)
    if len(cleaned) > MAX_NOTE:
        raise InvalidInput(f"note is longer than {MAX_NOTE} characters")
    return cleaned if has_visible(cleaned) else ""


def category(text: str) -> str:
    """A category as stored: lower case, one space between words; InvalidInput when there is
    nothing to see or it is too long."""
    name = _one_line(text.lower())
    return _required(name, "category", MAX_CATEGORY, "give a name such as coffee")


def pattern(text: str) -> str:
    """A rule's pattern as stored: printable and trimmed; InvalidInput when nothing is left."""
    cleaned = printable(text).strip()
    if not has_visible(cleaned):
        raise InvalidInput("rule pattern is empty")
    return cleaned


def imported(text: str, limit: int = MAX_DESCRIPTION) -> str:
    """A text of a file's row as stored: one space between words, at most `limit` characters,
    and "" when nothing of it would show (the caller decides whether the row can do without)."""
    if text.isprintable() and len(text) <= limit and "  " not in text and text == text.strip():
        return text if has_visible(text) else ""  # what readers usually hand over
    cleaned = " ".join(printable(text).split())[:limit].rstrip()
    return cleaned if has_visible(cleaned) else ""


def _one_line(text: str) -> str:
    return " ".join(printable(text).split())


def _required(cleaned: str, what: str, longest: int, fix: str) -> str:
    if not has_visible(cleaned):
        raise InvalidInput(f"{what} is empty: {fix}")
    if len(cleaned) > longest:
        raise InvalidInput(f"{what} is longer than {longest} characters")
    return cleaned
