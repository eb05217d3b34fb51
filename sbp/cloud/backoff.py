"""How long to wait before trying again: exponential backoff with full jitter.

Writers that collided wait a random time up to a growing cap, so they spread out instead of
colliding again in step. Sleep and randomness are passed in so tests can see every pause.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable


class Backoff:
    """Bounded retries: `attempts` tries, pausing up to `base * 2**n` seconds (at most `cap`)."""

    def __init__(
        self,
        attempts: int = 10,
        base: float = 0.025,
        cap: float = 2.0,
        sleep: Callable[[float], None] = time.sleep,
        rand: Callable[[], float] = random.random,
    ) -> None:
        if attempts < 1:
            raise ValueError("a backoff needs at least one attempt")
        self.attempts = attempts
        self.base = base
        self.cap = cap
        self._sleep = sleep
        self._rand = rand

    def longest(self, attempt: int) -> float:
        """The most the pause after failed attempt `attempt` (from 0) may last."""
        return min(self.cap, self.base * 2.0**attempt)

    def pause(self, attempt: int) -> None:
        """Wait a random time up to `longest(attempt)`."""
        self._sleep(self._rand() * self.longest(attempt))
