"""The entries of a JSON list read one at a time from a stream, by the standard library's
decoder: `[{...}, {...}]` or `{"expenses": [{...}, ...], ...}`.

Each entry is decoded on its own as soon as its text has arrived, so a file of any length costs
one entry and one block of memory. An entry longer than `LONGEST_ENTRY`, or nested deeper than
Python's recursion limit, is refused: the decoder gives up on it at once, in little memory
(a general streaming parser spends memory on every level of a deeply nested document).
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import IO, Any

from sbp.core.errors import InvalidInput

BLOCK = 1 << 16
LONGEST_ENTRY = 1 << 20
_DECODER = json.JSONDecoder(parse_float=str, parse_int=str)  # numbers kept as written
_SPACE = " \t\r\n"


class _Text:
    """The stream decoded as UTF-8 a block at a time, with a read position."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="replace")
        self.text = ""
        self.at = 0
        self.ended = False

    def more(self) -> None:
        """Read one more block onto the text not used yet."""
        data = self._stream.read(BLOCK)
        self.ended = not data
        self.text = self.text[self.at :] + self._decoder.decode(data, final=self.ended)
        self.at = 0

    def next_character(self) -> str:
        """The next character that is not white space ('' at the end), not consumed."""
        while True:
            while self.at < len(self.text) and self.text[self.at] in _SPACE:
                self.at += 1
            if self.at < len(self.text):
                return self.text[self.at]
            if self.ended:
                return ""
            self.more()

    def value(self) -> Any:
        """The next whole JSON value, reading on until it has all arrived."""
        self.next_character()
        while True:
            try:
                found, end = _DECODER.raw_decode(self.text, self.at)
            except json.JSONDecodeError:
                if self.ended:
                    raise
                if len(self.text) - self.at > LONGEST_ENTRY:
                    raise InvalidInput("an entry of the JSON file is longer than 1 MiB") from None
                self.more()
                continue
            if end == len(self.text) and not self.ended:  # a number may go on in the next block
                self.more()
                continue
            self.at = end
            return found


def json_entries(stream: IO[bytes]) -> Iterator[Any]:
    """Each entry of the file's list of expenses; InvalidInput (never quoting the file) when
    the file is not JSON of that shape."""
    text = _Text(stream)
    count = 0
    try:
        opening = text.next_character()
        if opening == "{":
            _to_expenses(text)
        elif opening != "[":
            raise InvalidInput("the file is not valid JSON: it is neither a list nor an object")
        text.at += 1
        while (following := text.next_character()) != "]":
            if count:
                if following != ",":
                    raise json.JSONDecodeError("a comma", "", 0)
                text.at += 1
                text.next_character()
            count += 1
            yield text.value()
    except (json.JSONDecodeError, RecursionError):
        where = f"after entry {count - 1}" if count > 1 else "at its start"
        raise InvalidInput(f"the file is not valid JSON {where}") from None


def _to_expenses(text: _Text) -> None:
    """Reads an object's keys and values up to the `expenses` list."""
    text.at += 1
    while True:
        key = text.value() if text.next_character() == '"' else None
        if key is None or text.next_character() != ":":
            raise InvalidInput("the JSON file holds no list of expenses")
        text.at += 1
        if key == "expenses" and text.next_character() == "[":
            return
        text.value()
        if text.next_character() != ",":
            raise InvalidInput("the JSON file holds no list of expenses")
        text.at += 1
