"""Turning a byte stream into text without reading it all: encoding from a sample, then streamed.

Banks write UTF-8 (with or without a byte-order mark), or Windows-1252 and Latin-1. The first
block decides; the rest of the stream is decoded as it is read, so a huge file costs no memory.
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
