"""How sbp reads a command line where Click alone would read it wrong.

- `RootGroup`: a reader that leaves early (`sbp list | head`) reaches sbp's own guard as
  `ReaderLeft`, which Click would have turned into a silent exit 1.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

# Newer typers carry their own copy of Click: its usage errors are found from a public class.
UsageProblem: type[Exception] = next(
    kind for kind in typer.BadParameter.__mro__ if kind.__name__ == "ClickException"
)
"""The base of Click's usage errors (an unknown option, a missing argument): `.show()` says
the usage line and the problem, `.exit_code` is 2."""


class ReaderLeft(Exception):
    """The program reading sbp's output closed it (`| head`): stop quietly, exit 141."""


class RootGroup(TyperGroup):
    """The root `sbp` group."""

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError as exc:  # Click would print nothing and exit 1
            raise ReaderLeft from exc
