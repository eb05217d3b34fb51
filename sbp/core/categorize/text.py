"""Two ways of writing text that stay stable across releases: category names as stored, and the
normalised description that corrections are remembered under (and that fingerprints and reports
group merchants by). Matching uses the richer `clean`; these two never change meaning, so stores
made by earlier versions keep working.
"""

from __future__ import annotations

import re

from sbp.core import stored

_CARD_RE = re.compile(r"(?:\b(?:x{2,}|\*{2,})\s?\d{2,}\b|\*+\d+|\bcard\s+\d+\b)")
_DATE_RE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\b")
_NUMBER_RE = re.compile(r"(?:#|\bno\.?\s?|\bstore\s)?\d+")
_PUNCT_RE = re.compile(r"[^\w&+'.@ ]+")
_SPACE_RE = re.compile(r"\s+")


def normalise(description: str) -> str:
    """Lower case, without store numbers, dates, card fragments or stray punctuation."""
    text = description.lower()
    text = _CARD_RE.sub(" ", text)
    text = _DATE_RE.sub(" ", text)
    text = _NUMBER_RE.sub(" ", text)
    text = _PUNCT_RE.sub(" ", text)
    return _SPACE_RE.sub(" ", text).strip(" .")


def category_name(text: str) -> str:
    """A category as stored: printable, lower case, one space between words (`stored.category`)."""
    return stored.category(text)
