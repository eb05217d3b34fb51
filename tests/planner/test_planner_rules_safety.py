"""A rule can never hang sbp or hold up other writers (issue 11, item 2)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from fixed_clock import FixedClock

from sbp.core.categorize.rules import RuleMatcher
from sbp.core.errors import InvalidInput
from sbp.planner import Planner
from sbp.store.memory import MemoryLedger


class WatchedLedger(MemoryLedger):
    """A memory ledger that knows whether a write transaction is open."""

    def __init__(self) -> None:
        super().__init__()
        self.writing = False

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with super().transaction():
            outer, self.writing = self.writing, True
            try:
                yield
            finally:
                self.writing = outer


def test_rules_are_matched_before_the_write_lock_is_taken(
    monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> None:
    ledger = WatchedLedger()
    planner = Planner(ledger, clock, base_currency="USD")
    planner.add_rule("(a+)+$", "work", regex=True)
    seen: list[bool] = []
    matches = RuleMatcher.matches

    def watched(self: RuleMatcher, lowered: str, cleaned: str) -> bool:
        seen.append(ledger.writing)
        return matches(self, lowered, cleaned)

    monkeypatch.setattr(RuleMatcher, "matches", watched)

    added = planner.add_expense("4", "a" * 40 + "!")  # exponential on a backtracking engine
    planner.edit_expense(added.expense.id, description="a" * 40)

    assert seen == [False, False]
    assert planner.show(added.expense.id).category == "work"


def test_a_rule_sbp_cannot_run_safely_is_refused_and_nothing_is_stored(planner: Planner) -> None:
    with pytest.raises(InvalidInput, match="not a valid regular expression") as refused:
        planner.add_rule("(?<=x)coffee", "treats", regex=True)

    assert "without look-arounds" in (refused.value.hint or "")
    assert planner.rules() == []
