"""Sample expenses and report data for the renderer tests: in memory, no store, no clock."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sbp.core.model import Budget, CategorySource, Expense, Notification
from sbp.core.periods import Month
from sbp.core.report_periods import ReportPeriod
from sbp.core.reports import ReportBuilder, ReportData, alerts_in

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
NOVEMBER = ReportPeriod.month(Month(2026, 11))
BUDGETS = (
    Budget("coffee", Decimal("60"), "USD"),
    Budget("groceries", Decimal("400"), "USD"),
)
SAMPLE = (
    ("2026-11-02", "84.20", "Rewe Straße 12", "groceries", True),
    ("2026-11-03", "4.50", "Café Müller", "coffee", False),
    ("2026-11-05", "61.00", "Crêperie Élysée", "coffee", False),
    ("2026-11-09", "19.99", "Tesco £ meal deal", "groceries", False),
    ("2026-11-12", "35.00", "Sushi ¥ bar", "dining", True),
    ("2026-11-20", "12.00", "Boulangerie € deal", "dining", False),
)

ReportMaker = Callable[..., ReportData]


def expense(index: int, on: str, amount: str, text: str, category: str, receipt: bool) -> Expense:
    return Expense(
        id=f"01KAB{index:021d}",
        date=date.fromisoformat(on),
        amount=Decimal(amount),
        currency="USD",
        description=text,
        category=category,
        category_source=CategorySource.USER,
        created_at=NOW,
        updated_at=NOW,
        receipt_key=f"receipts/{index}.jpg" if receipt else None,
    )


def filler(count: int, start: date = date(2026, 11, 1)) -> list[Expense]:
    """`count` ordinary expenses spread over November, in date order."""
    return [
        expense(
            1000 + n,
            (start + timedelta(days=n * 30 // max(count, 1))).isoformat(),
            f"{n % 90 + 1}.25",
            f"Shop number {n}",
            "shopping",
            n % 5 == 0,
        )
        for n in range(count)
    ]


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page, as a reader would select it."""
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def build_report(
    extra: Sequence[Expense] = (),
    sample: bool = True,
    period: ReportPeriod = NOVEMBER,
    alerts: Sequence[Notification] = (),
) -> ReportData:
    """A report of the sample expenses (plus `extra` ones) with a pinned time."""
    rows = [expense(i, *row) for i, row in enumerate(SAMPLE)] if sample else []
    builder = ReportBuilder(period, "USD")
    for item in sorted([*rows, *extra], key=lambda e: (e.date, e.id)):
        builder.add(item)
    return builder.finish(BUDGETS, alerts_in(alerts, period), Decimal("100.00"), NOW)
