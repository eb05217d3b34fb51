"""ULIDs made by the client, so a retried write carries the same id and never doubles.

A ULID is 48 bits of milliseconds since the epoch and 80 random bits, written in Crockford's
base32: 26 characters that sort by creation time. The caller passes the time in.

A person types a handle instead: an id's last characters (six, more where two ids listed
together end alike). They come from the random part, so they tell apart ids made in the same
millisecond, and the ids of one import, which share all but their last few characters.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
# Patterns that `re` compiles on first use: `sbp add` makes ids but never checks one.
_ULID_PATTERN = r"^[0-9A-HJKMNP-TV-Z]{26}$"
_PREFIX_PATTERN = r"^[0-9A-HJKMNP-TV-Z]+$"
# Crockford's base32 reads the letters people confuse with digits as those digits.
_LOOKALIKES = str.maketrans("ILO", "110")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
HANDLE_LENGTH = 6
"""How many of an id's last characters make its handle, at least."""
_MILLISECOND = timedelta(milliseconds=1)


def _encode(value: int, length: int) -> str:
    chars = []
    for _ in range(length):
        chars.append(_ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def new_ulid(now: datetime, randomness: bytes | None = None) -> str:
    """A new ULID for the instant `now` (timezone-aware); `randomness` is 10 bytes if given."""
    millis = (now - _EPOCH) // _MILLISECOND  # integer arithmetic: floats can lose a millisecond
    if not 0 <= millis < 2**48:
        raise ValueError("time out of ULID range")
    rand = randomness if randomness is not None else os.urandom(10)
    if len(rand) != 10:
        raise ValueError("ULID randomness must be 10 bytes")
    return _encode(millis, 10) + _encode(int.from_bytes(rand, "big"), 16)


_BASE32_TO_CROCKFORD = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", _ALPHABET.encode())


def keyed_ulids(days: Sequence[str], keys: Sequence[str]) -> list[str]:
    """ULIDs made from what names a row wherever it is read: its day (ISO text, the time part:
    that midnight, UTC) and its import key (the random part: 80 bits of the key's hash). Two
    devices importing the same bank file give its rows the same ids, so the rows sync as one
    expense each, not two."""
    from base64 import b32encode
    from hashlib import blake2b

    heads: dict[str, str] = {}

    def head(day: str) -> str:
        made = heads.get(day)
        if made is None:
            midnight = datetime.fromisoformat(day).replace(tzinfo=UTC)
            made = heads[day] = _encode(max(0, (midnight - _EPOCH) // _MILLISECOND), 10)
        return made

    # one hash a row, then the digests encoded all at once: 10 bytes are 16 characters exactly
    hashed = (blake2b(key.encode(), digest_size=10, person=b"sbp-import-id") for key in keys)
    tails = b32encode(b"".join(map(blake2b.digest, hashed))).translate(_BASE32_TO_CROCKFORD)
    text = tails.decode()
    return [head(day) + text[16 * n : 16 * n + 16] for n, day in enumerate(days)]


class UlidSequence:
    """ULIDs that keep rising within one millisecond, so ids made in a burst (an expense and its
    alerts, an import) sort in the order they were made; across milliseconds they are `new_ulid`'s.
    """

    def __init__(self) -> None:
        self._last = ""

    def next(self, now: datetime) -> str:
        """A ULID for `now`; above the previous one when both fall in the same millisecond."""
        made = new_ulid(now)
        if made[:10] == self._last[:10] and made <= self._last:
            made = _successor(self._last)
        self._last = made
        return made


def ulid_after(previous: str, now: datetime) -> str:
    """A ULID for `now` that sorts after `previous` (a ULID, or "" for none): what keeps
    things appended in one store in order even when made in one millisecond or by a clock
    that went back."""
    made = new_ulid(now)
    return made if made > previous else _successor(previous)


def _successor(ulid: str) -> str:
    randomness = _decode(ulid[10:]) + 1
    if randomness >= 2**80:
        raise ValueError("too many ULIDs in one millisecond")
    return ulid[:10] + _encode(randomness, 16)


def _decode(text: str) -> int:
    value = 0
    for char in text:
        value = value * 32 + _ALPHABET.index(char)
    return value


def ulid_time(ulid: str) -> datetime:
    """The instant encoded in a ULID."""
    return _EPOCH + _decode(ulid[:10]) * _MILLISECOND


def is_ulid(text: str) -> bool:
    """True when `text` is a well-formed ULID."""
    return bool(re.match(_ULID_PATTERN, text))


def normalise_prefix(text: str) -> str | None:
    """An id prefix as stored (upper case, I/L read as 1 and O as 0), or None if it cannot be
    part of a ULID."""
    upper = text.strip().upper().translate(_LOOKALIKES)
    return upper if re.match(_PREFIX_PATTERN, upper) else None


def handle(ulid: str) -> str:
    """An id's handle on its own: its last HANDLE_LENGTH characters."""
    return ulid[-HANDLE_LENGTH:]


def handles(ids: Sequence[str]) -> list[str]:
    """The handle of each id for a listing: its last HANDLE_LENGTH characters, or more where
    another listed id ends with the same ones or starts with them (as a prefix is also taken)."""
    shown: dict[str, str] = {}
    distinct = list(dict.fromkeys(ids))  # an id listed twice is still one id
    pending = distinct
    for length in range(HANDLE_LENGTH, 27):
        tails = Counter(i[-length:] for i in distinct)
        heads = Counter(i[:length] for i in distinct)
        waiting = []
        for ulid in pending:
            tail = ulid[-length:]
            own_head = int(ulid[:length] == tail)
            if tails[tail] == 1 and heads[tail] == own_head:
                shown[ulid] = tail
            else:
                waiting.append(ulid)
        pending = waiting
        if not pending:
            break
    return [shown.get(ulid, ulid) for ulid in ids]
