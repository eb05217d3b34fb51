"""Slow work the store does for a command (an upgrade, a check, waiting for another sbp's
import), told on stderr: one line that changes in place on a terminal, a plain line per kind
of work elsewhere, so logs say why a command took long."""

from __future__ import annotations

import sys
import time
from typing import TextIO

REFRESH_SECONDS = 0.2  # a terminal's line changes at most this often


class StderrNotices:
    """The CLI's `Notices`: `sbp: upgrading the store (41%)...` on stderr."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self._what = ""  # the work being told, "" when none
        self._drawn = 0.0  # when the terminal's line was last drawn

    def show(self, what: str, progress: str = "") -> None:
        line = f"sbp: {what}" + (f" ({progress})" if progress else "") + "..."
        if not self._on_terminal():
            if what != self._what:
                self.stream.write(line + "\n")
                self.stream.flush()
            self._what = what
            return
        now = time.monotonic()
        if what == self._what and now - self._drawn < REFRESH_SECONDS:
            return
        self.stream.write("\r\x1b[K" + line)
        self.stream.flush()
        self._what, self._drawn = what, now

    def clear(self) -> None:
        if self._what and self._on_terminal():
            self.stream.write("\r\x1b[K")
            self.stream.flush()
        self._what = ""

    def _on_terminal(self) -> bool:
        try:
            return self.stream.isatty()
        except (AttributeError, ValueError):
            return False
