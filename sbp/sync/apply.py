"""A change pulled from the cloud, merged into the store field by field.

For each field the newer version wins (`sbp.core.sync.local.winners`); the record as merged is
written into the store's own tables, removed when it is a tombstone, or, when the store holds
too little of it to show (the cloud has only part of it), kept aside with its versions until
the rest arrives. The caller holds the transaction: a page of changes, its cursor and the clock
commit together.
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each string annotation
# of its fields when the class is made, which costs every run of sbp start-up time.

from collections.abc import Callable, Mapping
from typing import NamedTuple

from sbp.core.errors import InvalidInput
from sbp.core.printable import shown
from sbp.core.sync.local import EVERY_FIELD, HeldRecord, Winners, field_version, winners
from sbp.core.sync.pulled import is_whole
from sbp.core.sync.records import DELETED, Change, Kind, Stamped
from sbp.sync.folding import Folding
from sbp.sync.store_records import StoreRecords, Values, plain

Fetch = Callable[[Kind, str], "Change | None"]
"""Reads a record's whole current state from the cloud (for a record the store lacks)."""
Observe = Callable[[str], None]
"""Moves the store's clock past a version it takes in (raising ClockSkew if too far ahead)."""


class Resolved(NamedTuple):
    """A field this device changed that another writer changed too, and whose edit stayed."""

    kind: Kind
    key: str
    fields: frozenset[str]
    kept_theirs: bool
    origin: str
    what: str


class Applier:
    """Merges pulled changes into one store; counts what it changed, resolved and left out."""

    def __init__(
        self,
        records: StoreRecords,
        base: str | None,
        fetch: Fetch,
        observe: Observe,
        mine: Mapping[tuple[Kind, str], frozenset[str]] | None = None,
        now_ms: Callable[[], int] | None = None,
    ) -> None:
        self.records = records
        self.now_ms = now_ms or _no_clock
        self.base = base or ""
        self.fetch = fetch
        self.observe = observe
        self.mine = mine or {}
        self.changed = 0
        self.entries = 0  # log entries of other writers this applier merged
        self.resolved: list[Resolved] = []
        self.skipped: list[str] = []
        self.folding = Folding(records.ledger, fetch)
        self.folded = 0  # copies of a bank row folded into another copy

    def apply(self, change: Change, origin: str) -> None:
        """Merge one change (a log entry's, or a snapshot's record) into the store."""
        try:
            self.observe(change.newest)  # every version taken in moves the clock past it
        except ValueError:
            self.skipped.append(
                f"{change.kind.value} {shown(change.key)}: its version cannot be read"
            )
            return
        ledger = self.records.ledger
        held = ledger.held_records(change.kind, [change.key]).get(change.key)
        current = self.records.values(change.kind, change.key)
        base = self.base if held is None and current is not None else ""
        won = winners(None if held is None else held.versions, base, change)
        self._resolve(change, won, current, origin)
        if not won.fields:
            return
        deletes = won.fields.get(DELETED, _KEPT).value is True
        if change.kind is Kind.EXPENSE and current is not None and deletes:
            self.folding.leaving(change.key, current, held)
        values = _known(current, held)
        values.update((name, stamped.value) for name, stamped in won.fields.items())
        self._settle(change.kind, change.key, values, won.versions, current is not None)
        self.folding.noted(change.kind, change.key, values, held is None and current is None)

    def settle(self) -> None:
        """Fold the copies of a bank row this page brought together (`sbp.sync.folding`);
        the caller has saved the page's clock, and holds its transaction."""
        self.folded += self.folding.settle(self.now_ms())

    def _settle(
        self, kind: Kind, key: str, values: Values, versions: dict[str, str], present: bool
    ) -> None:
        record = _stamped(kind, key, values, versions)
        if not record.deleted and not is_whole(record):
            record, versions = self._completed(record, versions)
        ledger = self.records.ledger
        if record.deleted:
            self.records.delete(kind, key)
            ledger.hold_records(kind, {key: HeldRecord(versions)})
            self.changed += present
            return
        if not is_whole(record):  # the cloud holds only part of it: kept aside until whole
            ledger.hold_records(kind, {key: HeldRecord(versions, dict(record.fields))})
            return
        try:
            self.records.write(record)
        except InvalidInput as exc:
            self.skipped.append(str(exc))
            return
        plain_row = self.base and versions == {EVERY_FIELD: self.base}
        ledger.hold_records(kind, {key: None if plain_row else HeldRecord(versions)})
        self.changed += 1

    def _completed(self, record: Change, versions: dict[str, str]) -> tuple[Change, dict[str, str]]:
        """The record with what the cloud holds of it merged in."""
        whole = self.fetch(record.kind, record.key)
        if whole is None:
            return record, versions
        self.observe(whole.newest)
        won: Winners = winners(versions, "", whole)
        values = {**plain(record), **{n: s.value for n, s in won.fields.items()}}
        for name, stamped in whole.fields.items():  # a write seen here whose value a
            if name not in values and stamped.version == field_version(versions, name):
                values[name] = stamped.value  # tombstone dropped (a copy brought back)
        versions = won.versions or versions
        return _stamped(record.kind, record.key, values, versions), versions

    def _resolve(self, change: Change, won: Winners, current: Values | None, origin: str) -> None:
        """Note a field this device pushed in this sync that the change also sets."""
        pushed = self.mine.get((change.kind, change.key))
        if not pushed:
            return
        both = frozenset(change.fields) & pushed - {"updated"}
        if not both:
            return
        theirs = bool(both & won.fields.keys())
        what = describe(change.kind, change.key, current or plain(change))
        self.resolved.append(Resolved(change.kind, change.key, both, theirs, origin, what))


_KEPT = Stamped(False, "")


def _no_clock() -> int:
    raise RuntimeError("this applier was given no clock to fold copies with")


def _stamped(kind: Kind, key: str, values: Values, versions: dict[str, str]) -> Change:
    return Change(kind, key, {n: Stamped(v, field_version(versions, n)) for n, v in values.items()})


def _known(current: Values | None, held: HeldRecord | None) -> Values:
    """What the store knows of a record's values: all of them when it holds the record, the
    part kept aside, or only that it is deleted (its versions kept, its values gone)."""
    if current is not None:
        return dict(current)
    if held is None:
        return {}
    if held.held is not None:
        return {name: stamped.value for name, stamped in held.held.items()}
    return {DELETED: True}


def describe(kind: Kind, key: str, values: Values) -> str:
    """A record in a few words, as a person knows it."""
    if kind is Kind.EXPENSE:
        return f"{key[-6:]} {values.get('description') or ''}".strip()
    if kind is Kind.BUDGET:
        return f"the {key.replace('#*', '').replace('#', ' ')} budget"
    if kind is Kind.RULE:
        return f"the rule '{values.get('pattern') or key}'"
    if kind is Kind.CORRECTION:
        return f"what sbp learned about '{key}'"
    if kind is Kind.NOTIFICATION:
        return f"the alert {key}"
    if kind is Kind.LINK:
        return f"the link of bank row {key}"
    return f"the setting {key}"
