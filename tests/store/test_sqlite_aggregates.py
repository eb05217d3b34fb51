"""The aggregates SQLite keeps by trigger always equal a recount of the expenses themselves."""

from __future__ import annotations

import random
import tempfile
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule

from sbp.core.ids import new_ulid
from sbp.core.model import CategorySource, Expense, ExpenseQuery
from sbp.core.money import from_minor
from sbp.core.periods import Month
from sbp.store.memory import MemoryLedger
from sbp.store.sqlite import SqliteLedger

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
MONTHS = [Month(2026, 10), Month(2026, 11), Month(2026, 12)]
CATEGORIES = ["coffee", "dining", "groceries"]
CURRENCIES = ["USD", "EUR", "JPY"]

Recount = dict[tuple[Month, str, str], tuple[Decimal, int]]


def recount(ledger: SqliteLedger) -> Recount:
    sums: dict[tuple[Month, str, str], list[Decimal | int]] = defaultdict(lambda: [Decimal(0), 0])
    for expense in ledger.iter_expenses(ExpenseQuery()):
        row = sums[(expense.month, expense.category, expense.currency)]
        row[0] += expense.amount
        row[1] += 1
    return {key: (Decimal(spent), int(count)) for key, (spent, count) in sums.items()}


def aggregates(ledger: SqliteLedger) -> Recount:
    return {
        (month, t.category, t.currency): (t.spent, t.count)
        for month in MONTHS
        for t in ledger.month_totals(month)
    }


def expense_from(draw: random.Random, step: int) -> Expense:
    currency = draw.choice(CURRENCIES)
    at = NOW + timedelta(milliseconds=step)
    return Expense(
        id=new_ulid(at),
        date=date(2026, draw.choice([10, 11, 12]), draw.randint(1, 28)),
        amount=from_minor(draw.randint(-5_000, 50_000), currency),
        currency=currency,
        description=f"expense {step}",
        category=draw.choice(CATEGORIES),
        category_source=CategorySource.DEFAULT,
        created_at=at,
        updated_at=at,
    )


def test_aggregates_equal_a_recount_after_a_long_random_history(tmp_path: Path) -> None:
    draw = random.Random(20261123)
    ledger = SqliteLedger(tmp_path / "sbp.db")
    live: list[str] = []
    for step in range(1500):
        action = draw.random()
        if action < 0.45 or not live:
            expense = expense_from(draw, step)
            ledger.add(expense)
            live.append(expense.id)
        elif action < 0.75:
            old = ledger.get(draw.choice(live))
            moved = expense_from(draw, step)
            ledger.replace(moved._replace(id=old.id, created_at=old.created_at))
        elif action < 0.9:
            ledger.remove(live.pop(draw.randrange(len(live))))
        else:
            with pytest.raises(RuntimeError), ledger.transaction():
                ledger.add(expense_from(draw, step))
                ledger.remove(draw.choice(live))
                raise RuntimeError("rolled back")

    assert aggregates(ledger) == recount(ledger)
    assert sum(count for _, count in aggregates(ledger).values()) == len(live)
    ledger.close()


amounts = st.integers(min_value=-10_000, max_value=100_000)


class LedgersAgree(RuleBasedStateMachine):
    """Random writes to SQLite and to the in-memory ledger: totals must match each other and a
    recount of SQLite's own expenses after every step."""

    expenses = Bundle("expenses")

    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        self.sqlite = SqliteLedger(Path(self.folder.name) / "sbp.db")
        self.memory = MemoryLedger()
        self.step = 0

    def teardown(self) -> None:
        self.sqlite.close()
        self.folder.cleanup()

    def _expense(self, minor: int, currency: str, month: int, category: str) -> Expense:
        self.step += 1
        at = NOW + timedelta(milliseconds=self.step)
        return Expense(
            new_ulid(at),
            date(2026, month, 15),
            from_minor(minor, currency),
            currency,
            "random",
            category,
            CategorySource.DEFAULT,
            at,
            at,
        )

    @rule(
        target=expenses,
        minor=amounts,
        currency=st.sampled_from(CURRENCIES),
        month=st.sampled_from([10, 11, 12]),
        category=st.sampled_from(CATEGORIES),
    )
    def add(self, minor: int, currency: str, month: int, category: str) -> str:
        expense = self._expense(minor, currency, month, category)
        for ledger in (self.sqlite, self.memory):
            ledger.add(expense)
        return expense.id

    @rule(
        expense_id=expenses,
        minor=amounts,
        currency=st.sampled_from(CURRENCIES),
        month=st.sampled_from([10, 11, 12]),
        category=st.sampled_from(CATEGORIES),
    )
    def change(self, expense_id: str, minor: int, currency: str, month: int, category: str) -> None:
        if not self._exists(expense_id):
            return
        new = self._expense(minor, currency, month, category)._replace(id=expense_id)
        for ledger in (self.sqlite, self.memory):
            ledger.replace(new)

    @rule(expense_id=expenses)
    def remove(self, expense_id: str) -> None:
        if self._exists(expense_id):
            for ledger in (self.sqlite, self.memory):
                ledger.remove(expense_id)

    @rule(minor=amounts, category=st.sampled_from(CATEGORIES))
    def fail_half_way(self, minor: int, category: str) -> None:
        expense = self._expense(minor, "USD", 11, category)
        for ledger in (self.sqlite, self.memory):
            with pytest.raises(RuntimeError), ledger.transaction():
                ledger.add(expense)
                raise RuntimeError("rolled back")

    def _exists(self, expense_id: str) -> bool:
        return bool(self.memory.ids_with_prefix(expense_id, 1))

    @invariant()
    def totals_match_a_recount_and_the_other_ledger(self) -> None:
        assert aggregates(self.sqlite) == recount(self.sqlite)
        for month in MONTHS:
            assert list(self.sqlite.month_totals(month)) == list(self.memory.month_totals(month))


LedgersAgree.TestCase.settings = settings(max_examples=25, stateful_step_count=20, deadline=None)
test_sqlite_and_memory_ledgers_keep_the_same_totals = LedgersAgree.TestCase
