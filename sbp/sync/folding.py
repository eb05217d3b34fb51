"""Copies of one bank row met while pulled changes are applied, folded into one expense.

The rules are `sbp.core.sync.folding`'s. While a page of changes (a page of the log, or a batch
of a snapshot) is applied, this notes the import keys it touched: a link, an expense with that
key, an expense a link names. An expense new to this store is also matched as this device's
own import would have matched it (`sbp.sync.row_matching`), and the match is linked: that is
how the order "imported elsewhere first, typed by hand here" ends like the other one.

Then, once the page is in (its clock has seen every version in it), `settle` folds each touched
key's copies into its keeper, inside the page's transaction. Its writes are local ones, kept in
the outbox: the sync pushes them before it ends, and a device that folds the same copies writes
the same fields (the deletions' versions aside, and deleted is deleted).

A copy with a write of its own still waiting in the outbox is not folded by a pull: the push
reads what it sends from the store, so a copy removed first would reach the cloud as its
tombstone alone, and if its match lost later no device could bring it back (a device's first
sync loads a snapshot before it pushes; another sbp may import while a sync pulls). Once the
sync has pushed it, `fold_pushed` settles the import keys of the expenses it pushed, in the
transaction that drops them from the outbox.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from sbp.core.errors import NotFound
from sbp.core.sync.codec import expense_fields, expense_of
from sbp.core.sync.folding import COPY, carried, fold_plan, in_force
from sbp.core.sync.hlc import HybridClock
from sbp.core.sync.local import HeldRecord, LocalEdit, Versions
from sbp.core.sync.records import DELETED, Kind, Value, stamp_all
from sbp.sync.restoring import Restorer
from sbp.sync.row_matching import RowMatcher

if TYPE_CHECKING:
    from sbp.core.ports import Ledger
    from sbp.sync.apply import Applier
    from sbp.sync.restoring import Fetch


def fold_pushed(
    ledger: Ledger, page: Callable[[str | None, HybridClock], Applier], import_keys: Iterable[str]
) -> Applier:
    """Settle the import keys of the expenses a push just sent, in the transaction that drops
    them from the outbox (`sbp.sync.push`), so no crash leaves one sent and never settled: the
    copies a pull left in place while they waited there fold now; the applier used."""
    state = ledger.sync_state()
    applier = page(state.base_version, HybridClock(state.node, *state.clock))
    applier.folding.touched(import_keys)
    applier.settle()
    return applier


class Folding:
    """The copies one page of pulled changes brought together, and their folding."""

    def __init__(self, ledger: Ledger, fetch: Fetch) -> None:
        self.ledger = ledger
        self.folded = 0
        self.restored = 0
        self._restorer = Restorer(ledger, fetch)
        self._keys: set[str] = set()
        self._by_hand: set[str] = set()  # expenses without an import key the page touched
        self._matcher = RowMatcher(ledger)
        self._leaving: dict[str, tuple[str, dict[str, Value], HeldRecord | None]] = {}

    def noted(self, kind: Kind, key: str, values: Mapping[str, Value], fresh: bool) -> None:
        """A record the page wrote (`values` as merged; `fresh`: never held here before)."""
        if kind is Kind.LINK:
            self._keys.add(key)
            return
        if kind is not Kind.EXPENSE:
            return
        import_key = values.get("fingerprint")
        if not isinstance(import_key, str) or not import_key:
            self._by_hand.add(key)
        elif not values.get(DELETED):
            self._keys.add(import_key)
        if fresh and not values.get(DELETED):
            self._matcher.arrived(key, values)

    def leaving(
        self, expense_id: str, values: Mapping[str, Value], held: HeldRecord | None
    ) -> None:
        """A live expense the page is about to delete, as it stands: when another device folded
        it away, what it was edited with here goes to its keeper."""
        import_key = values.get("fingerprint")
        if isinstance(import_key, str) and import_key:
            self._leaving[expense_id] = (import_key, dict(values), held)
            self._keys.add(import_key)

    def settle(self, now_ms: int) -> int:
        """Link the matches and fold every touched key's copies; how many copies went."""
        ledger = self.ledger
        for import_key, expense_id in self._matcher.links().items():
            ledger.put_import_link(import_key, expense_id)
            ledger.record_changes([LocalEdit(Kind.LINK, import_key)], now_ms)
            self._keys.add(import_key)
        if self._by_hand:
            self._keys.update(ledger.links_naming(sorted(self._by_hand)))
        held = ledger.import_links(sorted(self._keys))  # and every link naming their expenses:
        self._keys.update(ledger.links_naming(sorted(set(held.values()))))  # one may lose now
        keys = sorted(self._keys)
        links = in_force(ledger.import_links(keys), ledger)
        copies = ledger.ids_by_import_key(keys)
        live = ledger.existing_ids(sorted(set(links.values())))
        keepers = {key: linked for key, linked in links.items() if linked in live}
        before = self.folded
        for copy_id, (import_key, values, was) in self._leaving.items():
            kept = copies.get(import_key, ())
            keeper = fold_plan([*kept, copy_id], keepers.get(import_key))[0]
            if keeper is not None and keeper != copy_id:
                self._carry(values, None if was is None else was.versions, keeper)
        plans = {key: fold_plan(copies.get(key, ()), keepers.get(key)) for key in keys}
        going_ids = [copy_id for _, going in plans.values() for copy_id in going]
        # copies with a write waiting in the outbox, asked of the store for just these (this
        # runs in the page's write transaction, however long the outbox)
        unpushed = self.ledger.queued_keys(Kind.EXPENSE, going_ids) if going_ids else frozenset()
        for import_key, (keeper, going) in plans.items():
            if unpushed.intersection(going):
                continue  # folded once the cloud holds every copy as it stands here
            linked = keepers.get(import_key)
            for copy_id in going:
                self._fold(copy_id, keeper, now_ms, import_key if keeper == linked else None)
        unfolded = [key for key in keys if key not in links and not copies.get(key)]
        self.restored += self._restorer.restore(unfolded, now_ms)
        self._leaving.clear()
        self._keys.clear()
        self._by_hand.clear()
        return self.folded - before

    def touched(self, import_keys: Iterable[str]) -> None:
        """Import keys to settle that no pulled change named (their copies were just pushed)."""
        self._keys.update(import_keys)

    def _fold(self, copy_id: str, keeper_id: str | None, now_ms: int, link: str | None) -> None:
        """Remove a copy, giving its keeper its edits; under a link (`link`: its key), the
        link names the copy, at the version of the copy's tombstone."""
        ledger = self.ledger
        try:
            copy = ledger.get(copy_id)
        except NotFound:
            return
        if keeper_id is not None:
            found = ledger.held_records(Kind.EXPENSE, [copy_id]).get(copy_id)
            self._carry(expense_fields(copy), None if found is None else found.versions, keeper_id)
        ledger.remove(copy_id)
        edits = [LocalEdit(Kind.EXPENSE, copy_id, frozenset({DELETED}))]
        if link is not None:
            ledger.set_link_copy(link, copy_id)
            edits.append(LocalEdit(Kind.LINK, link, frozenset({COPY})))
        ledger.record_changes(edits, now_ms)  # one version for both
        self.folded += 1

    def _carry(
        self, theirs: Mapping[str, Value], versions: Versions | None, keeper_id: str
    ) -> None:
        """Give the keeper what a copy (its values and versions) edited after it was made, at
        the edits' versions."""
        ledger = self.ledger
        try:
            keeper = ledger.get(keeper_id)
        except NotFound:  # not live: fold_plan never makes such an expense the keeper
            return
        base = ledger.sync_state().base_version or ""
        found = ledger.held_records(Kind.EXPENSE, [keeper_id]).get(keeper_id)
        mine = expense_fields(keeper)
        gives = carried(versions, None if found is None else found.versions, base, (theirs, mine))
        if not gives:
            return
        merged = {**mine, **{name: theirs[name] for name in gives}}
        made = expense_of(stamp_all(Kind.EXPENSE, keeper_id, merged, ""))
        if made is not None:
            ledger.replace(made)
            ledger.record_versions(Kind.EXPENSE, keeper_id, gives)
