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

    return build_planner()
