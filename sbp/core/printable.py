"""Text that is safe to print: what is stored never drives the terminal of whoever reads it.

An escape sequence in a description would recolour, retitle or clear the terminal of whoever
lists it; a bidi override would reverse the rest of the line; a NUL ends the text early in some
tools; a description of zero-width spaces looks empty. The rules here are pure, so every way text
comes in (typed, imported, synced) applies the same ones:

- `printable(text)`: the text as stored. Escape sequences (CSI, OSC, DCS and the rest) go
  whole, other control characters go (tabs and line breaks become spaces), bidi
  embeddings, overrides and isolates go, zero-width spaces go, and a lone surrogate (a byte
  that was not UTF-8) becomes U+FFFD.
- `has_visible(text)`: whether anything of the text would show.
- `shown(text)`: text echoed in a message, with every character `printable` would change written
  as an escape (`\\x1b`, `\\u202e`), so a message never carries them raw.
"""

from __future__ import annotations

import re

# Embeddings, overrides and isolates (the "Trojan Source" characters), and the deprecated format
# controls that swap shapes and digits.
_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069\u206a-\u206f"
# Characters that take no room and mean nothing in a description: zero-width space, word joiner,
# the byte-order mark, the Mongolian vowel separator, the soft hyphen. (Zero-width joiners stay:
# emoji sequences and several scripts need them.)
_INVISIBLE = "\u200b\u2060\ufeff\u180e\u00ad"
# Patterns, not compiled regexes: `re` compiles each on first use, and only text that is not
# printable as it is (rare) needs them, which keeps them off every command's start-up.
_ESCAPE_SEQUENCES = "|".join(
    (
        r"\x1b\[[0-?]*[ -/]*[@-~]?",  # CSI: colours, cursor moves, clearing the screen
        r"\x1b[]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?",  # OSC (a title), DCS, SOS, PM, APC
        r"\x1b[ -/]*[0-~]?",  # every other escape
        f"[{_BIDI_CONTROLS}{_INVISIBLE}]",
    )
)
# A C1 control (8-bit escapes) goes alone: once it is gone, what followed it is plain text.
_SPACES = r"[\t\n\v\f\r\x1c-\x1f\x85\u2028\u2029]"
_CONTROLS = r"[\x00-\x1f\x7f-\x9f]"
_SURROGATES = r"[\ud800-\udfff]"
_UNSHOWN = f"[\x00-\x1f\x7f-\x9f\ud800-\udfff{_BIDI_CONTROLS}{_INVISIBLE}]"
# Letters and symbols that draw nothing (Hangul fillers, the blank Braille pattern)
_BLANK = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# Spaces, controls, format characters, surrogates, unassigned code points, non-spacing marks
_DRAWS_NOTHING = frozenset(("Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Cn", "Mn", "Me"))


def printable(text: str) -> str:
    """`text` on one line, as stored: without escape sequences or control characters (see the
    module's docstring); tabs and line breaks become spaces."""
    if text.isprintable():  # no control, format or surrogate character: nothing to do
        return text
    text = re.sub(_ESCAPE_SEQUENCES, "", text)
    text = re.sub(_SPACES, " ", text)
    text = re.sub(_CONTROLS, "", text)
    return re.sub(_SURROGATES, "\ufffd", text)


def has_visible(text: str) -> bool:
    """Whether some character of `text` draws something (not only spaces, marks or fillers)."""
    if text.isascii() and text.isprintable():
        return bool(text.strip())  # printable ASCII: anything but a space draws
    import unicodedata  # only non-ASCII text needs it: kept off the start-up path

    return any(
        char not in _BLANK and unicodedata.category(char) not in _DRAWS_NOTHING for char in text
    )


def shown(text: str) -> str:
    """`text` fit to echo in a message: what `printable` would change is written as an escape
    (`caf\\xe9` for a byte that is not UTF-8), and nothing else is touched."""
    if text.isprintable():
        return text
    return re.sub(_UNSHOWN, _escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as Python keeps it
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"
