"""The report's aggregates as data, for scripts: one JSON shape, CSV rows and Markdown.

Amounts are plain strings (`1234.50`), never floats, so nothing is lost on the way. The full
list of expenses is left out: `sbp list --json` (or the PDF) has it.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sbp.core.money import format_amount, plain
from sbp.core.reports import ExpenseLine, ReportData

CSV_FIELDS = ("section", "date", "label", "category", "amount", "budget", "count", "percent")


def report_to_json(report: ReportData) -> dict[str, Any]:
    """Every aggregate of the report, with stable field names."""
    money = report.currency
    return {
        "period": {
            "kind": report.period.kind.value,
            "label": report.period.label,
            "start": report.period.days.start.isoformat(),
            "end": report.period.days.end.isoformat(),
        },
        "currency": money,
        "generated_at": report.generated_at.isoformat(),
        "totals": _totals(report),
        "budgets": [
            {
                "category": b.category,
                "limit": plain(b.limit, money),
                "spent": plain(b.spent, money),
                "remaining": plain(b.remaining, money),
                "percent": str(b.percent),
                "state": b.state.value,
                "over": plain(b.over, money),
            }
            for b in report.budgets
        ],
        "categories": [
            {
                "category": c.category,
                "spent": plain(c.spent, money),
                "count": c.count,
                "share": str(c.share),
            }
            for c in report.categories
        ],
        "timeline": {
            "granularity": report.granularity.value,
            "points": [
                {"start": p.start.isoformat(), "spent": plain(p.spent, money)}
                for p in report.timeline
            ],
        },
        "merchants": [
            {"name": m.name, "spent": plain(m.spent, money), "count": m.count}
            for m in report.merchants
        ],
        "largest": [_expense(line) for line in report.largest],
        "alerts": [{"date": a.raised_on.isoformat(), "message": a.message} for a in report.alerts],
        "other_currencies": {code: plain(v, code) for code, v in report.other_currencies.items()},
    }


def _totals(report: ReportData) -> dict[str, Any]:
    money = report.currency
    return {
        "spent": plain(report.spent, money),
        "budgeted": plain(report.budgeted, money),
        "remaining": plain(report.remaining, money),
        "over_budget": plain(report.budget_totals.over, money),
        "previous_spent": plain(report.previous_spent, money),
        "change": plain(report.change, money),
        "change_percent": None if report.change_percent is None else str(report.change_percent),
        "expenses": len(report.expenses),
    }


def _expense(line: ExpenseLine) -> dict[str, Any]:
    return {
        "id": line.id,
        "date": line.date.isoformat(),
        "description": line.description,
        "category": line.category,
        "amount": plain(line.amount, line.currency),
        "currency": line.currency,
        "receipt": line.has_receipt,
    }


def report_to_rows(report: ReportData) -> list[dict[str, Any]]:
    """The aggregates as long-format CSV rows: one `section` per part of the report."""
    money = report.currency
    rows: list[dict[str, Any]] = [
        {"section": "total", "label": key, "amount": value}
        for key, value in _totals(report).items()
        if key not in ("change_percent", "expenses")
    ]
    rows.append({"section": "total", "label": "expenses", "count": len(report.expenses)})
    rows += [
        {
            "section": "budget",
            "label": b.category,
            "amount": plain(b.spent, money),
            "budget": plain(b.limit, money),
            "percent": str(b.percent),
        }
        for b in report.budgets
    ]
    rows += [
        {
            "section": "category",
            "label": c.category,
            "amount": plain(c.spent, money),
            "count": c.count,
            "percent": str(c.share),
        }
        for c in report.categories
    ]
    rows += [
        {
            "section": report.granularity.value,
            "date": p.start.isoformat(),
            "amount": plain(p.spent, money),
        }
        for p in report.timeline
    ]
    rows += [
        {"section": "merchant", "label": m.name, "amount": plain(m.spent, money), "count": m.count}
        for m in report.merchants
    ]
    rows += [
        {
            "section": "largest",
            "date": e.date.isoformat(),
            "label": e.description,
            "category": e.category,
            "amount": plain(e.amount, e.currency),
        }
        for e in report.largest
    ]
    rows += [
        {"section": "alert", "date": a.raised_on.isoformat(), "label": a.message}
        for a in report.alerts
    ]
    rows += [
        {"section": "other_currency", "label": code, "amount": plain(value, code)}
        for code, value in report.other_currencies.items()
    ]
    return rows


def report_to_markdown(report: ReportData) -> str:
    """The aggregates as a Markdown document with one table per part."""
    money = report.currency
    parts = [
        f"# Spending report: {report.period.label}",
        f"{report.period.span}, amounts in {money}, generated {report.generated}",
        _table(
            (
                "Total spent",
                "Budgeted",
                "Remaining",
                "Over budget",
                f"Change vs {report.period.previous().label}",
            ),
            [
                (
                    _money(report.spent, money),
                    _money(report.budgeted, money),
                    _money(report.remaining, money),
                    over_text(report),
                    change_text(report),
                )
            ],
            "rrrrr",
        ),
    ]
    if report.is_empty:
        parts.append("Nothing was recorded in this period.")
    else:
        parts += [part for section in _MARKDOWN_SECTIONS for part in section(report)]
    return "\n\n".join(parts) + "\n"


def _md_budgets(report: ReportData) -> tuple[str, str]:
    money = report.currency
    rows = [
        (
            b.category + (" (over)" if b.over else ""),
            _money(b.limit, money),
            _money(b.spent, money),
            _money(b.remaining, money),
            f"{b.percent}%",
        )
        for b in report.budgets
    ]
    headers = ("Category", "Budget", "Spent", "Left", "Used")
    return "## Budget against actual", _table(headers, rows, "lrrrr")


def _md_categories(report: ReportData) -> tuple[str, str]:
    rows = [
        (c.category, _money(c.spent, report.currency), str(c.count), f"{c.share}%")
        for c in report.categories
    ]
    headers = ("Category", "Spent", "Expenses", "Share")
    return "## Spending by category", _table(headers, rows, "lrrr")


def _md_timeline(report: ReportData) -> tuple[str, str]:
    rows = [(p.start.isoformat(), _money(p.spent, report.currency)) for p in report.timeline]
    return f"## Spending by {report.granularity.value}", _table(("From", "Spent"), rows, "lr")


def _md_merchants(report: ReportData) -> tuple[str, str]:
    rows = [(m.name, str(m.count), _money(m.spent, report.currency)) for m in report.merchants]
    return "## Top merchants", _table(("Merchant", "Expenses", "Spent"), rows, "lrr")


def _md_largest(report: ReportData) -> tuple[str, str]:
    rows = [
        (e.date.isoformat(), e.description, e.category, _money(e.amount, e.currency))
        for e in report.largest
    ]
    headers = ("Date", "Description", "Category", "Amount")
    return "## Largest expenses", _table(headers, rows, "lllr")


def _md_alerts(report: ReportData) -> tuple[str, str]:
    if not report.alerts:
        return "## Alerts", "No budget alerts were raised in this period."
    rows = [(a.raised_on.isoformat(), a.message) for a in report.alerts]
    return "## Alerts", _table(("Date", "Alert"), rows)


_MARKDOWN_SECTIONS = (
    _md_budgets,
    _md_categories,
    _md_timeline,
    _md_merchants,
    _md_largest,
    _md_alerts,
)


def _money(value: Decimal, currency: str) -> str:
    return format_amount(value, currency, symbol=True)


def over_text(report: ReportData) -> str:
    """`$5.50 (coffee)`: how far the budgets past their limit went over, and which they are."""
    totals = report.budget_totals
    named = f" ({', '.join(totals.over_categories)})" if totals.over_categories else ""
    return _money(totals.over, report.currency) + named


def change_text(report: ReportData) -> str:
    """`+$120.00 (+12.5%)` against the previous period, or `none before`."""
    if report.previous_spent == 0:
        return "none before"
    sign = "+" if report.change > 0 else ""
    amount = format_amount(report.change, report.currency, symbol=True)
    return f"{sign}{amount} ({sign}{report.change_percent}%)"


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], align: str = "") -> str:
    sides = align.ljust(len(headers), "l")
    lines = [
        "| " + " | ".join(_cell(h) for h in headers) + " |",
        "|" + "|".join("---:" if side == "r" else ":---" for side in sides) + "|",
    ]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
