"""How an expense's text is folded for searching, so every store finds what the others find.

A search matches when the folded query is part of the folded description or note; folding is
Python's `str.lower()`, which knows every alphabet (SQLite's own lower() knows only ASCII).
"""

from __future__ import annotations

FOLD_SEPARATOR = "\x1f"
"""Between the folded description and note, so that no match spans the two."""


def search_text(description: str, note: str) -> str:
    """What a search looks in: the description and the note, both folded."""
    if not note:
        return description.lower()
    return f"{description.lower()}{FOLD_SEPARATOR}{note.lower()}"
