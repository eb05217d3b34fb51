"""A copy of a bank row folded under a link that no longer stands, brought back.

A device folds a copy under a link while that link stands for its row (`sbp.sync.folding`).
It may stop standing later: another device matched the same expense typed by hand to another
row at the same time (of two links naming one expense only the smallest key's stands), or the
person said the row and the expense are two (`sbp import --force`, the link's tombstone). The
copy is then a real expense of its own, and whichever device sees that brings it back.

What it brings back is what the fold removed, nothing else: the link names the copy it folded
at the version of the copy's tombstone (one write), so a copy whose tombstone still carries
that version, here and in the cloud, is gone only because of the fold. A copy removed again
since (`sbp rm`, an undo), or brought back already, carries another version and is left alone.
The copy comes back as the cloud holds it (its fields, at their versions; a tombstone leaves
them in place), with only `deleted: false` written anew, newer than the tombstone: every
device that brings it back writes the same value, so all end alike whoever does it first.
A link that stands but names an expense the person removed brings nothing back: removing the
expense that stood for the row removed the row, as on one device. An outvoted link whose row
looks like another expense typed by hand that no link names is given that expense instead (the
copy stays folded, now under it): one row an expense, as an import would have matched it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta
from operator import attrgetter
from typing import TYPE_CHECKING

from sbp.core.errors import InvalidInput, NotFound
from sbp.core.fingerprint import FUZZY_DAYS, closest_match
from sbp.core.model import Expense
from sbp.core.sync import pulled
from sbp.core.sync.folding import COPY, EXPENSE
from sbp.core.sync.hlc import ClockSkew, HybridClock
from sbp.core.sync.local import HeldRecord, LocalEdit, field_version, versions_of
from sbp.core.sync.records import DELETED, Change, Kind, Stamped

if TYPE_CHECKING:
    from sbp.core.ports import Ledger

Fetch = Callable[[Kind, str], "Change | None"]
"""Reads a record's whole current state from the cloud."""


class Restorer:
    """Brings back the copies folded under links that stopped standing."""

    def __init__(self, ledger: Ledger, fetch: Fetch) -> None:
        self.ledger = ledger
        self.fetch = fetch

    def restore(self, keys: Sequence[str], now_ms: int) -> int:
        """For import keys whose link does not stand (outvoted or removed) and that have no
        live copy here: bring back the copy folded under the link; how many came back."""
        if not keys:
            return 0
        ledger = self.ledger
        base = ledger.sync_state().base_version or ""
        live = ledger.import_links(keys)
        known = ledger.held_records(Kind.LINK, keys)
        copies = dict(ledger.link_copies(sorted(live)))
        restored = 0
        for key in keys:
            held = known.get(key)
            if key not in live and (held is None or held.held is not None):
                continue  # never linked here, or known only in part
            copy_id = copies.get(key) if key in live else self._cloud_copy(key)
            if copy_id is None:
                continue
            folded_at = field_version(None if held is None else held.versions, COPY, base)
            restored += self._bring_back(key, copy_id, folded_at, now_ms, key in live)
        return restored

    def _cloud_copy(self, key: str) -> str | None:
        link = self.fetch(Kind.LINK, key)
        copy_id = None if link is None else link.value(COPY)
        return copy_id if isinstance(copy_id, str) else None

    def _bring_back(
        self, key: str, copy_id: str, folded_at: str, now_ms: int, outvoted: bool
    ) -> int:
        ledger = self.ledger
        try:
            ledger.get(copy_id)
            return 0  # live here already
        except NotFound:
            pass
        mine = ledger.held_records(Kind.EXPENSE, [copy_id]).get(copy_id)
        if mine is None or field_version(mine.versions, DELETED) != folded_at:
            return 0  # removed here since the fold (or never held): not the fold's doing
        cloud = self.fetch(Kind.EXPENSE, copy_id)
        if cloud is None or cloud.value("fingerprint") != key:
            return 0
        if field_version(versions_of(cloud), DELETED) > folded_at:
            return 0  # removed or brought back elsewhere since: that arrives with a pull
        fields = dict(cloud.fields)
        fields[DELETED] = Stamped(False, fields.get(DELETED, Stamped(False, "")).version)
        record = Change(Kind.EXPENSE, copy_id, fields)
        try:
            expense = pulled.expense_pulled(record)
            self._observe(cloud.newest, now_ms)
        except (InvalidInput, ClockSkew, ValueError):
            return 0
        other = self._typed_alike(expense) if outvoted else None
        if other is not None:  # another expense typed by hand, named by no link, stands for it
            ledger.put_import_link(key, other)
            ledger.record_changes([LocalEdit(Kind.LINK, key, frozenset({EXPENSE}))], now_ms)
            return 0
        ledger.add(expense)
        ledger.hold_records(Kind.EXPENSE, {copy_id: HeldRecord(versions_of(cloud))})
        ledger.record_changes([LocalEdit(Kind.EXPENSE, copy_id, frozenset({DELETED}))], now_ms)
        return 1

    def _typed_alike(self, expense: Expense) -> str | None:
        """The expense typed by hand (the smallest id) that a link naming nothing else could
        give the row to, as an import would match it: two coffees typed by hand and two rows
        matched to the first at once end one row each, not three expenses."""
        margin = timedelta(days=FUZZY_DAYS)
        near = self.ledger.hand_entered(expense.date - margin, expense.date + margin)
        typed = sorted(
            (e for e in near if (e.amount, e.currency) == (expense.amount, expense.currency)),
            key=attrgetter("id"),
        )
        named = set(self.ledger.links_naming([e.id for e in typed]).values())
        free = [e for e in typed if e.id not in named]
        day, amount, currency = expense.date, expense.amount, expense.currency
        return closest_match(day, amount, currency, expense.description, free)

    def _observe(self, version: str, now_ms: int) -> None:
        """Move the store's clock past a version read from the cloud, so the write that
        brings the copy back is newer than its tombstone there."""
        state = self.ledger.sync_state()
        clock = HybridClock(state.node, *state.clock)
        clock.observe(version, now_ms)
        self.ledger.save_sync_state(state._replace(clock=clock.state))
