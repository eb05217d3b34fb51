"""Hybrid logical clock versions: what orders two edits of the same field made on two devices.

A version is fixed-width text, `<13-digit milliseconds>-<4 hex counter>-<16-character node id>`,
so comparing two versions as strings compares them in time (text of varying width would sort
wrongly). The node id breaks ties, so two different writes never carry the same version. The
rules are Kulkarni et al.'s: a local write takes the larger of the clock and physical time; a
version received from elsewhere moves the clock past it, unless it is too far in the future.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from sbp.core.errors import SbpError

MAX_DRIFT_MS = 5 * 60 * 1000
"""How far ahead of this machine's time a version may be before it is refused."""
MAX_COUNTER = 0xFFFF
NODE_LENGTH = 16
_VERSION = re.compile(r"^(\d{13})-([0-9a-f]{4})-([0-9a-z]{16})$")


class ClockSkew(SbpError):
    """A version (or this machine's clock) is too far from real time to be trusted."""


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def epoch_millis(moment: datetime) -> int:
    """Milliseconds since the epoch of a timezone-aware instant (what a version stamps)."""
    return (moment - _EPOCH) // timedelta(milliseconds=1)


def encode(millis: int, counter: int, node: str) -> str:
    """The version text for a clock reading."""
    if not 0 <= millis < 10**13 or not 0 <= counter <= MAX_COUNTER:
        raise ClockSkew(f"clock reading out of range: {millis} ms, counter {counter}")
    return f"{millis:013d}-{counter:04x}-{node}"


def decode(version: str) -> tuple[int, int, str]:
    """(milliseconds, counter, node) of a version; ValueError if it is not one."""
    found = _VERSION.match(version)
    if found is None:
        raise ValueError(f"not a version: {version!r}")
    return int(found[1]), int(found[2], 16), found[3]


def is_version(text: str) -> bool:
    """True when `text` is well-formed version text."""
    return _VERSION.match(text) is not None


def check_node(node: str) -> str:
    """A node id as versions carry it: 16 characters of [0-9a-z]."""
    if re.fullmatch(r"[0-9a-z]{16}", node) is None:
        raise ValueError(f"a node id is 16 characters of 0-9 and a-z, not {node!r}")
    return node


class HybridClock:
    """One device's (or one Lambda's) clock; `stamp` versions a write, `observe` a received one.

    The state is two numbers the caller persists (with the data they describe, in one
    transaction) and gives back the next time: `state` and the constructor's `millis`/`counter`.
    """

    def __init__(self, node: str, millis: int = 0, counter: int = 0) -> None:
        self.node = check_node(node)
        self.millis = millis
        self.counter = counter

    @property
    def state(self) -> tuple[int, int]:
        """What to persist: the logical milliseconds and the counter."""
        return self.millis, self.counter

    def stamp(self, now_ms: int) -> str:
        """The version of a new local write at physical time `now_ms`."""
        if now_ms > self.millis:
            self.millis, self.counter = now_ms, 0
        else:
            self._bump()
        return encode(self.millis, self.counter, self.node)

    def observe(self, version: str, now_ms: int) -> None:
        """Move past a version received from elsewhere; ClockSkew if it is from the future."""
        millis, counter, _ = decode(version)
        if millis - now_ms > MAX_DRIFT_MS:
            minutes = (millis - now_ms) // 60_000
            raise ClockSkew(
                f"a change is stamped {minutes} minutes ahead of this machine's clock",
                hint="check the clock of the device that made it, and of this one",
            )
        if now_ms > self.millis and now_ms > millis:
            self.millis, self.counter = now_ms, 0
        elif millis > self.millis:
            self.millis, self.counter = millis, counter
            self._bump()
        elif millis == self.millis:
            self.counter = max(self.counter, counter)
            self._bump()
        else:
            self._bump()

    def _bump(self) -> None:
        if self.counter >= MAX_COUNTER:
            raise ClockSkew("more than 65,535 changes in one millisecond: wait and try again")
        self.counter += 1
