"""The composition root: the one place that picks adapters and builds a `Planner`.

Front doors call `build_planner()` and never import a store themselves; later the cloud mode
will be chosen here too, from the settings.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sbp.config import Settings, load_settings
from sbp.planner import Planner

if TYPE_CHECKING:
    from sbp.cloud.session import CloudSession
    from sbp.core.ports import Notices
    from sbp.core.receipts import Receipt, ReceiptStore
    from sbp.store.receipts import LocalReceipts


class SystemClock:
    """The real clock: UTC instants, and the local calendar day."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return date.today()


def build_planner(settings: Settings | None = None, notices: Notices | None = None) -> Planner:
    """A Planner over the embedded SQLite store named by the settings; `notices` hears about
    slow work (an upgrade, waiting for another sbp's import), and without it writers that
    would wait long give up instead."""
    from sbp.store.sqlite import SqliteLedger

    chosen = settings or load_settings()
    ledger = SqliteLedger(chosen.db_path, undo_scope=terminal_session(), notices=notices)
    return Planner(ledger, SystemClock(), chosen.base_currency, chosen.thresholds)


def terminal_session() -> str:
    """Which terminal this run belongs to, so `sbp undo` takes back only its changes.

    A terminal window (or tmux pane, or ssh login) runs its shell in a POSIX session of its
    own, and every command started from it shares that session; the session leader's start
    time tells a reused session id from a terminal long closed. Where there are no sessions
    (Windows), the shell that started sbp stands for the terminal.
    """
    try:
        session = os.getsid(0)
    except (AttributeError, OSError):
        return f"parent:{os.getppid()}"
    try:
        stat = Path(f"/proc/{session}/stat").read_text(encoding="ascii", errors="replace")
        started = stat.rsplit(")", 1)[1].split()[19]  # field 22: the leader's start time
    except (OSError, IndexError):
        return f"session:{session}"
    return f"session:{session}:{started}"


def receipt_store(settings: Settings | None = None) -> ReceiptShelf:
    """Where receipts go: the cloud when this device is signed in, the data folder when not.
    (Reading the sign-in state costs one small file: no network, no boto3.)"""
    from sbp.cloud.session import load_session
    from sbp.store.receipts import LocalReceipts

    chosen = settings or load_settings()
    return ReceiptShelf(LocalReceipts(chosen.data_dir), load_session(chosen))


class ReceiptShelf:
    """Puts new receipts in the cloud when signed in, else on this device; reads each one back
    from where its key says it is."""

    def __init__(self, local: LocalReceipts, session: CloudSession | None) -> None:
        self.local = local
        self.session = session

    @property
    def in_cloud(self) -> bool:
        return self.session is not None

    def put(self, expense_id: str, receipt: Receipt) -> str:
        return (
            self._cloud().put(expense_id, receipt)
            if self.session
            else self.local.put(expense_id, receipt)
        )

    def get(self, key: str, expense_id: str) -> bytes:
        from sbp.core.receipts import is_local

        if is_local(key):
            return self.local.get(key, expense_id)
        return self._cloud().get(key, expense_id)

    def _cloud(self) -> ReceiptStore:
        from sbp.cloud.receipts import CloudReceipts
        from sbp.core.errors import NotSignedIn

        if self.session is None:
            raise NotSignedIn(
                "this receipt is kept in the cloud", hint="sign in to read it: sbp login"
            )
        return CloudReceipts(self.session)
