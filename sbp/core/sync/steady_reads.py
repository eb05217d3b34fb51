"""A replica whose slow-changing records are read once: for work on many messages of one user.

A categorizer batch holds up to ten messages, often of one user; each needs that user's rules,
corrections, budgets and settings, which none of the messages changes. Reading them once per
batch rather than once per message keeps the requests per message flat however the batch is
made up. A commit that writes one of those kinds forgets what was kept of it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from sbp.core.sync.records import Kind

if TYPE_CHECKING:
    from sbp.core.periods import Month
    from sbp.core.ports import Replica
    from sbp.core.sync.log import Commit, LogEntry
    from sbp.core.sync.records import Change

STEADY = frozenset({Kind.RULE, Kind.CORRECTION, Kind.BUDGET, Kind.SETTING})


class SteadyReads:
    """The `Replica` port over another replica, keeping `records(kind)` of the steady kinds."""

    def __init__(self, replica: Replica, kinds: Collection[Kind] = STEADY) -> None:
        self._replica = replica
        self._kinds = frozenset(kinds)
        self._kept: dict[Kind, Sequence[Change]] = {}

    @property
    def user_id(self) -> str:
        return self._replica.user_id

    def commit(self, changes: Sequence[Change], origin: str, at: str) -> Commit:
        for change in changes:
            self._kept.pop(change.kind, None)
        return self._replica.commit(changes, origin, at)

    def head(self) -> int:
        return self._replica.head()

    def entries_after(self, seq: int, limit: int = 100) -> Sequence[LogEntry]:
        return self._replica.entries_after(seq, limit)

    def record(self, kind: Kind, key: str) -> Change | None:
        return self._replica.record(kind, key)

    def records(self, kind: Kind) -> Sequence[Change]:
        if kind not in self._kinds:
            return self._replica.records(kind)
        if kind not in self._kept:
            self._kept[kind] = self._replica.records(kind)
        return self._kept[kind]

    def month_expenses(self, month: Month) -> Sequence[Change]:
        return self._replica.month_expenses(month)
