"""One sync of a store with a user's replica, start to end.

1. The store joins the replica (a node id of its own, the user's id; another user's store is
   refused) and the clock is checked against the cloud's.
2. The base currency must agree with the one the user's other stores synced.
3. A store that never synced: nothing to send switches sync on; data to send is uploaded once
   (`sbp.sync.upload`), only when the person agreed to it.
4. A device behind the purged part of the log is resynced from the newest snapshot; a new one
   starts from it.
5. Push the outbox (folding the bank-row copies a pull left while they waited to go up, as
   each page leaves it), pull the log (loading a snapshot where another device's upload
   ended), push what the pull wrote, report this device's cursor, tidy the log when due, and
   say what moved.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from typing import TYPE_CHECKING

from sbp.core.errors import AccessDenied, CloudUnavailable, Conflict, SbpError, UploadInProgress
from sbp.core.ids import new_ulid
from sbp.core.sync.hlc import HybridClock, epoch_millis
from sbp.core.sync.ports import DeviceCursor
from sbp.core.sync.records import Kind
from sbp.core.sync.status import OFFLINE, error_note
from sbp.sync.apply import Applier
from sbp.sync.clock_check import check_clock, restamp_future
from sbp.sync.folding import fold_pushed
from sbp.sync.housekeeping import tidy
from sbp.sync.join import load_snapshot
from sbp.sync.pull import Behind, pull
from sbp.sync.push import Progress, Pushed, push
from sbp.sync.report import SyncReport
from sbp.sync.store_records import StoreRecords
from sbp.sync.upload import Upload

if TYPE_CHECKING:
    from sbp.core.ports import Clock, Ledger
    from sbp.core.sync.local import SyncState
    from sbp.core.sync.ports import KeptReceipts, ReplicaMeta, Snapshots, SyncReplica

NODE_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"


class UploadNeeded(SbpError):
    """A store with data that never synced waits for the person to agree to upload it."""


class OtherAccount(AccessDenied):
    """The store already syncs with another account's replica."""


class CurrencyMismatch(Conflict):
    """The store's base currency is not the one the user's other stores agreed on."""


class Syncer:
    """Syncs one store (the ledger) with one user's replica and snapshots."""

    def __init__(
        self,
        ledger: Ledger,
        replica: SyncReplica,
        snapshots: Snapshots,
        clock: Clock,
        *,
        device_name: str = "",
        progress: Progress | None = None,
        kept: KeptReceipts | None = None,
    ) -> None:
        self.ledger = ledger
        self.replica = replica
        self.snapshots = snapshots
        self.clock = clock
        self.device_name = device_name
        self.progress = progress
        self.kept = kept  # this device's kept receipts, let go of once their expense is purged

    def sync(self, upload: bool = False) -> SyncReport:
        """Push and pull; `upload` agrees to a first upload of the data this store holds."""
        try:
            report = self._sync(upload)
        except SbpError as exc:
            offline = isinstance(exc, CloudUnavailable) and not isinstance(exc, UploadInProgress)
            self._remember(error_note(OFFLINE if offline else "", exc.message))
            raise
        self._remember(None)
        return report

    def pending(self) -> int:
        """How many records a first upload would send (0 when sync is on already)."""
        if self.ledger.sync_state().enabled:
            return 0
        return StoreRecords(self.ledger).count()

    def _sync(self, upload: bool) -> SyncReport:
        state = self._joined()
        meta = self.replica.meta()
        now_ms = self._now_ms()
        check_clock(meta.server_ms, now_ms)
        if meta.server_ms is not None:
            restamp_future(self.ledger, meta.server_ms, now_ms)
        self._check_currency()
        if meta.loading is not None and meta.loading != _loading(state):
            raise UploadInProgress()
        uploaded = 0
        if not state.enabled:
            state, uploaded = self._start(state, meta, upload)
        if state.upload is not None:
            sending = Upload(self.ledger, self.replica, self.snapshots, self._at(), self.progress)
            state = sending.run(state)
            meta = self.replica.meta()
        notes, used = self._catch_up(state, meta)
        pushed = self._push(state.node, used)
        used += self._pull(meta.head, pushed.fields)
        if self.ledger.outbox_size():  # what the pull wrote goes up now, not a sync later
            pushed = pushed._replace(count=pushed.count + self._push(state.node, used).count)
        folded = sum(a.folded for a in used)
        if folded:
            notes.append(
                f"{folded} bank row{'s' * (folded != 1)} held twice (imported here and there, or"
                " typed by hand too) kept once, with the edits of both copies"
            )
        restored = sum(a.folding.restored for a in used)
        if restored:
            notes.append(
                f"{restored} bank row{'s' * (restored != 1)} matched elsewhere to an expense"
                " another row stands for brought back as an expense of its own"
            )
        state = self.ledger.sync_state()
        self.replica.report_device(
            DeviceCursor(state.node, state.cursor, self._at(), self.device_name)
        )
        now = self.clock.now()
        notes += tidy(
            self.ledger, self.replica, self.snapshots, self.replica.meta(), now, self.kept
        )
        resolved = tuple(r for a in used for r in a.resolved)
        names = tuple((d.node, d.name) for d in self.replica.devices()) if resolved else ()
        return SyncReport(
            pushed=pushed.count,
            pulled=sum(a.entries for a in used),
            changed=sum(a.changed for a in used),
            uploaded=uploaded,
            resolved=resolved,
            skipped=tuple(s for a in used for s in a.skipped),
            notes=tuple(notes),
            names=names,
        )

    def _joined(self) -> SyncState:
        """The store's sync state, joined to this replica's user."""
        with self.ledger.transaction():
            state = self.ledger.sync_state()
            if state.user_id is not None and state.user_id != self.replica.user_id:
                raise OtherAccount(
                    "this store syncs with another account",
                    hint="sign in as that account, or keep this account's data in another SBP_HOME",
                )
            if not state.node:
                node = "".join(secrets.choice(NODE_ALPHABET) for _ in range(16))
                state = state._replace(node=node, user_id=self.replica.user_id)
                self.ledger.save_sync_state(state)
            return state

    def _check_currency(self) -> None:
        record = self.replica.record(Kind.SETTING, "base_currency")
        theirs = None if record is None else record.value("value")
        mine = self.ledger.setting("base_currency")
        if theirs is not None and mine is not None and theirs != mine:
            raise CurrencyMismatch(
                f"this store keeps its money in {mine}, but your other devices use {theirs}:"
                " sbp has no exchange rates, so nothing was synced",
                hint=f"sync a store that uses {theirs} (a new SBP_HOME starts empty and takes it)",
            )

    def _start(self, state: SyncState, meta: ReplicaMeta, upload: bool) -> tuple[SyncState, int]:
        """Switch sync on; with data to send, plan its upload (only when agreed to)."""
        count = StoreRecords(self.ledger).count()
        with self.ledger.transaction():
            state = self.ledger.sync_state()
            if count == 0:
                state = state._replace(enabled=True)
            elif not upload:
                raise UploadNeeded(
                    f"this store holds {count:,} records that are not in your account yet",
                    hint="run `sbp sync --upload` to upload them (once), then every device"
                    " syncs them",
                )
            else:
                clock = HybridClock(state.node, *state.clock)
                plan = {"mode": "merge"} if meta.head else {"mode": "load"}
                if not meta.head:
                    plan["load"] = new_ulid(self.clock.now())
                base = clock.stamp(self._now_ms())
                state = state._replace(
                    enabled=True, base_version=base, upload=json.dumps(plan), clock=clock.state
                )
            self.ledger.save_sync_state(state)
        return state, count

    def _catch_up(
        self, state: SyncState, meta: ReplicaMeta, behind: bool = False
    ) -> tuple[list[str], list[Applier]]:
        """Load the newest snapshot where it saves replaying the log (a new device) or where the
        log no longer goes back to this device's cursor (`behind`, or found so here)."""
        if meta.snapshot is None or state.cursor >= meta.snapshot_seq:
            return [], []
        behind = behind or state.cursor < meta.purged_through
        if state.cursor and not behind:
            return [], []
        behind = behind and bool(state.last_synced_at)  # a new device is not "behind"
        used = load_snapshot(
            self.ledger, self.snapshots, meta.snapshot, meta.snapshot_seq, self._applier(),
            self.progress, behind, self.kept,
        )  # fmt: skip
        if not behind:
            return [], used
        note = (
            "resynced from the latest snapshot (this device was away longer than the cloud"
            " keeps its log); its own changes were kept and pushed"
        )
        return [note], used

    def _push(self, node: str, used: list[Applier]) -> Pushed:
        """Push the outbox, folding the bank-row copies among each page that a pull left in
        place while they waited (`sbp.sync.folding`) as the page is dropped, so a sync that
        stops anywhere leaves none pushed and unfolded; their appliers are added to `used`."""

        def settle(import_keys: list[str]) -> None:
            used.append(fold_pushed(self.ledger, self._applier(), import_keys))

        return push(self.ledger, self.replica, node, self._at(), self.progress, settle)

    def _pull(self, head: int, mine: dict[tuple[Kind, str], frozenset[str]]) -> list[Applier]:
        used: list[Applier] = []
        while True:
            try:
                pages, stop = pull(
                    self.ledger, self.replica, self._applier(mine), self._now_ms, self.progress,
                    head,
                )  # fmt: skip
            except Behind:
                caught = self._catch_up(self.ledger.sync_state(), self.replica.meta(), True)[1]
                if not caught:
                    raise  # no snapshot reaches past the purge: nothing to resync from
                used += caught
                continue
            used += pages
            if stop is None:
                return used
            if stop.skew is not None:
                raise stop.skew
            if stop.snapshot is not None and stop.snapshot.snapshot is not None:
                used += load_snapshot(
                    self.ledger, self.snapshots, stop.snapshot.snapshot, stop.snapshot.seq,
                    self._applier(mine), self.progress,
                )  # fmt: skip

    def _applier(
        self, mine: dict[tuple[Kind, str], frozenset[str]] | None = None
    ) -> Callable[[str | None, HybridClock], Applier]:
        """What makes the applier of one page (given the store's base version, and the clock
        the page's transaction keeps)."""

        def make(base: str | None, clock: HybridClock) -> Applier:
            def observe(version: str) -> None:
                clock.observe(version, self._now_ms())

            return Applier(
                StoreRecords(self.ledger), base, self.replica.record, observe, mine, self._now_ms
            )

        return make

    def _remember(self, error: str | None) -> None:
        """Keep when the last sync ended well, or why it did not."""
        with self.ledger.transaction():
            state = self.ledger.sync_state()
            if not state.node:
                return
            if error is None:
                state = state._replace(last_synced_at=self._at(), last_error=None)
            else:
                state = state._replace(last_error=error[:500])
            self.ledger.save_sync_state(state)

    def _now_ms(self) -> int:
        return epoch_millis(self.clock.now())

    def _at(self) -> str:
        return self.clock.now().isoformat()


def _loading(state: SyncState) -> str | None:
    """The id of this store's own first upload into an empty replica, while it runs."""
    plan = json.loads(state.upload or "{}")
    return plan.get("load") if isinstance(plan, dict) else None
