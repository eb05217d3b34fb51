"""OFX text cut into tags and text as it streams in, however loosely the file is written.

Real files are messier than the specification: SGML (OFX 1) leaves elements unclosed, XML (OFX 2)
closes them or self-closes them, some have no header or a header with blank lines and comments,
and some declare one character set and are written in another. The tokens here are the same for
all of them, read a block at a time, so a file of any size costs a few blocks of memory.
"""

from __future__ import annotations

import codecs
import html
import io
import re
from collections.abc import Iterator
from typing import BinaryIO

from sbp.core.importers.text import guess_encoding

BLOCK = 1 << 16
"""Characters read at a time."""
LONGEST_TEXT = 4096
"""Characters of one element's text that are kept; the rest of a longer one is dropped."""
_LONGEST_PENDING = 1 << 20  # a `<` never closed is taken as text after this much

OPEN, CLOSE, TEXT = 0, 1, 2

# A comment, a declaration or processing instruction, a tag (`<NAME>`, `</NAME>`, `<NAME/>`,
# names in any case, anything after the name ignored), or text up to the next `<`.
_TOKEN = re.compile(
    r"<!--.*?(?:-->|$)|<[!?][^>]*>|<(/?)\s*([A-Za-z][A-Za-z0-9_.]*)[^<>]*?(/?)>|([^<]+|<)", re.S
)


Token = tuple[int, str, int]
"""One tag or text: its kind (OPEN, CLOSE or TEXT), the upper-case tag name or the text, and
the line the tag is on (for text, the line its white space starts on)."""


def ofx_text(stream: BinaryIO, sample: bytes) -> io.TextIOWrapper:
    """The file as text. The bytes decide, not the header's CHARSET: a file that is valid
    UTF-8 is read as UTF-8 whatever it declares, anything else as Windows-1252."""
    encoding = guess_encoding(sample)
    return io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")


def tokens(text: io.TextIOBase) -> Iterator[Token]:
    """Every tag and text of `text`, in order; text is whitespace-trimmed and never empty."""
    pending = ""
    line = 1
    while True:
        block = text.read(BLOCK)
        end = not block
        pending += block
        # the tags and text before the last `<` are whole; what follows may go on in the
        # next block (unless it has grown too long to be a tag, or the file has ended)
        cut = len(pending) if end else pending.rfind("<")
        if cut <= 0 and not end:
            if len(pending) < _LONGEST_PENDING:
                continue
            cut = len(pending)
        for match in _TOKEN.finditer(pending, 0, cut):
            closing, name, closed, found = match.groups()
            if name is not None:
                name = name.upper()
                if closing:
                    yield CLOSE, name, line
                else:
                    yield OPEN, name, line
                    if closed:
                        yield CLOSE, name, line
                continue  # (a tag spread over lines is too rare to count)
            if found is None:
                found = match.group()  # a comment or a processing instruction
            else:
                stripped = found.strip()
                if "&" in stripped:
                    stripped = html.unescape(stripped)
                if stripped:
                    yield TEXT, stripped[:LONGEST_TEXT], line
            line += found.count("\n")
        pending = pending[cut:]
        if end:
            return


def declared_charset(sample: bytes) -> str:
    """The character set an OFX 1 header declares (`1252`, `UTF-8`), or ''."""
    found = re.search(rb"CHARSET\s*:\s*([A-Za-z0-9_-]+)", sample[:2048])
    return found[1].decode("ascii") if found else ""


def is_utf8_misdeclared(sample: bytes) -> bool:
    """Whether the header names a one-byte character set for bytes that are really UTF-8
    (which a strict reader would turn into `CRÃ‰DITO`)."""
    charset = declared_charset(sample).upper()
    if not charset or charset.startswith("UTF") or charset in ("NONE", "USASCII"):
        return False
    if sample.isascii():
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return True
