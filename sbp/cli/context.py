"""What every command module shares: the Planner for this run and the wording of common flags."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sbp.planner import Planner

_built: list[Planner] = []  # the Planner this run made, if it made one
_quiet: list[bool] = []  # set by a command that must not start a background sync (`sync`)

JSON_HELP = "Print JSON (amounts as strings, dates ISO)."
CSV_HELP = "Print CSV with a header line."


def planner() -> Planner:
    """The Planner over the configured store (imported late, so `--help` opens no store)."""
    from sbp.bootstrap import build_planner
    from sbp.cli.notices import StderrNotices
    from sbp.config import load_settings

    settings = load_settings()
    built = build_planner(settings, notices=StderrNotices())
    _built.append(built)
    asked = settings.base_currency
    if "base_currency" in settings.extra and built.base_currency != asked:
        import sys

        # the store's currency is fixed when it is first used: a later change is not applied
        print(
            f"sbp: note: {settings.config_file} sets base_currency = {asked}, but this store"
            f" keeps {built.base_currency}, fixed when it was first used; amounts without a"
            f" currency are {built.base_currency} (a new store, in an empty SBP_HOME, can use"
            f" {asked})",
            file=sys.stderr,
        )
    return built


def new_run() -> None:
    """Forget the last run's Planner and wishes: `main()` may run several commands in one
    process (the tests do)."""
    _built.clear()
    _quiet.clear()


def no_background_sync() -> None:
    """This command syncs itself: no background sync after it."""
    _quiet.append(True)


def after_command() -> None:
    """After a command that left changes to push, on a signed-in device: start a sync in the
    background (detached: this command ends now, offline or not). Nothing for a store that
    does not sync, whose outbox stays empty; never an error of its own."""
    if not _built or _quiet:
        return
    from sbp.core.errors import SbpError

    try:
        if not _built[-1].ledger.outbox_size():
            return
        from sbp.bootstrap import signed_in
        from sbp.config import load_settings

        settings = load_settings()
        if settings.extra.get("sync_in_background") is False or not signed_in(settings):
            return
        from sbp.sync.background import start_background_sync

        start_background_sync()
    except (SbpError, OSError):
        pass  # the next command, or `sbp sync`, tries again
