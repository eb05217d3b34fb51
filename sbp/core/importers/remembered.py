"""Results remembered by argument: the values of a bank file (days, amounts, merchants) repeat,
so each distinct one is worked out once.

A lookup is `remembered[argument]`, a single call that `map` can make down a whole column
without a line of Python per row; only a value not seen before runs the function.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

LIMIT = 100_000
"""Distinct arguments held before starting again, so that memory stays bounded."""


class Remembered(dict[Any, Any]):
    """A function's results by argument, each made on first use and held up to a limit."""

    def __init__(self, make: Callable[[Any], Any], limit: int = LIMIT) -> None:
        super().__init__()
        self._make = make
        self._limit = limit

    def __missing__(self, argument: Any) -> Any:
        value = self._make(argument)  # an error leaves nothing behind
        if len(self) >= self._limit:
            self.clear()
        self[argument] = value
        return value
