"""The `ledger` fixture: every Ledger adapter, so each contract test runs against all of them.

A new adapter (DynamoDB on moto, say) joins the suite by adding one factory to `FACTORIES`: a
context manager that yields a fresh, empty ledger and cleans up after it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from itertools import count
from pathlib import Path
from typing import Any

import pytest

from sbp.core.ids import new_ulid
from sbp.core.model import CategorySource, Expense
from sbp.core.ports import Ledger
from sbp.store.memory import MemoryLedger
from sbp.store.sqlite import SqliteLedger


@contextmanager
def memory_ledger(folder: Path) -> Iterator[Ledger]:
    yield MemoryLedger()


@contextmanager
def sqlite_ledger(folder: Path) -> Iterator[Ledger]:
    ledger = SqliteLedger(folder / "sbp.db")
    try:
        yield ledger
    finally:
        ledger.close()


FACTORIES: dict[str, Callable[[Path], AbstractContextManager[Ledger]]] = {
    "memory": memory_ledger,
    "sqlite": sqlite_ledger,
}

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)

ExpenseMaker = Callable[..., Expense]


@pytest.fixture(params=sorted(FACTORIES))
def ledger(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Ledger]:
    with FACTORIES[request.param](tmp_path) as made:
        yield made


@pytest.fixture
def make_expense() -> ExpenseMaker:
    """Expenses with distinct ids that sort in the order they are made."""
    serial = count()

    def make(
        amount: str = "12.50",
        on: date = date(2026, 11, 23),
        category: str = "coffee",
        description: str = "Blue Bottle",
        currency: str = "USD",
        **fields: Any,
    ) -> Expense:
        step = next(serial)
        made = NOW + timedelta(milliseconds=step)
        values: dict[str, Any] = {
            "id": new_ulid(made, step.to_bytes(10, "big")),
            "date": on,
            "amount": Decimal(amount),
            "currency": currency,
            "description": description,
            "category": category,
            "category_source": CategorySource.DEFAULT,
            "created_at": made,
            "updated_at": made,
        }
        values.update(fields)
        return Expense(**values)

    return make
