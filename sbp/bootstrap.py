"""The composition root: the one place that picks adapters and builds a `Planner`.

Front doors call `build_planner()` and never import a store themselves; later the cloud mode
will be chosen here too, from the settings.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sbp.config import Settings, load_settings
from sbp.planner import Planner


class SystemClock:
    """The real clock: UTC instants, and the local calendar day."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return date.today()


def build_planner(settings: Settings | None = None) -> Planner:
    """A Planner over the embedded SQLite store named by the settings."""
    from sbp.store.sqlite import SqliteLedger

    chosen = settings or load_settings()
    ledger = SqliteLedger(chosen.db_path)
    return Planner(ledger, SystemClock(), chosen.base_currency, chosen.thresholds)
