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
    from sbp.cloud.local_receipts import LocalReceipts
    from sbp.cloud.receipt_shelf import ReceiptShelf
    from sbp.core.ports import Notices
    from sbp.sync.engine import Syncer
    from sbp.sync.push import Progress


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
        # UTF-8, the codec Python always has loaded (ASCII would import one more module): the
        # fields read are digits after the last ")", which decode alike either way
        stat = Path(f"/proc/{session}/stat").read_text(encoding="utf-8", errors="replace")
        started = stat.rsplit(")", 1)[1].split()[19]  # field 22: the leader's start time
    except (OSError, IndexError):
        return f"session:{session}"
    return f"session:{session}:{started}"


def receipt_store(settings: Settings | None = None) -> ReceiptShelf:
    """Receipts on this device, and in the cloud when it is signed in.
    (Reading the sign-in state costs one small file: no network, no boto3.)"""
    from sbp.cloud.receipt_shelf import ReceiptShelf
    from sbp.cloud.session import load_session

    chosen = settings or load_settings()
    return ReceiptShelf(kept_receipts(chosen), load_session(chosen))


def kept_receipts(settings: Settings | None = None) -> LocalReceipts:
    """The receipts kept in the data folder, where every new receipt goes first."""
    from sbp.cloud.local_receipts import LocalReceipts

    return LocalReceipts((settings or load_settings()).data_dir)


def build_syncer(
    planner: Planner, settings: Settings | None = None, progress: Progress | None = None
) -> Syncer:
    """The sync of the planner's store with the signed-in user's replica and snapshots, over
    the user's own credentials; NotSignedIn when this device is signed out."""
    import socket

    from sbp.cloud.session import require_session
    from sbp.cloud.sync_ports import sync_ports
    from sbp.sync.engine import Syncer

    settings = settings or load_settings()
    replica, snapshots = sync_ports(require_session(settings))
    return Syncer(
        planner.ledger,
        replica,
        snapshots,
        planner.clock,
        device_name=socket.gethostname(),
        progress=progress,
        kept=kept_receipts(settings),
    )


def signed_in(settings: Settings) -> bool:
    """Whether this device is signed in (one small file read: no network, no boto3, not even
    the session's own modules, so a command's background sync costs it next to nothing)."""
    from sbp.cloud.device_state import read_state

    state = read_state(settings.data_dir)
    return state is not None and state.account is not None


def forget_store(planner: Planner, settings: Settings) -> None:
    """Close the planner's store and delete it from this device (`sbp logout --forget`), with
    the receipts kept beside it (attached here, or copies of the cloud's)."""
    import shutil

    from sbp.cloud.local_receipts import FOLDER
    from sbp.store.files import remove_store

    planner.ledger.close()
    remove_store(settings.db_path)
    shutil.rmtree(settings.data_dir / FOLDER, ignore_errors=True)
