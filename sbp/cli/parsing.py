"""How sbp reads a command line where Click alone would read it wrong.

- `RootGroup`: a reader that leaves early (`sbp list | head`) reaches sbp's own guard as
  `ReaderLeft`, which Click would have turned into a silent exit 1.
- `TextCommand`: a command whose free text may begin with a dash (`sbp add 5 -weird-`). A word
  that names none of the command's options is text, as typed; a word that could be an option
  (`-dull`, read as `-d ull`) stays one, and its error says to write the text after `--`.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from sbp.core.errors import SbpError
from sbp.core.printable import shown

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


class MissingValue(Exception):
    """An option that takes a value came last, without one."""


class TextCommand(TyperCommand):
    """A command whose arguments are free text that may begin with a dash."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        try:
            options, words, doubtful = split_options(args, self.get_params(ctx))
        except MissingValue:  # Click itself says which option lacks its value
            return super().parse_args(ctx, args)
        ctx.meta[_DOUBTFUL] = doubtful
        try:
            return super().parse_args(ctx, [*options, "--", *words])
        except UsageProblem as error:
            if doubtful:
                said = f"{error.message} ({_text_hint(doubtful)})"  # type: ignore[attr-defined]
                error.message = said.strip()  # type: ignore[attr-defined]
            raise

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SbpError as error:
            doubtful = ctx.meta.get(_DOUBTFUL)
            if doubtful and error.hint is None:
                error.hint = _text_hint(doubtful)
            raise


_DOUBTFUL = "sbp.doubtful_options"


def _text_hint(doubtful: list[str]) -> str:
    return shown(f"if '{doubtful[0]}' is meant as text, write -- before it")


def split_options(args: list[str], params: Iterable[Any]) -> tuple[list[str], list[str], list[str]]:
    """(options with their values, other words, doubtful options) of `args`.

    A word that begins with '-' is an option only if it names one of `params` (`-d`, `-dtoday`,
    `--date`, `--date=today`); a short option with its value attached (`-dull`) is doubtful:
    it may have been meant as text. An option that takes a value but comes last raises
    MissingValue.
    """
    takes_value: dict[str, bool] = {}
    for param in params:
        if param.param_type_name == "option":
            for name in (*param.opts, *param.secondary_opts):
                takes_value[name] = not (param.is_flag or param.count)
    options: list[str] = []
    words: list[str] = []
    doubtful: list[str] = []
    rest = iter(args)
    for arg in rest:
        if arg == "--":
            words.extend(rest)
            break
        name = arg.partition("=")[0] if arg.startswith("--") else arg[:2]
        if len(arg) < 2 or not arg.startswith("-") or name not in takes_value:
            words.append(arg)
            continue
        options.append(arg)
        if arg == name and takes_value[name]:
            value = list(islice(rest, 1))  # its value, whatever it looks like
            if not value:  # never the `--` that parse_args puts before the words
                raise MissingValue(arg)
            options += value
        elif arg != name and not arg.startswith("--") and takes_value[name]:
            doubtful.append(arg)
    return options, words, doubtful
