"""Counts of identical rows put to rest: sorted arrays of 8-byte hashes per day, kept in memory
up to a limit and beyond it in a spill file the caller provides, so that counting the rows of
an import of any size keeps its memory small.

Each row's hash appears once per row, so the count of a content on a day is the width of its
run in that day's sorted arrays (two binary searches). A date-ordered file (as banks write
them) never reads anything back; a day that comes back after being written out is read back
whole, which makes a file of many millions of rows in no date order slower, never wrong.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from io import SEEK_END
from itertools import chain
from typing import BinaryIO

MEMORY_LIMIT = 4_000_000
"""Hashes (8 bytes each) kept in memory before they are written to the spill file."""
_MAX_SEGMENTS = 4  # arrays per day before they are merged: lookups stay short


class RestingCounts:
    """The hashes of rows that are no longer counted in dictionaries, by day (its ISO text)."""

    def __init__(self, spill: BinaryIO | None = None, memory_limit: int = MEMORY_LIMIT) -> None:
        self._spill = spill
        self._limit = memory_limit
        self._held = 0
        self._memory: dict[str, list[array[int]]] = {}
        self._written: dict[str, list[tuple[int, int]]] = {}  # (offset, how many) in the spill

    def __contains__(self, day: object) -> bool:
        return day in self._memory or day in self._written

    def add(self, day: str, hashes: list[int]) -> None:
        """Put these hashes of `day` to rest (a hash once per row)."""
        hashes.sort()
        segments = self._memory.setdefault(day, [])
        segments.append(array("q", hashes))
        self._held += len(hashes)
        if len(segments) > _MAX_SEGMENTS:
            _merge(segments)
        if self._spill is not None and self._held > self._limit:
            self._write_out(self._spill)

    def count(self, day: str, short: int) -> int:
        """How many rows of `day` with this content hash are at rest."""
        if day in self._written and self._spill is not None:
            self._read_back(day, self._spill)
        return sum(
            bisect_right(segment, short) - bisect_left(segment, short)
            for segment in self._memory.get(day, ())
        )

    def _write_out(self, spill: BinaryIO) -> None:
        spill.seek(0, SEEK_END)
        for day, segments in self._memory.items():
            places = self._written.setdefault(day, [])
            for segment in segments:
                places.append((spill.tell(), len(segment)))
                segment.tofile(spill)
        self._memory.clear()
        self._held = 0

    def _read_back(self, day: str, spill: BinaryIO) -> None:
        segments = self._memory.setdefault(day, [])
        for offset, size in self._written.pop(day):
            spill.seek(offset)
            segment: array[int] = array("q")
            segment.fromfile(spill, size)
            segments.append(segment)
            self._held += size
        if len(segments) > 1:  # now held only here: written again with the next write-out
            _merge(segments)


def _merge(segments: list[array[int]]) -> None:
    """One sorted array in place of a day's several."""
    segments[:] = [array("q", sorted(chain.from_iterable(segments)))]
