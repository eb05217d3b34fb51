"""The ports: what the core and the Planner need from the outside world, as Protocols.

`Ledger` is where everything a person records is kept. Every adapter (memory, SQLite, later
DynamoDB) passes the same contract suite in `tests/contract`, so they mean the same thing.
`Replica` is one user's data in the cloud, kept by the memory and DynamoDB adapters.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from sbp.core.errors import StoreUnavailable
from sbp.core.model import Budget, CategoryTotal, Expense, ExpenseQuery, Notification, Rule
from sbp.core.periods import Month
from sbp.core.undo import UndoEntry

if TYPE_CHECKING:  # annotations only: keeps the importers and sync off every command's start-up
    from sbp.core.importers.rows import ImportBatch, ImportedExpense
    from sbp.core.sync.local import HeldRecord, LocalEdit, OutboxRow, SyncState
    from sbp.core.sync.log import Commit, LogEntry
    from sbp.core.sync.records import Change, Kind


class Clock(Protocol):
    """Where the Planner gets the time; tests pin it."""

    def now(self) -> datetime:
        """The current instant, timezone-aware."""
        ...

    def today(self) -> date:
        """The person's current calendar day."""
        ...


class Notices(Protocol):
    """Where a store tells the person about slow work it does for them (upgrading its file,
    checking it, waiting for another sbp's import): one line that changes, then goes."""

    def show(self, what: str, progress: str = "") -> None:
        """Say what is happening (the same `what` until it is done) and how far it got."""
        ...

    def clear(self) -> None:
        """The slow work is over."""
        ...


class Ledger(Protocol):
    """Expenses, budgets, rules, corrections, notifications and the undo journal.

    Writes made inside `transaction()` are applied together or not at all. Monthly aggregates are
    kept up to date by the ledger itself as part of each expense write.
    """

    def transaction(self) -> AbstractContextManager[None]:
        """Group the writes inside into one atomic unit."""
        ...

    def reopened(self) -> Ledger:
        """The same store through a connection of its own, made on the calling thread, for
        work on a thread other than this ledger's (an SQLite connection belongs to the thread
        that made it); a store with no connection (in memory) is itself."""
        ...

    def close(self) -> None:
        """Let go of the store's connection, on the thread that made it; nothing is read or
        written through this ledger after."""
        ...

    # expenses
    def add(self, expense: Expense) -> None:
        """Store a new expense; Conflict if its id exists."""
        ...

    def replace(self, expense: Expense) -> None:
        """Overwrite the stored expense with the same id; NotFound if there is none."""
        ...

    def remove(self, expense_id: str) -> None:
        """Delete an expense; NotFound if there is none."""
        ...

    def get(self, expense_id: str) -> Expense:
        """The expense with this exact id; NotFound if there is none."""
        ...

    def ids_with_prefix(self, prefix: str, limit: int) -> Sequence[str]:
        """Up to `limit` ids starting with an upper-case prefix, in order."""
        ...

    def ids_ending_with(self, suffix: str, limit: int) -> Sequence[str]:
        """Up to `limit` ids ending with an upper-case suffix (a handle), in order."""
        ...

    def query(self, query: ExpenseQuery) -> Sequence[Expense]:
        """Expenses matching every field of the query, by date."""
        ...

    def iter_expenses(self, query: ExpenseQuery) -> Iterator[Expense]:
        """Like `query`, streamed, for exports and reports over large ranges."""
        ...

    def month_totals(self, month: Month) -> Sequence[CategoryTotal]:
        """The month's aggregates: spending per category and currency."""
        ...

    def local_receipts(self, limit: int) -> Sequence[Expense]:
        """Up to `limit` expenses whose receipt is kept on this device only (a `local:` key),
        by id: the receipts a signed-in device still has to upload."""
        ...

    def local_receipt_count(self) -> int:
        """How many expenses have a receipt kept on this device only (one indexed count)."""
        ...

    def categories_in_use(self) -> Mapping[str, int]:
        """Every category that holds expenses, with how many."""
        ...

    # budgets
    def set_budget(self, budget: Budget) -> None:
        """Create or replace the budget for (category, month)."""
        ...

    def remove_budget(self, category: str, month: Month | None) -> None:
        """Delete one budget; NotFound if there is none."""
        ...

    def budgets(self) -> Sequence[Budget]:
        """Every budget, every-month ones and month-specific ones."""
        ...

    # rules and the memory of corrections
    def add_rule(
        self,
        pattern: str,
        category: str,
        is_regex: bool,
        key: str | None = None,
        now: datetime | None = None,
    ) -> Rule:
        """Append a rule after the existing ones; `key` names it on every device (when not
        given, a ULID made at `now`, the planner's clock, or else the system's), and rules are
        tried in the order of their keys."""
        ...

    def rules(self) -> Sequence[Rule]:
        """The rules in the order they are tried (by key)."""
        ...

    def remove_rule(self, rule_id: int) -> Rule:
        """Delete a rule and return it; NotFound if there is none."""
        ...

    def learn(self, key: str, category: str) -> None:
        """Remember that descriptions with this key belong in `category`."""
        ...

    def learned(self) -> Mapping[str, str]:
        """Every remembered correction, key to category."""
        ...

    def forget(self, key: str) -> None:
        """Drop a remembered correction (undoing the edit that taught it); absent is fine."""
        ...

    # notifications
    def record_notification(self, notification: Notification) -> bool:
        """Store an alert unless its dedupe key is known; True if it was new."""
        ...

    def notifications(self, limit: int | None = None) -> Sequence[Notification]:
        """Alerts, newest first."""
        ...

    def mark_notifications_read(self) -> int:
        """Mark every alert read; how many were unread."""
        ...

    # undo journal and settings
    def push_undo(self, entry: UndoEntry) -> None:
        """Record a change that `pop_undo` can later hand back."""
        ...

    def pop_undo(self) -> UndoEntry | None:
        """Take the newest change off the journal, or None when it is empty. A store that
        several terminals share keeps a journal per terminal session and hands back only the
        changes of the session it was opened for."""
        ...

    def setting(self, key: str) -> str | None:
        """A value the store keeps about itself (its base currency, say)."""
        ...

    def set_setting(self, key: str, value: str) -> None:
        """Keep a value about the store."""
        ...

    # paging and change detection, for front ends that stay open (the TUI)
    def page(self, query: ExpenseQuery, offset: int, order: str) -> Sequence[Expense]:
        """One page (`query.limit` rows after `offset`) sorted by `order` (date, amount,
        description or category; then date and id), descending when `query.newest_first`."""
        ...

    def daily_totals(self, month: Month) -> Sequence[tuple[date, str, str, Decimal]]:
        """The month's spending per (day, category, currency), by day."""
        ...

    def outside_changes(self) -> int:
        """A number that changes whenever another process has written to the store."""
        ...

    def damage(self) -> StoreUnavailable | None:
        """Why a damaged store refuses writes, with what reads of it had to leave out; None
        when the store is sound."""
        ...

    # imports: bulk writes, duplicate lookups by key, and batches
    def add_many(self, expenses: Sequence[ImportedExpense]) -> None:
        """Store many new imported expenses at once (an import chunk), each with its share of
        the totals; Conflict, and nothing stored, if an id exists."""
        ...

    def known_import_keys(self, keys: Sequence[str]) -> set[str]:
        """Which of these import fingerprints are already stored (an indexed lookup)."""
        ...

    def has_import_keys_starting(self, prefix: str) -> bool:
        """Whether any stored import fingerprint starts with `prefix` (one indexed probe)."""
        ...

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of these expense ids are already stored (sbp's own exports bring ids back)."""
        ...

    def hand_entered(self, start: date, end: date) -> Sequence[Expense]:
        """Expenses between two days that were not imported (no fingerprint)."""
        ...

    def save_import_batch(self, batch: ImportBatch) -> None:
        """Create or update the record of an import batch."""
        ...

    def import_batches(self) -> Sequence[ImportBatch]:
        """Every import batch, newest first."""
        ...

    def remove_import_batch(self, batch_id: str) -> int:
        """Delete a batch and every expense it added; how many expenses. NotFound if none."""
        ...

    def batch_expense_ids(self, batch_id: str) -> Sequence[str]:
        """The ids of the expenses an import batch added that are still stored."""
        ...

    # import links: which hand-typed expense stands for a bank row (sbp.core.sync.folding)
    def import_links(self, keys: Sequence[str] | None = None) -> Mapping[str, str]:
        """Import key to the expense that stands for its row, for `keys` (None: every link)."""
        ...

    def links_naming(self, expense_ids: Sequence[str]) -> Mapping[str, str]:
        """The links (import key to expense) that name any of these expenses."""
        ...

    def put_import_link(self, key: str, expense_id: str) -> None:
        """Link an import key to an expense (replacing the key's link)."""
        ...

    def remove_import_link(self, key: str) -> None:
        """Forget an import key's link, if it has one."""
        ...

    def link_copies(self, keys: Sequence[str]) -> Mapping[str, str]:
        """Import key to the copy of its row last folded under its link, for these keys (a
        link that folded nothing is left out)."""
        ...

    def set_link_copy(self, key: str, copy_id: str) -> None:
        """Note the copy folded under an import key's link (kept while the link is)."""
        ...

    def ids_by_import_key(self, keys: Sequence[str]) -> Mapping[str, Sequence[str]]:
        """The ids of the stored expenses with each of these import keys, in order (a key
        no expense has is left out)."""
        ...

    # sync: what this device keeps about a user's replica (see sbp.core.sync.local)
    def record_changes(self, edits: Sequence[LocalEdit], now_ms: int) -> None:
        """Stamp local writes with the store's clock, keep their versions and queue them for
        the next push, inside the caller's transaction; nothing at all while sync is off."""
        ...

    def sync_state(self) -> SyncState:
        """The store's sync state (the defaults when it never joined a replica)."""
        ...

    def save_sync_state(self, state: SyncState) -> None:
        """Replace the store's sync state."""
        ...

    def held_records(self, kind: Kind, keys: Sequence[str]) -> Mapping[str, HeldRecord]:
        """The versions kept for these records, by key (records without a row are left out)."""
        ...

    def hold_records(self, kind: Kind, records: Mapping[str, HeldRecord | None]) -> None:
        """Replace the versions kept for these records (None forgets a record's row)."""
        ...

    def record_versions(self, kind: Kind, key: str, versions: Mapping[str, str]) -> None:
        """Keep fields of a record as written at the versions given rather than stamped anew
        (an edit carried from one copy of an expense to the other keeps its version), and
        queue them for the next push; nothing while sync is off."""
        ...

    def outbox(self, after: int, limit: int) -> Sequence[OutboxRow]:
        """Up to `limit` queued writes numbered above `after`, oldest first."""
        ...

    def drop_outbox(self, through: int) -> None:
        """Forget the queued writes numbered up to `through` (they were pushed)."""
        ...

    def restamp_outbox(self, versions: Mapping[int, str]) -> None:
        """Give queued writes (by number) new versions (a clock that ran ahead, corrected)."""
        ...

    def outbox_size(self) -> int:
        """How many writes wait to be pushed."""
        ...

    def queued_keys(self, kind: Kind, keys: Sequence[str]) -> frozenset[str]:
        """Those of these records of `kind` with a write waiting in the outbox."""
        ...

    def put_rule(self, rule: Rule) -> Rule:
        """Store a rule by its key (replacing the one with that key); the rule as stored."""
        ...

    def remove_rule_key(self, key: str) -> bool:
        """Delete the rule with this key; whether there was one."""
        ...

    def put_notification(self, notification: Notification) -> None:
        """Store an alert by its dedupe key, replacing the one with that key."""
        ...


class Replica(Protocol):
    """One user's data in the cloud: the current records and the numbered log of their changes.

    Every write is a `commit`, which merges the changes into the records and appends them to the
    log in one atomic step, so the log never misses a write and never holds one twice. Reads go
    by key (a record, every record of a kind, a month's expenses by a key condition), never by
    scanning. Every adapter passes `tests/contract/test_replica.py`.
    """

    @property
    def user_id(self) -> str:
        """The user whose partition every request of this replica names."""
        ...

    def commit(self, changes: Sequence[Change], origin: str, at: str) -> Commit:
        """Merge `changes` and log those that moved something; a no-op logs nothing.

        `origin` names the writer (a device id, or a Lambda) and `at` the time (ISO text)."""
        ...

    def head(self) -> int:
        """The number of the last log entry (0 for an empty log)."""
        ...

    def entries_after(self, seq: int, limit: int = 100) -> Sequence[LogEntry]:
        """Up to `limit` log entries numbered above `seq`, in order, with no gaps."""
        ...

    def record(self, kind: Kind, key: str) -> Change | None:
        """One record, tombstone included, or None when it was never written."""
        ...

    def records(self, kind: Kind) -> Sequence[Change]:
        """Every record of one kind other than expenses (budgets, rules, ...), by key."""
        ...

    def month_expenses(self, month: Month) -> Sequence[Change]:
        """The expense records dated in `month` (tombstones included), by id."""
        ...
