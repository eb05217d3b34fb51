"""Refuses passwords that are on the list of the most common ones, or are one dressed up.

With a 15-character minimum, few of the 3,000 most common passwords can be typed as they are,
but people reach the length by padding one ("password12345678!"), by repeating one
("qwertyqwertyqwerty") or by holding a key. Those are refused too; nothing else is (no
composition rules). The list and its licence are in `server/data/`.
"""

from __future__ import annotations

import string
from functools import cache
from pathlib import Path

_LIST = Path(__file__).with_name("data") / "common-passwords.txt"
_PADDING = string.digits + string.punctuation + " "
_LONGEST_REPEATED_UNIT = 8


@cache
def common_passwords() -> frozenset[str]:
    """The bundled list, lower case."""
    return frozenset(_LIST.read_text(encoding="ascii").split())


def is_too_common(password: str) -> bool:
    """True for a listed password, one padded with digits or punctuation, or a short unit
    repeated (`abcabcabc...`, `passwordpassword`)."""
    lowered = password.lower()
    listed = common_passwords()
    core = lowered.strip(_PADDING)
    return lowered in listed or core in listed or not core or _repeats_short_unit(lowered)


def _repeats_short_unit(text: str) -> bool:
    for size in range(1, _LONGEST_REPEATED_UNIT + 1):
        unit = text[:size]
        whole, rest = divmod(len(text), size)
        if whole >= 2 and unit * whole + unit[:rest] == text:
            return True
    return False
