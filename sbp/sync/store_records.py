"""The store's records seen as synced records: each one's field values, read by kind and key
or all at once, and a merged record written back into the store's own tables.

Reads and writes go through the `Ledger` port only, so the aggregates stay right (the store
keeps them with each expense write) and the memory and SQLite stores sync alike. Writes here
are never recorded for a push: they come from the cloud.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING

from sbp.core.errors import NotFound
from sbp.core.model import ExpenseQuery
from sbp.core.periods import Month
from sbp.core.sync import pulled
from sbp.core.sync.codec import (
    budget_key,
    budget_record,
    correction_record,
    expense_fields,
    notification_record,
    rule_record,
    setting_record,
)
from sbp.core.sync.folding import link_record
from sbp.core.sync.local import records_held
from sbp.core.sync.records import SYNCED_SETTINGS, Change, Kind, Value

if TYPE_CHECKING:
    from sbp.core.ports import Ledger

Values = dict[str, Value]


def plain(record: Change) -> Values:
    """A record's values without their versions."""
    return {name: stamped.value for name, stamped in record.fields.items()}


class StoreRecords:
    """One store's records by kind and key; small kinds are read once and kept until written."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self._kept: dict[Kind, dict[str, Values]] = {}

    def values(self, kind: Kind, key: str) -> Values | None:
        """The live record's values, or None when the store does not hold it."""
        if kind is Kind.EXPENSE:
            try:
                return expense_fields(self.ledger.get(key))
            except NotFound:
                return None
        return self._small(kind).get(key)

    def every(self, kind: Kind) -> Iterator[tuple[str, Values]]:
        """Every live record of a kind (expenses by date, then id)."""
        if kind is Kind.EXPENSE:
            query = ExpenseQuery(newest_first=False)
            yield from ((e.id, expense_fields(e)) for e in self.ledger.iter_expenses(query))
        else:
            yield from sorted(self._small(kind).items())

    def count(self) -> int:
        """How many records the store holds (expenses counted from the month totals)."""
        return records_held(self.ledger)

    def write(self, record: Change) -> None:
        """Store a whole, live record as its kind's tables keep it; InvalidInput when the
        store cannot keep it as it is."""
        self._kept.pop(record.kind, None)
        WRITERS[record.kind](self, record)

    def delete(self, kind: Kind, key: str) -> None:
        """Remove a record from the store, if it holds it."""
        if self.values(kind, key) is None:
            return
        self._kept.pop(kind, None)
        if kind is Kind.EXPENSE:
            self.ledger.remove(key)
        elif kind is Kind.BUDGET:
            category, _, month = key.rpartition("#")
            self.ledger.remove_budget(category, None if month == "*" else Month.parse(month))
        elif kind is Kind.RULE:
            self.ledger.remove_rule_key(key)
        elif kind is Kind.CORRECTION:
            self.ledger.forget(key)
        elif kind is Kind.LINK:
            self.ledger.remove_import_link(key)
        # alerts and settings are never deleted, only changed

    def _small(self, kind: Kind) -> dict[str, Values]:
        if kind not in self._kept:
            self._kept[kind] = dict(READERS[kind](self.ledger))
        return self._kept[kind]

    # writers ------------------------------------------------------------------------------
    def _expense(self, record: Change) -> None:
        expense = pulled.expense_pulled(record)
        try:
            self.ledger.replace(expense)
        except NotFound:
            self.ledger.add(expense)

    def _budget(self, record: Change) -> None:
        self.ledger.set_budget(pulled.budget_pulled(record))

    def _rule(self, record: Change) -> None:
        self.ledger.put_rule(pulled.rule_pulled(record))

    def _correction(self, record: Change) -> None:
        self.ledger.learn(record.key, pulled.correction_pulled(record))

    def _notification(self, record: Change) -> None:
        self.ledger.put_notification(pulled.notification_pulled(record))

    def _link(self, record: Change) -> None:
        expense_id, copy_id = pulled.link_pulled(record)
        self.ledger.put_import_link(record.key, expense_id)
        if copy_id is not None:
            self.ledger.set_link_copy(record.key, copy_id)

    def _setting(self, record: Change) -> None:
        if record.key in SYNCED_SETTINGS:
            self.ledger.set_setting(record.key, str(record.value("value")))


def _budgets(ledger: Ledger) -> Iterator[tuple[str, Values]]:
    for budget in ledger.budgets():
        yield budget_key(budget.category, budget.month), plain(budget_record(budget, ""))


def _rules(ledger: Ledger) -> Iterator[tuple[str, Values]]:
    for rule in ledger.rules():
        yield rule.key, plain(rule_record(rule.key, rule, ""))


def _corrections(ledger: Ledger) -> Iterator[tuple[str, Values]]:
    for key, category in ledger.learned().items():
        yield key, plain(correction_record(key, category, ""))


def _notifications(ledger: Ledger) -> Iterator[tuple[str, Values]]:
    for alert in ledger.notifications():
        yield alert.dedupe_key, plain(notification_record(alert, ""))


def _links(ledger: Ledger) -> Iterator[tuple[str, Values]]:
    links = ledger.import_links()
    copies = ledger.link_copies(sorted(links))
    for key, expense_id in sorted(links.items()):
        yield key, plain(link_record(key, expense_id, "", copies.get(key)))


def _settings(ledger: Ledger) -> Iterator[tuple[str, Values]]:
    for name in SYNCED_SETTINGS:
        value = ledger.setting(name)
        if value is not None:
            yield name, plain(setting_record(name, value, ""))


READERS: Mapping[Kind, Callable[[Ledger], Iterator[tuple[str, Values]]]] = {
    Kind.BUDGET: _budgets,
    Kind.RULE: _rules,
    Kind.CORRECTION: _corrections,
    Kind.NOTIFICATION: _notifications,
    Kind.SETTING: _settings,
    Kind.LINK: _links,
}
WRITERS: Mapping[Kind, Callable[[StoreRecords, Change], None]] = {
    Kind.EXPENSE: StoreRecords._expense,
    Kind.BUDGET: StoreRecords._budget,
    Kind.RULE: StoreRecords._rule,
    Kind.CORRECTION: StoreRecords._correction,
    Kind.NOTIFICATION: StoreRecords._notification,
    Kind.SETTING: StoreRecords._setting,
    Kind.LINK: StoreRecords._link,
}
