"""The world's town and country names (GeoNames, via `scripts/build_towns.py`), to tell a shop's
name followed by where it is ("TESCO STORES 2288 OXFORD") from one followed by what else it
sells ("TESCO DIRECT").

The names live in `data/towns.txt.gz`, one sorted cleaned name a line. The file is read and
unpacked only when a description gets that far (a supermarket's name with other words), never
by `sbp add coffee`; a lookup unpacks only the names of its first letter (the file is one gzip
member a letter, indexed by the first). A few lookups search those bytes; the lines become a
sorted list for binary search only once many have been asked for (an import), since making
the list costs more than many lookups.
"""

from __future__ import annotations

import zlib
from bisect import bisect_left
from collections.abc import Sequence
from functools import cache

from sbp.core.categorize.clean import PLACE_TAILS
from sbp.core.categorize.shipped import data_file

LONGEST = 4
"""The most words of a town's name (as the script keeps them)."""
LIST_AFTER = 64
"""Lookups answered from the file's bytes before its lines become a list."""
CUT_SHORT_FROM = 4
"""The fewest letters of a last word cut short that may stand for a town ("KINGSTA")."""


class Towns:
    """Looks up names of towns and countries; the data is read on first use."""

    def __init__(self, names: Sequence[str] | None = None, data: bytes | None = None) -> None:
        """`names` (sorted) or `data` (a file as the script writes it) stand in for the
        shipped file (tests)."""
        self._names = list(names) if names is not None else None
        self._file = data
        self._data = b""
        self._index: dict[str, tuple[int, int]] = {}
        self._letters: dict[str, bytes] = {}
        self._asked = 0

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str) or not name:
            return False
        names = self._sorted()
        if names is None:
            return self._letter(name[0]).find(f"\n{name}\n".encode()) >= 0
        at = bisect_left(names, name)
        return at < len(names) and names[at] == name

    def starts(self, start: str) -> bool:
        """Whether some town's name starts with `start` (a name cut short at its end)."""
        if len(start) < CUT_SHORT_FROM:
            return False
        names = self._sorted()
        if names is None:
            return self._letter(start[0]).find(f"\n{start}".encode()) >= 0
        at = bisect_left(names, start)
        return at < len(names) and names[at].startswith(start)

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

    def _sorted(self) -> list[str] | None:
        """The sorted names once many lookups were asked for; before, None."""
        self._asked += 1
        if self._names is None and self._asked > LIST_AFTER:
            self._read()
            names = (self._letter(letter).decode().split("\n") for letter in sorted(self._index))
            self._names = [name for group in names for name in group if name]
        return self._names

    def _letter(self, letter: str) -> bytes:
        """The names that start with `letter`, one a line, after a line break."""
        found = self._letters.get(letter)
        if found is None:
            self._read()
            at, size = self._index.get(letter, (0, 0))
            names = zlib.decompress(self._data[at : at + size], wbits=31) if size else b""
            found = self._letters[letter] = b"\n" + names
        return found

    def _read(self) -> None:
        if self._data:
            return
        data = self._file or data_file("towns.txt.gz")
        first = zlib.decompressobj(wbits=31)
        head = first.decompress(data).decode()
        self._data = first.unused_data
        for line in head.splitlines():
            if line.startswith("@"):
                letter, at, size = line[1:].split("\t")
                self._index[letter] = int(at), int(size)


class PlaceCodes:
    """The words card networks end a description with to say where (`clean.PLACE_TAILS`:
    "UK", "USA", "CAN") that also name a place on the map: wherever they stand in a
    description, they say where a merchant is, never what it is. Codes the map does not name
    ("NO", as in "NO FRILLS") are everyday words as often as places, and are left out."""

    def __init__(self, towns: Towns) -> None:
        self._towns = towns

    def __contains__(self, word: object) -> bool:
        return word in PLACE_TAILS and word in self._towns


@cache
def default_towns() -> Towns:
    """The shipped names, one list per process (read on first use)."""
    return Towns()
