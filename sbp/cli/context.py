"""What every command module shares: the Planner for this run and the wording of common flags."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sbp.planner import Planner

JSON_HELP = "Print JSON (amounts as strings, dates ISO)."
CSV_HELP = "Print CSV with a header line."


def planner() -> Planner:
    """The Planner over the configured store (imported late, so `--help` opens no store)."""
    from sbp.bootstrap import build_planner
    from sbp.cli.notices import StderrNotices
    from sbp.config import load_settings

    settings = load_settings()
    built = build_planner(settings, notices=StderrNotices())
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
