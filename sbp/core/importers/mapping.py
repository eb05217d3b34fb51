"""The `--map` settings (and saved profiles), each key and value checked before a byte is read.

A setting that cannot work (an encoding that is no text encoding, a two-character delimiter, a
header line far past the file's start) is refused here with what would work, never later with
a traceback.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Mapping

from sbp.core.errors import InvalidInput
from sbp.core.importers.headers import ROLES

FORMATS = ("csv", "ofx", "json", "qif")
LAYOUT_KEYS = ("direction", "dates", "decimal", "spending", "units", "delimiter", "header")
MAP_KEYS = (*ROLES, *LAYOUT_KEYS, "encoding", "format")
HEADER_LINES = 200
"""How far down a file its header row is looked for (and may be pinned)."""
DELIMITER_NAMES = {"comma": ",", "semicolon": ";", "tab": "\t", "\\t": "\t", "pipe": "|"}
_CHOICES = {
    "decimal": (".", ","),
    "spending": ("negative", "positive"),
    "units": ("cents", "whole"),
    "format": FORMATS,
}


def check_map(mapping: Mapping[str, str]) -> None:
    """Refuse unknown keys and values that cannot work, saying what would."""
    unknown = sorted(set(mapping) - set(MAP_KEYS))
    if unknown:
        raise InvalidInput(
            f"unknown --map key '{unknown[0]}'", hint=f"known keys: {', '.join(MAP_KEYS)}"
        )
    for key, choices in _CHOICES.items():
        value = mapping.get(key)
        if value is not None and value.lower() not in choices:
            raise InvalidInput(f"--map {key}={value[:40]}: use {' or '.join(choices)}")
    if "delimiter" in mapping:
        delimiter_named(mapping["delimiter"])
    if "encoding" in mapping:
        text_encoding(mapping["encoding"])
    if "header" in mapping:
        header_line(mapping["header"])


def delimiter_named(value: str) -> str:
    """The one character a `--map delimiter=` value means."""
    character = DELIMITER_NAMES.get(value.strip().lower(), value)
    if len(character) != 1 or character in '"\r\n' or character.isalnum():
        raise InvalidInput(
            f"--map delimiter={value[:20]!r}: a delimiter is one character",
            hint="such as ; or , or one of: comma, semicolon, tab, pipe",
        )
    return character


def text_encoding(name: str) -> str:
    """`name` when it is a text encoding that can read any file; InvalidInput otherwise."""
    try:
        # a UTF-16 or UTF-32 file is read through its own decoder (`text.as_utf8`), which a
        # sample without a byte-order mark would fail here
        if codecs.lookup(name).name not in ("utf-16", "utf-32"):
            io.TextIOWrapper(io.BytesIO(b"ab\xe9\n"), encoding=name, errors="replace").read()
    except (LookupError, UnicodeError, ValueError):
        raise InvalidInput(
            f"--map encoding={name[:40]}: not a text encoding sbp can read",
            hint="banks use utf-8, cp1252, latin-1, or utf-16",
        ) from None
    return name


def header_line(value: str) -> int:
    """The header's index among the file's records from `--map header=N` (line N, counted
    from 1; 0 or `none` for a file without one): -1 for none."""
    text = value.strip().lower()
    if text in ("0", "none", "no"):
        return -1
    if not text.isdigit() or not 1 <= int(text) <= HEADER_LINES:
        raise InvalidInput(
            f"--map header={value[:20]}: give the header's line number, from 1 to {HEADER_LINES}",
            hint="or header=0 for a file without a header row",
        )
    return int(text) - 1
