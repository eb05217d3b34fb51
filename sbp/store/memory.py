"""An in-memory `Ledger`: a real adapter, used by the core and Planner tests for speed.

It passes the same contract suite as SQLite, so a test that passes on it means the same there.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime
from decimal import Decimal

from sbp.core.errors import Conflict, NotFound, StoreUnavailable
from sbp.core.ids import ulid_after
from sbp.core.importers.rows import ImportBatch, ImportedExpense
from sbp.core.model import Budget, CategoryTotal, Expense, ExpenseQuery, Notification, Rule
from sbp.core.money import to_minor
from sbp.core.periods import Month
from sbp.core.receipts import is_local
from sbp.core.sync.local import HeldRecord, OutboxRow, SyncState
from sbp.core.sync.records import Kind
from sbp.core.undo import UndoEntry
from sbp.store.memory_links import MemoryImportLinks
from sbp.store.memory_sync import MemorySyncTables
from sbp.store.query import matches, page_key, sort_key


@dataclass
class _State:
    expenses: dict[str, Expense] = field(default_factory=dict)
    budgets: dict[tuple[str, Month | None], Budget] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)
    learned: dict[str, str] = field(default_factory=dict)
    notifications: list[Notification] = field(default_factory=list)
    undo: list[UndoEntry] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)
    next_rule_id: int = 1
    batches: dict[str, ImportBatch] = field(default_factory=dict)
    sync: SyncState = field(default_factory=SyncState)
    versions: dict[tuple[Kind, str], HeldRecord] = field(default_factory=dict)
    outbox: list[OutboxRow] = field(default_factory=list)
    next_outbox: int = 1
    links: dict[str, str] = field(default_factory=dict)
    link_copies: dict[str, str] = field(default_factory=dict)

    def snapshot(self) -> _State:
        """A copy to roll back to: containers are copied, their frozen values shared."""
        return _State(**{f.name: copy.copy(getattr(self, f.name)) for f in fields(self)})


class MemoryLedger(MemorySyncTables, MemoryImportLinks):
    """Keeps everything in dicts; a failed transaction restores the state it started from."""

    def __init__(self) -> None:
        self._state = _State()
        self._depth = 0

    def reopened(self) -> MemoryLedger:
        return self

    def close(self) -> None:
        pass  # nothing to let go of: another reference may still be reading

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            yield
            return
        saved = self._state.snapshot()
        self._depth += 1
        try:
            yield
        except BaseException:
            self._state = saved
            raise
        finally:
            self._depth -= 1

    def add(self, expense: Expense) -> None:
        to_minor(expense.amount, expense.currency)  # refuse what SQLite could not store
        if expense.id in self._state.expenses:
            raise Conflict(f"an expense with id {expense.id} already exists")
        self._state.expenses[expense.id] = expense

    def replace(self, expense: Expense) -> None:
        to_minor(expense.amount, expense.currency)
        self.get(expense.id)
        self._state.expenses[expense.id] = expense

    def remove(self, expense_id: str) -> None:
        self.get(expense_id)
        del self._state.expenses[expense_id]

    def get(self, expense_id: str) -> Expense:
        try:
            return self._state.expenses[expense_id]
        except KeyError:
            raise NotFound(f"no expense with id {expense_id}") from None

    def ids_with_prefix(self, prefix: str, limit: int) -> Sequence[str]:
        found = sorted(i for i in self._state.expenses if i.startswith(prefix))
        return found[:limit]

    def local_receipt_count(self) -> int:
        return sum(is_local(e.receipt_key or "") for e in self._state.expenses.values())

    def ids_ending_with(self, suffix: str, limit: int) -> Sequence[str]:
        return sorted(i for i in self._state.expenses if i.endswith(suffix))[:limit]

    def query(self, query: ExpenseQuery) -> Sequence[Expense]:
        return list(self.iter_expenses(query))

    def iter_expenses(self, query: ExpenseQuery) -> Iterator[Expense]:
        found = sorted(
            (e for e in self._state.expenses.values() if matches(e, query)),
            key=sort_key,
            reverse=query.newest_first,
        )
        return iter(found if query.limit is None else found[: query.limit])

    def local_receipts(self, limit: int) -> Sequence[Expense]:
        found = sorted(
            (e for e in self._state.expenses.values() if is_local(e.receipt_key or "")),
            key=lambda e: e.id,
        )
        return found[:limit]

    def month_totals(self, month: Month) -> Sequence[CategoryTotal]:
        sums: dict[tuple[str, str], tuple[Decimal, int]] = {}
        for expense in self._state.expenses.values():
            if expense.month == month:
                key = (expense.category, expense.currency)
                spent, count = sums.get(key, (Decimal(0), 0))
                sums[key] = (spent + expense.amount, count + 1)
        return [CategoryTotal(c, cur, s, n) for (c, cur), (s, n) in sorted(sums.items())]

    def categories_in_use(self) -> Mapping[str, int]:
        counts: dict[str, int] = {}
        for expense in self._state.expenses.values():
            counts[expense.category] = counts.get(expense.category, 0) + 1
        return dict(sorted(counts.items()))

    def set_budget(self, budget: Budget) -> None:
        to_minor(budget.limit, budget.currency)
        self._state.budgets[(budget.category, budget.month)] = budget

    def remove_budget(self, category: str, month: Month | None) -> None:
        if self._state.budgets.pop((category, month), None) is None:
            raise NotFound(_no_budget(category, month))

    def budgets(self) -> Sequence[Budget]:
        return sorted(self._state.budgets.values(), key=lambda b: (b.category, str(b.month or "")))

    def add_rule(
        self,
        pattern: str,
        category: str,
        is_regex: bool,
        key: str | None = None,
        now: datetime | None = None,
    ) -> Rule:
        if key is None:
            last = max((rule.key for rule in self._state.rules), default="")
            key = ulid_after(last, now or datetime.now(UTC))
        rule = Rule(self._state.next_rule_id, pattern, category, is_regex, key)
        self._state.next_rule_id += 1
        self._state.rules.append(rule)
        return rule

    def rules(self) -> Sequence[Rule]:
        return sorted(self._state.rules, key=lambda rule: rule.key)

    def remove_rule(self, rule_id: int) -> Rule:
        for rule in self._state.rules:
            if rule.id == rule_id:
                self._state.rules.remove(rule)
                return rule
        raise NotFound(f"no rule #{rule_id}")

    def put_rule(self, rule: Rule) -> Rule:
        for n, held in enumerate(self._state.rules):
            if held.key == rule.key:
                stored = rule._replace(id=held.id)
                self._state.rules[n] = stored
                return stored
        return self.add_rule(rule.pattern, rule.category, rule.is_regex, rule.key)

    def remove_rule_key(self, key: str) -> bool:
        kept = [rule for rule in self._state.rules if rule.key != key]
        removed = len(kept) < len(self._state.rules)
        self._state.rules = kept
        return removed

    def learn(self, key: str, category: str) -> None:
        self._state.learned[key] = category

    def learned(self) -> Mapping[str, str]:
        return dict(self._state.learned)

    def forget(self, key: str) -> None:
        self._state.learned.pop(key, None)

    def record_notification(self, notification: Notification) -> bool:
        if any(n.dedupe_key == notification.dedupe_key for n in self._state.notifications):
            return False
        self._state.notifications.append(notification)
        return True

    def put_notification(self, notification: Notification) -> None:
        kept = [n for n in self._state.notifications if n.dedupe_key != notification.dedupe_key]
        self._state.notifications = [*kept, notification]

    def notifications(self, limit: int | None = None) -> Sequence[Notification]:
        newest = sorted(self._state.notifications, key=lambda n: n.id, reverse=True)
        return newest if limit is None else newest[:limit]

    def mark_notifications_read(self) -> int:
        unread = [n for n in self._state.notifications if not n.read]
        self._state.notifications = [n if n.read else _read(n) for n in self._state.notifications]
        return len(unread)

    def push_undo(self, entry: UndoEntry) -> None:
        self._state.undo.append(entry)

    def pop_undo(self) -> UndoEntry | None:
        return self._state.undo.pop() if self._state.undo else None

    def setting(self, key: str) -> str | None:
        return self._state.settings.get(key)

    def set_setting(self, key: str, value: str) -> None:
        self._state.settings[key] = value

    def page(self, query: ExpenseQuery, offset: int, order: str) -> Sequence[Expense]:
        found = sorted(
            (e for e in self._state.expenses.values() if matches(e, query)),
            key=page_key(order),
            reverse=query.newest_first,
        )
        end = None if query.limit is None else offset + query.limit
        return found[offset:end]

    def daily_totals(self, month: Month) -> Sequence[tuple[date, str, str, Decimal]]:
        sums: dict[tuple[date, str, str], Decimal] = {}
        for e in self._state.expenses.values():
            if e.month == month:
                key = (e.date, e.category, e.currency)
                sums[key] = sums.get(key, Decimal(0)) + e.amount
        return [(d, c, cur, s) for (d, c, cur), s in sorted(sums.items())]

    def outside_changes(self) -> int:
        return 0  # nothing outside this process can reach an in-memory store

    def damage(self) -> StoreUnavailable | None:
        return None  # memory is never damaged on disk

    def add_many(self, expenses: Sequence[ImportedExpense]) -> None:
        with self.transaction():
            for expense in expenses:
                self.add(expense.expense())

    def has_import_keys_starting(self, prefix: str) -> bool:
        return any(
            e.import_fingerprint is not None and e.import_fingerprint.startswith(prefix)
            for e in self._state.expenses.values()
        )

    def known_import_keys(self, keys: Sequence[str]) -> set[str]:
        wanted = set(keys)
        return {
            e.import_fingerprint
            for e in self._state.expenses.values()
            if e.import_fingerprint is not None and e.import_fingerprint in wanted
        }

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        return {expense_id for expense_id in ids if expense_id in self._state.expenses}

    def hand_entered(self, start: date, end: date) -> Sequence[Expense]:
        return [
            e
            for e in self._state.expenses.values()
            if e.import_fingerprint is None and start <= e.date <= end
        ]

    def save_import_batch(self, batch: ImportBatch) -> None:
        self._state.batches[batch.id] = batch

    def import_batches(self) -> Sequence[ImportBatch]:
        return sorted(self._state.batches.values(), key=lambda b: b.id, reverse=True)

    def batch_expense_ids(self, batch_id: str) -> Sequence[str]:
        return [i for i, e in self._state.expenses.items() if e.import_batch == batch_id]

    def remove_import_batch(self, batch_id: str) -> int:
        if self._state.batches.pop(batch_id, None) is None:
            raise NotFound(f"no import batch {batch_id}", hint="see `sbp import list`")
        doomed = [i for i, e in self._state.expenses.items() if e.import_batch == batch_id]
        for expense_id in doomed:
            del self._state.expenses[expense_id]
        return len(doomed)


def _read(notification: Notification) -> Notification:
    return notification._replace(read=True)


def _no_budget(category: str, month: Month | None) -> str:
    when = f"in {month}" if month else "for every month"
    return f"no budget for '{category}' {when}"
