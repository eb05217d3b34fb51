"""The world's town and country names (GeoNames, via `scripts/build_towns.py`), to tell a shop's
name followed by where it is ("TESCO STORES 2288 OXFORD") from one followed by what else it
sells ("TESCO DIRECT").

The names live in `data/towns.txt.gz`, one sorted cleaned name a line. The file is read and
unpacked only when a description gets that far (a supermarket's name with other words), never
by `sbp add coffee`; lookups are binary searches in the sorted list.
"""

from __future__ import annotations

import os
import sys
import zlib
from bisect import bisect_left
from collections.abc import Sequence
from functools import cache

LONGEST = 4
"""The most words of a town's name (as the script keeps them)."""
CUT_SHORT_FROM = 4
"""The fewest letters of a last word cut short that may stand for a town ("KINGSTA")."""


class Towns:
    """Looks up names of towns and countries; the data is read on first use."""

    def __init__(self, names: Sequence[str] | None = None) -> None:
        """`names` (sorted) stand in for the shipped file (tests)."""
        self._names = list(names) if names is not None else None

    def __contains__(self, name: object) -> bool:
        names = self._sorted()
        at = bisect_left(names, name) if isinstance(name, str) else len(names)
        return at < len(names) and names[at] == name

    def starts(self, start: str) -> bool:
        """Whether some town's name starts with `start` (a name cut short at its end)."""
        names = self._sorted()
        at = bisect_left(names, start)
        return len(start) >= CUT_SHORT_FROM and at < len(names) and names[at].startswith(start)

    def cover(self, words: Sequence[str], cut_short: bool = False) -> bool:
        """Whether `words` are all names of towns, read as runs of up to LONGEST words; with
        `cut_short`, the last words may be the start of a town's name."""
        at = 0
        while at < len(words):
            if cut_short and self.starts(" ".join(words[at:])):
                return True  # "KINGSTON UPON": the rest starts a town's name
            size = next(
                (n for n in range(min(LONGEST, len(words) - at), 0, -1) if self._is(words, at, n)),
                0,
            )
            if size == 0:
                return False
            at += size
        return True

    def _is(self, words: Sequence[str], at: int, size: int) -> bool:
        return " ".join(words[at : at + size]) in self

    def _sorted(self) -> list[str]:
        if self._names is None:
            text = zlib.decompress(_shipped_data(), wbits=31).decode()
            self._names = [line for line in text.split("\n") if line and line[0] != "#"]
        return self._names


def _shipped_data() -> bytes:
    """The shipped file, read by the loader that loaded this package (see merchants)."""
    spec = sys.modules[__package__].__spec__
    assert spec is not None and spec.loader is not None and spec.origin is not None
    path = os.path.join(os.path.dirname(spec.origin), "data", "towns.txt.gz")
    return spec.loader.get_data(path)  # type: ignore[attr-defined, no-any-return]


@cache
def default_towns() -> Towns:
    """The shipped names, one list per process (read on first use)."""
    return Towns()
