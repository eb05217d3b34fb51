"""`sbp sync`: push this device's changes to the account, pull every other device's.

Signed in, sbp also syncs on its own, in the background, after every command that changes
something (`--background` is that run: quiet, and gone at once when another sync is running).
Each sync also uploads the receipts this device keeps only in its data folder.
"""

# No `from __future__ import annotations` here: typer evaluates every string annotation of a
# command several times while building it, which costs every run of sbp start-up time.

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import typer

from sbp.cli import output
from sbp.cli.context import JSON_HELP, no_background_sync, planner

EXAMPLES = """Examples:

\b
  sbp sync
  sbp sync --upload      the first sync of a device that already holds expenses
  sbp sync --json
"""
WAIT_SECONDS = 120.0
LARGE = 2000
"""Records or changes from which a sync shows a progress bar on a terminal."""


def register(app: typer.Typer) -> None:
    """Add `sync` to the root app."""
    app.command("sync", epilog=EXAMPLES)(sync)


def sync(
    upload: bool = typer.Option(
        False, "--upload", help="Upload what this store holds to your account (its first sync)."
    ),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    background: bool = typer.Option(False, "--background", hidden=True),
) -> None:
    """Push this device's changes to your account and pull every other device's.

    The newer edit of each field wins; a deletion wins over older edits. Prints what moved
    and how conflicts ended. A device that already holds expenses uploads them once, when
    you agree (asked on a terminal, or --upload).
    """
    from sbp.bootstrap import build_syncer
    from sbp.cli.receipt_uploads import say_uploads, upload_kept_receipts, uploads_json
    from sbp.config import load_settings
    from sbp.sync.lock import SyncRunning, one_sync

    settings = load_settings()
    if background:
        no_background_sync()
        _in_background(settings)
        return
    # no no_background_sync() here: a command that wrote while this sync held the lock found it
    # taken and left its change to this sync; once the lock is let go, after_command sees the
    # change still waiting and starts the background sync that pushes it
    the_planner = planner()
    with _progress(as_json) as progress:
        syncer = build_syncer(the_planner, settings, progress)
        if not upload and syncer.pending() and _interactive():
            upload = _agree(syncer.pending())
        try:
            with one_sync(settings.db_path, WAIT_SECONDS, _say_waiting):
                report = syncer.sync(upload=upload)
                receipts = upload_kept_receipts(the_planner, settings)
                if receipts is not None and receipts.uploaded:
                    syncer.sync()  # where the receipts went: pushed now, like any change
        except SyncRunning:
            from sbp.core.errors import CloudUnavailable

            raise CloudUnavailable(
                "another sync of this store has been running for two minutes",
                hint="try again when it has finished",
            ) from None
    if as_json:
        output.print_json({**report.as_json(), "receipts": uploads_json(receipts)})
        return
    print(report.words())
    for note in report.notes:
        print(note)
    say_uploads(receipts)
    for left in report.skipped:
        print(f"sbp: note: left aside (this sbp cannot keep it): {left}", file=sys.stderr)


def _in_background(settings: Any) -> None:
    """The detached run after a command: sync while changes keep arriving; every failure is
    kept in the store (for `sbp status`) and nothing is printed."""
    from sbp.bootstrap import build_syncer
    from sbp.cli.receipt_uploads import upload_kept_receipts
    from sbp.core.errors import SbpError
    from sbp.sync.background import ROUNDS
    from sbp.sync.lock import SyncRunning, one_sync

    try:
        the_planner = planner()
        syncer = build_syncer(the_planner, settings)
        for round_ in range(ROUNDS):
            with one_sync(settings.db_path):
                syncer.sync()
                if round_ == 0:  # receipts kept on this device: their new keys go next round
                    upload_kept_receipts(the_planner, settings)
            # looked at once the lock is let go: a command that wrote while this run held it
            # found the lock taken and left its change to this run
            if not the_planner.unsynced():
                break
    except (SyncRunning, SbpError):
        pass


def _interactive() -> bool:
    return sys.stdin.isatty() and output.is_terminal(sys.stderr)


def _agree(count: int) -> bool:
    return typer.confirm(
        f"This device holds {count:,} records that are not in your account yet."
        " Upload them now (once), so every device has them?",
        default=True,
        err=True,
    )


def _say_waiting() -> None:
    print("sbp: waiting for another sync of this store to finish", file=sys.stderr)


@contextmanager
def _progress(quiet: bool) -> Iterator[Callable[[str, int, int | None], None] | None]:
    """A progress bar on a terminal for large syncs (a first upload, a new device); nothing
    otherwise."""
    if quiet or not output.is_terminal(sys.stderr):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    bar = Progress(*columns, console=Console(stderr=True), transient=True)
    tasks: dict[str, Any] = {}

    def tick(what: str, done: int, total: int | None) -> None:
        if what not in tasks:
            if total is not None and total < LARGE:
                return  # small work: no bar flickering by
            if not bar.live.is_started:
                bar.start()
            tasks[what] = bar.add_task(what, total=total)
        bar.update(tasks[what], completed=done, total=total)

    try:
        yield tick
    finally:
        if bar.live.is_started:
            bar.stop()
