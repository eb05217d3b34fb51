"""The report's aggregates as data, for scripts: one JSON shape, CSV rows and Markdown.

Amounts are plain strings (`1234.50`), never floats, so nothing is lost on the way. The full
list of expenses is left out: `sbp list --json` (or the PDF) has it.
"""

from __future__ import annotations

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

    def amount(value: Any, currency: str = money) -> str:
        return format_amount(value, currency, symbol=True)

    parts = [
        f"# Spending report: {report.period.label}",
        f"{report.period.span}, amounts in {money}, generated {report.generated_at.isoformat()}",
        _table(
            ("Total spent", "Budgeted", "Remaining", f"Change vs {report.period.previous().label}"),
            [
                (
                    amount(report.spent),
                    amount(report.budgeted),
                    amount(report.remaining),
                    change_text(report),
                )
            ],
            "rrrr",
        ),
    ]
    if report.is_empty:
        parts.append("Nothing was recorded in this period.")
        return "\n\n".join(parts) + "\n"
    parts += [
        "## Budget against actual",
        _table(
            ("Category", "Budget", "Spent", "Left", "Used"),
            [
                (
                    b.category + (" (over)" if b.spent > b.limit else ""),
                    amount(b.limit),
                    amount(b.spent),
                    amount(b.remaining),
                    f"{b.percent}%",
                )
                for b in report.budgets
            ],
            "lrrrr",
        ),
        "## Spending by category",
        _table(
            ("Category", "Spent", "Expenses", "Share"),
            [(c.category, amount(c.spent), str(c.count), f"{c.share}%") for c in report.categories],
            "lrrr",
        ),
        f"## Spending by {report.granularity.value}",
        _table(
            ("From", "Spent"),
            [(p.start.isoformat(), amount(p.spent)) for p in report.timeline],
            "lr",
        ),
        "## Top merchants",
        _table(
            ("Merchant", "Expenses", "Spent"),
            [(m.name, str(m.count), amount(m.spent)) for m in report.merchants],
            "lrr",
        ),
        "## Largest expenses",
        _table(
            ("Date", "Description", "Category", "Amount"),
            [
                (e.date.isoformat(), e.description, e.category, amount(e.amount, e.currency))
                for e in report.largest
            ],
            "lllr",
        ),
        "## Alerts",
        _table(("Date", "Alert"), [(a.raised_on.isoformat(), a.message) for a in report.alerts])
        if report.alerts
        else "No budget alerts were raised in this period.",
    ]
    return "\n\n".join(parts) + "\n"


def change_text(report: ReportData) -> str:
    """`+$120.00 (+12.5%)` against the previous period, or `none before`."""
    if report.previous_spent == 0:
        return "none before"
    sign = "+" if report.change > 0 else ""
    amount = format_amount(report.change, report.currency, symbol=True)
    return f"{sign}{amount} ({sign}{report.change_percent}%)"


def _table(headers: tuple[str, ...], rows: list[tuple[str, ...]], align: str = "") -> str:
    sides = align.ljust(len(headers), "l")
    lines = [
        "| " + " | ".join(_cell(h) for h in headers) + " |",
        "|" + "|".join("---:" if side == "r" else ":---" for side in sides) + "|",
    ]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
