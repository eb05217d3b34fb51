"""The `Replica` port in memory: a real adapter, the fake the cloud tests use.

It keeps records and the log in dictionaries and commits under a lock, exactly as the DynamoDB
adapter does with its conditional transaction, so the contract suite holds both to one meaning.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from sbp.core.periods import Month
from sbp.core.sync.codec import expense_month
from sbp.core.sync.log import Commit, LogEntry, plan_merge
from sbp.core.sync.records import Change, Kind


class MemoryReplica:
    """One user's replica held in this process."""

    def __init__(self, user_id: str) -> None:
        self._user_id = user_id
        self._records: dict[tuple[Kind, str], Change] = {}
        self._log: list[LogEntry] = []
        self._lock = threading.Lock()

    @property
    def user_id(self) -> str:
        return self._user_id

    def commit(self, changes: Sequence[Change], origin: str, at: str) -> Commit:
        with self._lock:
            wanted = {(c.kind, c.key) for c in changes}
            current = {rid: self._records[rid] for rid in wanted if rid in self._records}
            plan = plan_merge(current, changes)
            if not plan.effective:
                return Commit(len(self._log), (), frozenset(), 0)
            for record in plan.records:
                self._records[(record.kind, record.key)] = record
            seq = len(self._log) + 1
            self._log.append(LogEntry(seq, origin, at, plan.effective))
            return Commit(seq, (seq,), plan.created, len(plan.records))

    def head(self) -> int:
        return len(self._log)

    def entries_after(self, seq: int, limit: int = 100) -> Sequence[LogEntry]:
        start = max(seq, 0)
        return list(self._log[start : start + max(limit, 0)])

    def record(self, kind: Kind, key: str) -> Change | None:
        return self._records.get((kind, key))

    def records(self, kind: Kind) -> Sequence[Change]:
        if kind is Kind.EXPENSE:
            raise ValueError("expenses are read a month at a time: use month_expenses")
        return sorted((r for (k, _), r in self._records.items() if k is kind), key=lambda r: r.key)

    def month_expenses(self, month: Month) -> Sequence[Change]:
        found = (
            r
            for (kind, _), r in self._records.items()
            if kind is Kind.EXPENSE and expense_month(r) == month
        )
        return sorted(found, key=lambda r: r.key)
