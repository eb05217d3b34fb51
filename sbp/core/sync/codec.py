"""Turning sbp's records (expenses, budgets, rules, ...) into synced records and back.

Field values are JSON scalars: amounts in integer minor units beside their currency, dates and
times in ISO form, so DynamoDB, SQLite and a log entry all hold the same exact values.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date, datetime
from decimal import Decimal

from sbp.core.model import Budget, CategorySource, CategoryTotal, Expense, Notification, Rule
from sbp.core.money import from_minor, to_minor
from sbp.core.periods import Month
from sbp.core.sync.records import DELETED, Change, Kind, Value, stamp_all

EVERY_MONTH = "*"


def expense_fields(expense: Expense) -> dict[str, Value]:
    """Every synced field of an expense (the tombstone flag included, false)."""
    return {
        "date": expense.date.isoformat(),
        "amount": to_minor(expense.amount, expense.currency),
        "currency": expense.currency,
        "description": expense.description,
        "category": expense.category,
        "source": expense.category_source.value,
        "note": expense.note,
        "receipt": expense.receipt_key,
        "fingerprint": expense.import_fingerprint,
        "batch": expense.import_batch,
        "created": expense.created_at.isoformat(),
        "updated": expense.updated_at.isoformat(),
        "account": expense.account,
        DELETED: False,
    }


def changed_fields(old: Expense, new: Expense) -> frozenset[str]:
    """The synced fields in which two states of one expense differ."""
    before, after = expense_fields(old), expense_fields(new)
    return frozenset(name for name, value in after.items() if before[name] != value)


def expense_record(expense: Expense, version: str, only: Collection[str] | None = None) -> Change:
    """A change setting the expense's fields (all of them, or `only` those named)."""
    values = expense_fields(expense)
    if only is not None:
        values = {name: values[name] for name in only}
    return stamp_all(Kind.EXPENSE, expense.id, values, version)


def expense_removal(expense_id: str, version: str) -> Change:
    """The tombstone of an expense."""
    return stamp_all(Kind.EXPENSE, expense_id, {DELETED: True}, version)


def expense_of(record: Change) -> Expense | None:
    """The expense a record holds, or None when it is deleted or incomplete."""
    if record.kind is not Kind.EXPENSE or record.deleted or "amount" not in record.fields:
        return None
    currency = str(record.value("currency"))
    return Expense(
        id=record.key,
        date=date.fromisoformat(str(record.value("date"))),
        amount=from_minor(_int(record.value("amount")), currency),
        currency=currency,
        description=str(record.value("description", "")),
        category=str(record.value("category", "other")),
        category_source=CategorySource(str(record.value("source", "default"))),
        created_at=datetime.fromisoformat(str(record.value("created"))),
        updated_at=datetime.fromisoformat(str(record.value("updated"))),
        note=str(record.value("note", "")),
        receipt_key=_text(record.value("receipt")),
        import_fingerprint=_text(record.value("fingerprint")),
        import_batch=_text(record.value("batch")),
        account=str(record.value("account", "")),
    )


def expense_month(record: Change) -> Month | None:
    """The month an expense record falls in (None when it has no date yet)."""
    day = record.value("date")
    return Month.of(date.fromisoformat(day)) if isinstance(day, str) else None


def budget_key(category: str, month: Month | None) -> str:
    """`coffee#2026-11`, or `coffee#*` for every month."""
    return f"{category}#{month if month is not None else EVERY_MONTH}"


def budget_record(budget: Budget, version: str) -> Change:
    """A change setting a budget."""
    values: dict[str, Value] = {
        "category": budget.category,
        "month": str(budget.month) if budget.month is not None else None,
        "limit": to_minor(budget.limit, budget.currency),
        "currency": budget.currency,
        DELETED: False,
    }
    return stamp_all(Kind.BUDGET, budget_key(budget.category, budget.month), values, version)


def budget_removal(category: str, month: Month | None, version: str) -> Change:
    """The tombstone of a budget."""
    return stamp_all(Kind.BUDGET, budget_key(category, month), {DELETED: True}, version)


def budget_of(record: Change) -> Budget | None:
    """The budget a record holds, or None when it is deleted or incomplete."""
    if record.kind is not Kind.BUDGET or record.deleted or "limit" not in record.fields:
        return None
    currency = str(record.value("currency"))
    month = record.value("month")
    return Budget(
        category=str(record.value("category")),
        limit=from_minor(_int(record.value("limit")), currency),
        currency=currency,
        month=Month.parse(month) if isinstance(month, str) else None,
    )


def rule_record(key: str, rule: Rule, version: str) -> Change:
    """A change setting a rule; `key` names it the same on every device."""
    values: dict[str, Value] = {
        "pattern": rule.pattern,
        "category": rule.category,
        "regex": rule.is_regex,
        DELETED: False,
    }
    return stamp_all(Kind.RULE, key, values, version)


def rules_of(records: Iterable[Change]) -> list[Rule]:
    """The live rules in the order they are tried (by key), numbered from 1."""
    live = sorted(
        (r for r in records if r.kind is Kind.RULE and not r.deleted and "pattern" in r.fields),
        key=lambda r: r.key,
    )
    return [
        Rule(n, str(r.value("pattern")), str(r.value("category")), bool(r.value("regex")))
        for n, r in enumerate(live, start=1)
    ]


def correction_record(key: str, category: str | None, version: str) -> Change:
    """A learned correction (category None forgets it)."""
    if category is None:
        return stamp_all(Kind.CORRECTION, key, {DELETED: True}, version)
    return stamp_all(Kind.CORRECTION, key, {"category": category, DELETED: False}, version)


def corrections_of(records: Iterable[Change]) -> dict[str, str]:
    """Every live correction, key to category."""
    return {
        r.key: str(r.value("category"))
        for r in records
        if r.kind is Kind.CORRECTION and not r.deleted and "category" in r.fields
    }


def notification_record(notification: Notification, version: str) -> Change:
    """An alert, keyed by its dedupe key so every device and the cloud keep it once."""
    values: dict[str, Value] = {
        "id": notification.id,
        "created": notification.created_at.isoformat(),
        "kind": notification.kind,
        "message": notification.message,
        "channel": notification.channel,
        "month": str(notification.month) if notification.month is not None else None,
        "category": notification.category,
        "read": notification.read,
        DELETED: False,
    }
    return stamp_all(Kind.NOTIFICATION, notification.dedupe_key, values, version)


def notification_of(record: Change) -> Notification | None:
    """The alert a record holds, or None when it is deleted or incomplete."""
    if record.kind is not Kind.NOTIFICATION or record.deleted or "message" not in record.fields:
        return None
    month = record.value("month")
    return Notification(
        id=str(record.value("id")),
        created_at=datetime.fromisoformat(str(record.value("created"))),
        kind=str(record.value("kind")),
        message=str(record.value("message")),
        dedupe_key=record.key,
        channel=str(record.value("channel", "terminal")),
        month=Month.parse(month) if isinstance(month, str) else None,
        category=_text(record.value("category")),
        read=bool(record.value("read")),
    )


def setting_record(name: str, value: str, version: str) -> Change:
    """A store setting that every device must agree on (the base currency)."""
    return stamp_all(Kind.SETTING, name, {"value": value}, version)


def settings_of(records: Iterable[Change]) -> dict[str, str]:
    """Every setting, name to value."""
    return {
        r.key: str(r.value("value"))
        for r in records
        if r.kind is Kind.SETTING and r.value("value") is not None
    }


def month_totals(records: Iterable[Change]) -> list[CategoryTotal]:
    """Spending per category and currency over the live expense records given (one month's)."""
    spent: dict[tuple[str, str], tuple[Decimal, int]] = {}
    for record in records:
        expense = expense_of(record)
        if expense is None:
            continue
        key = (expense.category, expense.currency)
        total, count = spent.get(key, (Decimal(0), 0))
        spent[key] = (total + expense.amount, count + 1)
    return [
        CategoryTotal(category, currency, total, count)
        for (category, currency), (total, count) in sorted(spent.items())
    ]


def _int(value: Value) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected a whole number, not {value!r}")
    return value


def _text(value: Value) -> str | None:
    return None if value is None else str(value)
