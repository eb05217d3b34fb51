"""ULIDs made by the client, so a retried write carries the same id and never doubles.

A ULID is 48 bits of milliseconds since the epoch and 80 random bits, written in Crockford's
base32: 26 characters that sort by creation time. The caller passes the time in.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_ULID_RE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{26}$")
_PREFIX_RE = re.compile(r"^[0-9A-HJKMNP-TV-Z]+$")


def _encode(value: int, length: int) -> str:
    chars = []
    for _ in range(length):
        chars.append(_ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def new_ulid(now: datetime, randomness: bytes | None = None) -> str:
    """A new ULID for the instant `now` (timezone-aware); `randomness` is 10 bytes if given."""
    millis = int(now.timestamp() * 1000)
    if not 0 <= millis < 2**48:
        raise ValueError("time out of ULID range")
    rand = randomness if randomness is not None else os.urandom(10)
    if len(rand) != 10:
        raise ValueError("ULID randomness must be 10 bytes")
    return _encode(millis, 10) + _encode(int.from_bytes(rand, "big"), 16)


def ulid_time(ulid: str) -> datetime:
    """The instant encoded in a ULID."""
    millis = 0
    for char in ulid[:10]:
        millis = millis * 32 + _ALPHABET.index(char)
    return datetime.fromtimestamp(millis / 1000, tz=UTC)


def is_ulid(text: str) -> bool:
    """True when `text` is a well-formed ULID."""
    return bool(_ULID_RE.match(text))


def normalise_prefix(text: str) -> str | None:
    """An id prefix as stored (upper case), or None if it cannot be part of a ULID."""
    upper = text.strip().upper()
    return upper if _PREFIX_RE.match(upper) else None
