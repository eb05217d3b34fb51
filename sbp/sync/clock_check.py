"""This machine's clock against the cloud's, before anything is stamped or pushed.

A device whose clock runs far ahead would stamp versions that win every conflict until real
time catches up, and spread its skew to everyone who observes them. So a sync first compares
the clock with the time AWS reports (the Date header): too far off, and it refuses, saying
why. Writes stamped while the clock was ahead have not been pushed (no sync ran); once the
clock is right again they are stamped anew, at the corrected time, before they go up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sbp.core.sync.hlc import MAX_DRIFT_MS, ClockSkew, HybridClock, decode

if TYPE_CHECKING:
    from sbp.core.ports import Ledger
    from sbp.core.sync.local import OutboxRow


def check_clock(server_ms: int | None, now_ms: int) -> None:
    """ClockSkew when this machine's clock is more than MAX_DRIFT_MS from the cloud's."""
    if server_ms is None:
        return
    drift = now_ms - server_ms
    if abs(drift) <= MAX_DRIFT_MS:
        return
    minutes = max(1, round(abs(drift) / 60_000))
    way = "ahead of" if drift > 0 else "behind"
    raise ClockSkew(
        f"this machine's clock is {minutes} minutes {way} the cloud's: sync waits until it is"
        " right, so that changes made here are ordered truly against other devices'",
        hint="set the date and time automatically (NTP) and sync again; nothing made here is"
        " lost meanwhile",
    )


def restamp_future(ledger: Ledger, server_ms: int, now_ms: int) -> int:
    """Stamp anew the queued writes stamped too far ahead of the cloud's time (while the clock
    ran ahead), and set the clock back; how many writes."""
    limit = server_ms + MAX_DRIFT_MS
    with ledger.transaction():
        state = ledger.sync_state()
        if state.clock[0] <= limit:
            return 0
        clock = HybridClock(state.node)
        renamed: dict[str, str] = {}
        rows: list[OutboxRow] = []
        after = 0
        while page := ledger.outbox(after, 1000):
            for row in page:
                if decode(row.version)[0] > limit:
                    renamed.setdefault(row.version, clock.stamp(now_ms))
                    rows.append(row)
            after = page[-1].seq
        ledger.restamp_outbox({row.seq: renamed[row.version] for row in rows})
        for row in rows:
            held = ledger.held_records(row.kind, [row.key]).get(row.key)
            if held is not None:
                versions = {n: renamed.get(v, v) for n, v in held.versions.items()}
                ledger.hold_records(row.kind, {row.key: held._replace(versions=versions)})
        ledger.save_sync_state(state._replace(clock=clock.state))
        return len(rows)
