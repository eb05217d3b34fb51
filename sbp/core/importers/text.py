"""Turning a byte stream into text without reading it all: encoding from a sample, then streamed.

Banks write UTF-8 (with or without a byte-order mark), or Windows-1252 and Latin-1. The first
block decides; the rest of the stream is decoded as it is read, so a huge file costs no memory.
A file in UTF-16 or UTF-32 (Excel's "Unicode text", a few banks) is turned into UTF-8 as it is
read, before any reader sees it, so every format takes it as it takes UTF-8.
"""

from __future__ import annotations

import codecs
import io
from typing import BinaryIO

SAMPLE_BYTES = 64 * 1024


class _Rewound(io.RawIOBase):
    """A stream that first gives back the sample already read, then the rest of the source."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16's, which begins the same way
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WIDE = frozenset({"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"})


def wide_encoding(sample: bytes, named: str | None = None) -> str | None:
    """The UTF-16 or UTF-32 encoding of a file (from `--map encoding=`, its byte-order mark,
    or the zero bytes beside each letter of text written without one), or None."""
    if named is not None:
        found = codecs.lookup(named).name
        return found if found in _WIDE else None
    for mark, name in _MARKS:
        if sample.startswith(mark):
            return name
    head = sample[:4096]
    if len(head) < 8:
        return None
    # text in UTF-8 or a Windows code page has no zero bytes; ASCII in UTF-16 has one in
    # every letter's high byte
    low, high = head[0::2].count(0) / len(head[0::2]), head[1::2].count(0) / len(head[1::2])
    if high > 0.5 and low < 0.1:
        return "utf-16-le"
    if low > 0.5 and high < 0.1:
        return "utf-16-be"
    return None


class _Utf8(io.RawIOBase):
    """A stream in a wide encoding, read as UTF-8."""

    def __init__(self, source: BinaryIO, encoding: str) -> None:
        self._source = source
        self._decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        self._ready = b""
        self._ended = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        while not self._ready and not self._ended:
            block = self._source.read(SAMPLE_BYTES)
            self._ended = not block
            self._ready = self._decoder.decode(block, final=self._ended).encode("utf-8")
        size = min(len(buffer), len(self._ready))
        buffer[:size] = self._ready[:size]
        self._ready = self._ready[size:]
        return size


def as_utf8(stream: BinaryIO, encoding: str) -> BinaryIO:
    """`stream`, in the wide `encoding`, as a stream of UTF-8 (without a byte-order mark)."""
    return io.BufferedReader(_Utf8(stream, encoding), buffer_size=SAMPLE_BYTES)


def guess_encoding(sample: bytes) -> str:
    """`utf-8-sig` for a BOM, `utf-8` when the sample decodes as such, else `cp1252`."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        # the sample may end inside a multi-byte character
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def sample_of(stream: BinaryIO) -> tuple[bytes, BinaryIO]:
    """The first block of `stream`, and a stream that still starts at the beginning."""
    head = stream.read(SAMPLE_BYTES)
    return head, io.BufferedReader(_Rewound(head, stream), buffer_size=SAMPLE_BYTES)


def text_stream(stream: BinaryIO, encoding: str) -> io.TextIOWrapper:
    """Decoded text; undecodable bytes in cp1252 (five unused codes) read as Latin-1 would."""
    errors = "strict" if encoding.startswith("utf-8") else "replace"
    return io.TextIOWrapper(stream, encoding=encoding, errors=errors, newline="")
