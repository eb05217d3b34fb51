"""The `sbp` command: a root Typer app, one sub-module per command group, one error guard.

Command modules import nothing heavy at the top: rich tables, textual, reportlab and boto3 are
imported inside the commands that need them, so `sbp add` starts about as fast as Python can.
"""

# No `from __future__ import annotations` here: typer evaluates every string annotation of a
# command (and of the root callback) while building it, which costs every run start-up time.

import gc
import sys
from collections.abc import Sequence

# Start-up makes tens of thousands of objects that live as long as the process (modules, classes,
# functions); at Python's default first threshold (700) the collector scans them about 30 times
# before `sbp add` is done, ~5 ms of every run. Collected every 50,000 new objects instead, a
# long command (an import, `sbp ui`) still has its cycles freed, a few MB at most apart.
gc.set_threshold(50_000, *gc.get_threshold()[1:])

import typer  # noqa: E402  (after the threshold, so importing it benefits too)

from sbp import __version__  # noqa: E402

HELP = """sbp, the Smart Budget Planner: personal finance from the terminal.

Record expenses, set monthly budgets and see where you stand, offline:

\b
  sbp add 12.50 "coffee"          record an expense dated today
  sbp budget set coffee 60        a limit for every month
  sbp status                      this month's budgets as progress bars

Data lives in one SQLite file in your user data folder (SBP_HOME moves it).
"""


def _version(value: bool) -> None:
    if value:
        print(f"sbp {__version__}")
        raise typer.Exit()


def build_app(args: Sequence[str] | None = None) -> typer.Typer:
    """The root app with the command groups running `args` needs (all of them when None)."""
    from sbp.cli.parsing import RootGroup

    app = typer.Typer(
        cls=RootGroup,
        name="sbp",
        help=HELP,
        no_args_is_help=True,
        add_completion=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    @app.callback()
    def root(
        version: bool = typer.Option(
            False, "--version", "-V", callback=_version, is_eager=True, help="Show the version."
        ),
    ) -> None:
        """sbp, the Smart Budget Planner."""

    from sbp.cli import registry

    if args is None:
        registry.register_all(app)
    else:
        registry.register_for(app, args)
    return app


def main(argv: Sequence[str] | None = None) -> int:
    """Run `sbp` with `argv` (default: the process arguments); the exit code."""
    try:
        return _run(list(sys.argv[1:] if argv is None else argv))
    except BrokenPipeError:  # even the error could not be said: stderr is gone too
        return _reader_left()
    finally:
        # The process ends next and the system takes its memory back whole: frozen objects are
        # skipped by the collection Python runs at exit, which costs every command ~20 ms.
        gc.freeze()


def _run(args: list[str]) -> int:
    from sbp.cli.context import new_run
    from sbp.cli.parsing import ReaderLeft, UsageProblem
    from sbp.core.errors import SbpError

    new_run()
    try:
        _check_arguments(args)
        command = typer.main.get_command(build_app(args))
        # Not standalone: sbp itself says how usage errors, ctrl-c and a reader leaving end.
        code = command.main(args=args, prog_name="sbp", standalone_mode=False)
        sys.stdout.flush()  # so a reader that left shows here, not as Python exits
        if code in (0, None):
            from sbp.cli.context import after_command

            after_command()
    except UsageProblem as error:  # the usage line and the problem, exit 2
        return _usage(error)
    except typer.Abort:  # end of input at a prompt
        print("\nsbp: aborted", file=sys.stderr)
        return 1
    except SbpError as error:
        from sbp.cli.errors import report  # only on failure: keeps it off the start-up path

        return report(error)
    except KeyboardInterrupt:
        return _interrupted()
    except (ReaderLeft, BrokenPipeError):
        return _reader_left()
    if code == 130:  # typer turns ctrl-c inside a command into a silent exit 130
        return _interrupted()
    return code if isinstance(code, int) else 0


def _usage(error: Exception) -> int:
    """Click's usage line and problem; words it quotes from the command line are `shown`."""
    import io

    from sbp.core.printable import shown

    said = io.StringIO()
    error.show(file=said)  # type: ignore[attr-defined]
    sys.stderr.write("\n".join(map(shown, said.getvalue().split("\n"))))
    return int(error.exit_code)  # type: ignore[attr-defined]


def _check_arguments(args: list[str]) -> None:
    """Refuse an argument that is not UTF-8 text (`caf\\xe9` from a Latin-1 terminal), unless
    it names a file that exists: file names need not be text."""
    import os

    from sbp.core.errors import InvalidInput

    for arg in args:
        if not arg.isprintable() and _undecodable(arg) and not os.path.lexists(arg):
            raise InvalidInput(
                f"argument '{arg}' is not UTF-8 text",
                hint="set your terminal or locale to UTF-8, or type the text again",
            )


def _undecodable(arg: str) -> bool:
    """Whether `arg` holds a surrogate: how Python keeps bytes of an argument that were not
    UTF-8 (U+DC80 to U+DCFF), or any other that no text can hold."""
    return any("\ud800" <= char <= "\udfff" for char in arg)


def _interrupted() -> int:
    print("\nsbp: interrupted", file=sys.stderr)  # the newline ends the line the ^C was echoed on
    return 130  # ExitCode.INTERRUPTED


def _reader_left() -> int:
    """The reader of sbp's output left (`sbp list | head`): not an error, nothing more to say.
    Exit 141, as a shell reports a program stopped by SIGPIPE (ExitCode.READER_LEFT)."""
    import os
    from contextlib import suppress

    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):  # a stream that is not a file has nothing to flush
            os.dup2(devnull, stream.fileno())  # what is still buffered goes nowhere, quietly
    return 141
