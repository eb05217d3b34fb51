"""Where this store's sync stands, for `sbp status` and the dashboard (no network)."""

from __future__ import annotations

from sbp.core.sync.local import records_held
from sbp.planner.base import PlannerBase


class SyncStateUseCases(PlannerBase):
    """The sync state as front ends show it."""

    def sync_line(self, signed_in: bool = False) -> str:
        """One line: "synced 2 min ago", "3 changes not yet synced", "offline"; "" when this
        store never synced and the device is not `signed_in`."""
        from sbp.core.sync.status import OFFLINE, sync_line

        state = self.ledger.sync_state()
        if not state.enabled and (state.node or signed_in):
            offline = "offline, " if state.last_error == OFFLINE else ""
            held = self.not_in_cloud()
            if held:  # its first sync uploads them, once the person agrees
                records = f"{held:,} record{'s' * (held != 1)} wait{'s' * (held == 1)}"
                return f"{offline}not synced yet: {records} for `sbp sync --upload`"
            return f"{offline}not synced yet: run `sbp sync`"
        if not state.node:
            return ""
        receipts = self.ledger.local_receipt_count() if state.enabled else 0
        return sync_line(state, self.ledger.outbox_size(), self.clock.now(), receipts)

    def receipts_not_uploaded(self) -> int:
        """How many receipts are kept on this device only, not in the account yet."""
        return self.ledger.local_receipt_count()

    def unsynced(self) -> int:
        """How many changes wait to be pushed."""
        return self.ledger.outbox_size()

    def not_in_cloud(self) -> int:
        """How many changes (or, for a store that never synced, records) this device holds
        that its account does not have yet."""
        if self.ledger.sync_state().enabled:
            return self.ledger.outbox_size()
        return records_held(self.ledger)
