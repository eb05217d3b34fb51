"""`sbp import FILE...`, `sbp import list`, `sbp import undo BATCH`: bank files in, safely.

`import` is a command group whose first word is a file unless it names a sub-command: a
`TyperGroup` that reads `sbp import a.csv b.ofx` as `sbp import files a.csv b.ofx`, so the
everyday form needs no extra word while `list` and `undo` stay ordinary sub-commands (a file
literally called `list` is imported as `./list`). Each file is one batch in one transaction;
a file that cannot be read stops the command before any is imported.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import typer
from typer.core import TyperGroup

from sbp.cli import output
from sbp.cli.context import CSV_HELP, JSON_HELP, planner
from sbp.core.printable import shown

if TYPE_CHECKING:
    import click

    from sbp.core.importers.run import FileImport, RowOutcome

PROGRESS_BYTES = 128 * 1024  # about 4,000 rows of a bank export; smaller ones finish at once
_MAP_SPLIT = re.compile(r",(?=\s*[a-z_]+\s*=)")


class FilesOrCommands(TyperGroup):
    """A group where words that are not sub-commands are the files of the default command."""

    default_command = "files"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


HELP = """Import bank files (CSV, TSV, semicolon CSV, OFX/QFX, QIF, sbp JSON) as undoable batches.

\b
  sbp import FILE... [options]    import files ('-' reads standard input)
  sbp import list                 every batch, newest first
  sbp import undo BATCH           remove exactly what one batch added

See `sbp import files --help` for the options of an import.
"""

FILES_EXAMPLES = """Examples:

\b
  sbp import ~/Downloads/*.csv
  sbp import statement.ofx --account checking
  sbp import export.csv --dry-run
  sbp import export.csv --map date=Buchungstag,amount=Betrag,dates=dd.mm.yyyy,decimal=,
  sbp import export.csv --save-profile mybank   (then: sbp import new.csv --profile mybank)
  cat export.csv | sbp import -
"""


def register(app: typer.Typer) -> None:
    """Add the `import` group to the root app."""
    group = typer.Typer(
        cls=FilesOrCommands,
        help=HELP,
        no_args_is_help=True,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    group.command("files", epilog=FILES_EXAMPLES)(import_files)
    group.command("list", epilog="Example:  sbp import list --json")(list_batches)
    group.command("undo", epilog="Example:  sbp import undo 01KAB3")(undo_batch)
    app.add_typer(group, name="import")


def import_files(
    files: list[str] = typer.Argument(..., metavar="FILE...", help="Files to import; - is stdin."),
    profile: str | None = typer.Option(None, "--profile", help="Use a saved file layout."),
    mapping: list[str] = typer.Option(
        [],
        "--map",
        help="Pin the layout: date=COL,amount=COL (or debit=/credit=),description=COL,"
        "direction=COL (a debit/credit flag column),currency=COL|EUR,id=COL,dates=dd/mm/yyyy,"
        "decimal=,|.,units=cents,spending=negative|positive,delimiter=;,encoding=cp1252,"
        "header=LINE,format=csv|ofx|qif|json. COL is a header name or a number.",
    ),
    dry_run: bool = typer.Option(False, "--dry-run", "-n", help="Show each row; store nothing."),
    account: str = typer.Option("", "--account", help="The account the rows belong to."),
    skip_invalid: bool = typer.Option(
        False, "--skip-invalid", help="Import the good rows even when some are bad."
    ),
    force: bool = typer.Option(False, "--force", help="Also import possible duplicates."),
    save_profile: str | None = typer.Option(
        None, "--save-profile", help="Remember this file's layout under a name."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the results as JSON."),
    as_csv: bool = typer.Option(False, "--csv", help="With --dry-run: the rows as CSV."),
) -> None:
    """Import bank files; each file is one batch that `sbp import undo` can remove."""
    from sbp.cli.import_json import ImportJson

    if output.choose_format(as_json, as_csv) == "csv" and not dry_run:
        from sbp.core.errors import InvalidInput

        raise InvalidInput("--csv lists the rows of a dry run", hint="add --dry-run")
    _check_readable(files)
    the_planner = planner()
    pinned = parse_map(mapping)
    refused = False
    # a dry run lists its rows as they are read: a table, CSV, or (--json) JSON
    streamed = ImportJson() if as_json else None
    with streamed.document() if streamed else nullcontext():
        for name in files:
            listing = (_DryRunCsv() if as_csv else _DryRunTable()) if dry_run else None
            show = streamed or listing
            quiet = as_json or dry_run  # the rows listed are the progress
            with (
                _opened(name) as (label, stream, size),
                streamed.file(shown(label)) if streamed else nullcontext(),
                _progress(label, size, quiet) as tick,
            ):
                result = the_planner.import_file(
                    label, stream, mapping=pinned, profile=profile, account=account,
                    dry_run=dry_run, skip_invalid=skip_invalid, force=force, progress=tick,
                    show=show,
                )  # fmt: skip
                # OFX and JSON files have no layout; a file that stored nothing saves none
                saved = bool(save_profile and result.layout and result.stored)
                if saved and save_profile:
                    the_planner.save_import_profile(save_profile, result.layout)
                if streamed:
                    streamed.finish(result, dry_run)
            refused |= bool(result.invalid) and not skip_invalid
            if not as_json:
                _report(result, dry_run, skip_invalid, data_only=as_csv)
                if saved:
                    print(f"saved the layout of {result.source} as profile '{shown(save_profile)}'")
            if save_profile and not saved:
                why = (
                    "layout not saved: nothing was stored"
                    if result.layout
                    else "no layout to save: only CSV files need a profile"
                )
                sys.stderr.write(f"{result.source}: {why}\n")
    if refused:
        raise typer.Exit(1)


def parse_map(items: list[str]) -> dict[str, str]:
    """`--map date=Datum,amount=Betrag` (repeatable) as a dict; commas inside values survive."""
    from sbp.core.errors import InvalidInput

    pinned: dict[str, str] = {}
    for item in items:
        for part in _MAP_SPLIT.split(item):
            key, sep, value = part.partition("=")
            if not sep or not key.strip():
                raise InvalidInput(f"--map {part}: write KEY=VALUE, such as date=Posting Date")
            pinned[key.strip().lower()] = value if key.strip() == "delimiter" else value.strip()
    return pinned


@contextmanager
def _opened(name: str) -> Iterator[tuple[str, BinaryIO, int | None]]:
    if name == "-":
        yield "<stdin>", sys.stdin.buffer, None
        return
    with _open(name) as stream:
        yield name, stream, os.fstat(stream.fileno()).st_size


def _open(name: str) -> BinaryIO:
    from sbp.core.errors import InvalidInput

    try:
        return Path(name).expanduser().open("rb")
    except OSError as exc:
        raise InvalidInput(f"cannot read {name}: {exc.strerror or exc}") from None


def _check_readable(names: list[str]) -> None:
    """Refuse the command before any file is imported if one of them cannot be read."""
    for name in names:
        if name != "-":
            _open(name).close()


@contextmanager
def _progress(label: str, size: int | None, quiet: bool) -> Iterator[Callable[[int], None] | None]:
    """A rich progress line on a terminal for big files and for standard input (whose size is
    not known); nothing otherwise."""
    small = size is not None and size < PROGRESS_BYTES
    if quiet or small or not output.is_terminal(sys.stderr):
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    # refreshed by each tick rather than by a thread of its own: with no other thread running,
    # the import may prepare its rows in a second process (see sbp.planner.import_worker)
    bar = Progress(*columns, console=Console(stderr=True), transient=True, auto_refresh=False)
    with bar:
        task = bar.add_task(f"importing {label}")
        bar.refresh()

        def tick(rows: int) -> None:
            bar.update(task, description=f"importing {label}: {rows:,} rows read", refresh=True)

        yield tick


def _report(result: FileImport, dry_run: bool, skip_invalid: bool, data_only: bool) -> None:
    """What happened, on stderr but for the summary (stdout; stderr too when stdout carries
    data only, as with --csv)."""
    for guess in result.guesses:
        print(f"{result.source}: guessed: {guess}", file=sys.stderr)
    if result.guesses and result.layout:
        print(
            f"{result.source}: to reuse this layout as read, add --save-profile NAME once,"
            " then --profile NAME",
            file=sys.stderr,
        )
    for bad in result.invalid:
        print(f"{result.source}:{bad.line}: {bad.reason}", file=sys.stderr)
    if result.skipped:
        print(f"{result.source}: {skipped_summary(result.skipped)}", file=sys.stderr)
    for row in result.possible:
        print(
            f"{result.source}:{row.line}: possible duplicate, not imported: {row.detail}"
            " (--force imports it)",
            file=sys.stderr,
        )
    if result.already_stored:
        count = result.already_stored
        said = (
            "1 expense whose id is already stored was skipped: the stored one is kept"
            if count == 1
            else f"{count} expenses whose ids are already stored were skipped:"
            " the stored ones are kept"
        )
        print(f"{result.source}: {said} (`sbp rm` one to take the file's)", file=sys.stderr)
    print(_summary(result, dry_run), file=sys.stderr if data_only else sys.stdout)
    if dry_run:
        for alert in result.alerts:
            print(f"would alert: {alert.message}", file=sys.stderr if data_only else sys.stdout)
    else:
        output.print_alerts(result.alerts)
    if result.invalid and not skip_invalid and not dry_run:
        print(
            f"nothing imported from {result.source}: fix the rows above or pass --skip-invalid",
            file=sys.stderr,
        )


def skipped_summary(skipped: dict[str, int]) -> str:
    """`skipped 3 records that are no transactions: 2 pending, 1 zero amount`."""
    total = sum(skipped.values())
    reasons = ", ".join(f"{count} {reason}" for reason, count in skipped.items())
    return f"skipped {total} record{_s(total)} that {_are(total)} no transaction: {reasons}"


def _summary(result: FileImport, dry_run: bool) -> str:
    counts = (
        f"{result.added} new, {result.duplicates} duplicate{_s(result.duplicates)} skipped, "
        f"{len(result.possible)} possible duplicate{_s(len(result.possible))}, "
        f"{len(result.invalid)} invalid"
    )
    if dry_run:
        return f"{result.source}: dry run, nothing stored: {_would(result)}"
    if result.batch_id:
        return f"{result.source}: {counts}; batch {result.batch_id}"
    if result.stored:
        return f"{result.source}: {counts}; nothing new, no batch recorded"
    return f"{result.source}: {counts}; nothing stored"


def _would(result: FileImport) -> str:
    return (
        f"{result.added} new, {result.duplicates} duplicate{_s(result.duplicates)}, "
        f"{len(result.possible)} possible duplicate{_s(len(result.possible))}, "
        f"{len(result.invalid)} invalid"
    )


def _are(count: int) -> str:
    return "is" if count == 1 else "are"


def _s(count: int) -> str:
    return "" if count == 1 else "s"


class _DryRunTable:
    """A dry run's rows as one table, printed a chunk at a time as the file is read, so that a
    file of any size is listed in little memory."""

    _HEADERS = ("LINE", "STATUS", "DATE", "AMOUNT", "CATEGORY", "DESCRIPTION")
    # wide enough from the first part for what later parts usually hold ("possible duplicate",
    # a day, an amount in the thousands), so the columns rarely move further down
    _LEAST = (5, 18, 10, 9, 12, 0)

    def __init__(self) -> None:
        self._widths: list[int] | None = None

    def __call__(self, rows: list[RowOutcome]) -> None:
        cells = [
            (
                str(r.line),
                r.status,
                r.date.isoformat() if r.date else "",
                output.money(r.amount, r.currency) if r.amount is not None else "",
                r.category,
                r.description or r.detail,
            )
            for r in rows
        ]
        first = self._widths is None
        self._widths = output.print_table(
            self._HEADERS, cells, "lllrll", header=first, least=self._widths or self._LEAST
        )


class _DryRunCsv:
    """A dry run's rows as CSV, a chunk at a time, one header line for every file."""

    FIELDS = ("line", "status", "date", "amount", "currency", "category", "description", "detail")

    def __init__(self) -> None:
        self._header = True

    def __call__(self, rows: list[RowOutcome]) -> None:
        from sbp.cli.import_json import row_json

        output.print_csv(map(row_json, rows), self.FIELDS, header=self._header)
        self._header = False


BATCH_FIELDS = (
    "batch", "imported_at", "file", "format", "new", "duplicates", "possible_duplicates", "invalid"
)  # fmt: skip


def list_batches(
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    as_csv: bool = typer.Option(False, "--csv", help=CSV_HELP),
) -> None:
    """List import batches, newest first."""
    fmt = output.choose_format(as_json, as_csv)
    batches = planner().import_batches()
    if fmt != "table":
        output.print_records([_batch_json(b) for b in batches], BATCH_FIELDS, fmt)
        return
    if not batches:
        print("no imports yet")
        return
    rows = [
        (b.id, b.created_at.strftime("%Y-%m-%d %H:%M"), b.source, str(b.added), str(b.duplicates))
        for b in batches
    ]
    output.print_table(["BATCH", "IMPORTED", "FILE", "NEW", "DUPLICATES"], rows, "lllrr")


def _batch_json(batch: Any) -> dict[str, Any]:
    return {
        "batch": batch.id,
        "imported_at": batch.created_at,
        "file": batch.source,
        "format": batch.kind,
        "new": batch.added,
        "duplicates": batch.duplicates,
        "possible_duplicates": batch.possible,
        "invalid": batch.invalid,
    }


def undo_batch(
    batch: str = typer.Argument(
        ..., metavar="BATCH", help="The batch id, or its first characters."
    ),
) -> None:
    """Remove exactly the expenses one import batch added."""
    undone, removed = planner().undo_import(batch)
    print(f"undid import {undone.id} of {undone.source}: removed {removed} expense{_s(removed)}")
