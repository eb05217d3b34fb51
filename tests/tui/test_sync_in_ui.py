"""`sbp ui` on a device that syncs: a sync started at once, every minute and after each write
(never waited for), and the top bar saying when it last synced."""

from __future__ import annotations

from datetime import timedelta

from screens import table_rows

from sbp.core.sync.local import SyncState
from sbp.planner import Planner
from sbp.tui.app import SbpApp
from sbp.tui.widgets.nav_bar import NavBar


def synced(planner: Planner, minutes_ago: int) -> None:
    when = planner.clock.now() - timedelta(minutes=minutes_ago)
    state = SyncState("laptop0000000000", enabled=True, user_id="u")
    planner.ledger.save_sync_state(state._replace(last_synced_at=when.isoformat()))


async def test_the_top_bar_says_when_the_device_last_synced(planner: Planner) -> None:
    synced(planner, 2)
    async with SbpApp(planner, poll_seconds=0.05).run_test(size=(140, 30)) as pilot:
        bar = pilot.app.screen.query_one(NavBar)
        assert "synced 2 min ago" in str(bar.render())
        synced(planner, 0)
        await pilot.pause(0.2)
        assert "synced just now" in str(pilot.app.screen.query_one(NavBar).render())


async def test_a_store_that_never_synced_says_nothing_of_sync(planner: Planner) -> None:
    async with SbpApp(planner, poll_seconds=0).run_test(size=(140, 30)) as pilot:
        assert "sync" not in str(pilot.app.screen.query_one(NavBar).render())


async def test_syncs_start_at_once_and_every_interval(planner: Planner) -> None:
    started: list[str] = []
    app = SbpApp(planner, poll_seconds=0, start_sync=lambda: started.append("sync"),
                 sync_seconds=0.2)  # fmt: skip
    async with app.run_test(size=(140, 30)) as pilot:
        assert started == ["sync"]
        await pilot.pause(0.5)
        assert len(started) >= 2


async def test_a_write_starts_a_sync(planner: Planner) -> None:
    started: list[str] = []
    app = SbpApp(planner, poll_seconds=0, start_sync=lambda: started.append("sync"))
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.press("b", "a", *"dining", "tab", *"150", "enter")
        await pilot.pause()
        assert ["dining", "every month", "$150.00", "$0.00", "0.0%"] in table_rows(
            pilot.app, "#budgets"
        )
        assert started == ["sync", "sync"]  # at once, then after the write
