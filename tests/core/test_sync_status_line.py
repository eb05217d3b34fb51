"""The sync line of `sbp status` and the dashboard, from a store's sync state."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sbp.core.sync.local import SyncState
from sbp.core.sync.status import OFFLINE, sync_line

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
ON = SyncState(node="laptop0000000001", enabled=True, last_synced_at="2026-11-20T11:55:00+00:00")


@pytest.mark.parametrize(
    ("state", "pending", "receipts", "said"),
    [
        (ON, 0, 0, "synced 5 min ago"),
        (ON, 3, 2, "synced 5 min ago, 3 changes not yet synced, 2 receipts not yet uploaded"),
        (
            ON._replace(last_error=OFFLINE),
            1,
            0,
            "offline, 1 change not yet synced (last synced 5 min ago)",
        ),
        (
            ON._replace(last_error="your sign-in has ended: run `sbp login`"),
            3,
            1,
            "sync failed: your sign-in has ended: run `sbp login`, 3 changes not yet synced,"
            " 1 receipt not yet uploaded",
        ),
        (ON._replace(last_error="the cloud refused"), 0, 0, "sync failed: the cloud refused"),
        (SyncState(), 4, 0, ""),  # never synced: the planner says what starts it
    ],
)
def test_the_line_says_how_the_last_sync_went_and_what_still_waits(
    state: SyncState, pending: int, receipts: int, said: str
) -> None:
    assert sync_line(state, pending, NOW, receipts) == said
