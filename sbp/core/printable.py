"""Text that is safe to print: stored text never carries terminal control characters.

An escape sequence in a description would recolour, move or clear the terminal of whoever lists
it, and a bidi override would reverse the rest of the line. The rule is pure, so every way text
comes in (typed, imported, synced) can apply the same one.
"""

from __future__ import annotations

_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def printable(text: str) -> str:
    """`text` on one line without control characters (tabs and newlines become spaces)."""
    if text.isprintable():  # no control or format character at all: nothing to remove
        return text
    return "".join((" " if c.isspace() else "") if _is_control(c) else c for c in text)


def _is_control(char: str) -> bool:
    import unicodedata  # only text that is not printable as it is gets here: off start-up

    return unicodedata.category(char) == "Cc" or char in _BIDI_CONTROLS
