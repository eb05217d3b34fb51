"""The undo journal keeps states as plain JSON data; reading them back loses nothing."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal

from sbp.core.model import Budget, CategorySource, Expense
from sbp.core.periods import Month
from sbp.core.undo import budget_from_dict, budget_to_dict, expense_from_dict, expense_to_dict

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def test_an_expense_survives_the_journal_exactly() -> None:
    expense = Expense(
        id="01KAB3ZZ000000000000000000",
        date=date(2026, 11, 23),
        amount=Decimal("12.50"),
        currency="USD",
        description="Blue Bottle",
        category="coffee",
        category_source=CategorySource.LEARNED,
        created_at=NOW,
        updated_at=NOW,
        note="with Ana",
        receipt_key="receipts/u/01KAB3.jpg",
        import_fingerprint="abc",
        import_batch="batch-1",
    )

    data = json.loads(json.dumps(expense_to_dict(expense)))

    assert data["amount"] == "12.50"
    assert expense_from_dict(data) == expense


def test_budgets_for_every_month_and_for_one_month_survive_the_journal() -> None:
    for budget in [
        Budget("coffee", Decimal("60.00"), "USD"),
        Budget("coffee", Decimal("90.00"), "USD", Month(2026, 11)),
    ]:
        assert budget_from_dict(json.loads(json.dumps(budget_to_dict(budget)))) == budget
