"""Where a store's sync stands, in one line: what `sbp status` and `sbp ui` show.

"synced 2 min ago", "synced 2 min ago, 3 changes not yet synced", "offline, 3 changes not yet
synced (last synced 1 h ago)", "synced 1 min ago, 2 receipts not yet uploaded"; nothing at all
for a store that never synced.
"""

from __future__ import annotations

from datetime import datetime

from sbp.core.sync.local import SyncState

OFFLINE = "offline"
"""How the last error is kept when the cloud could not be reached (the rest: its message)."""


def error_note(kind: str, message: str) -> str:
    """How a sync's failure is kept in the store: `offline` for a cloud out of reach, else
    the message."""
    return OFFLINE if kind == OFFLINE else message


def sync_line(state: SyncState, pending: int, now: datetime, receipts: int = 0) -> str:
    """The sync state of a store that syncs in a few words ("" for one that never synced:
    the planner says what starts its first sync); `receipts` kept on this device only are
    named after the changes."""
    if not state.node or not state.enabled:
        return ""
    waiting = ", ".join(
        words
        for words in (
            f"{pending:,} change{'s' * (pending != 1)} not yet synced" if pending else "",
            f"{receipts:,} receipt{'s' * (receipts != 1)} not yet uploaded" if receipts else "",
        )
        if words
    )
    last = _ago(state.last_synced_at, now)
    if state.last_error == OFFLINE:
        parts = [OFFLINE, waiting]
        line = ", ".join(p for p in parts if p)
        return f"{line} (last synced {last})" if last else line
    if state.last_error:  # what still waits says what the failure holds back
        return ", ".join(p for p in (f"sync failed: {state.last_error}", waiting) if p)
    if last is None:
        return waiting or "not synced yet"
    return ", ".join(p for p in (f"synced {last}", waiting) if p)


def _ago(when: str | None, now: datetime) -> str | None:
    if not when:
        return None
    try:
        seconds = (now - datetime.fromisoformat(when)).total_seconds()
    except (ValueError, TypeError):
        return None
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 48 * 3600:
        return f"{int(seconds // 3600)} h ago"
    return f"{int(seconds // 86400)} days ago"
