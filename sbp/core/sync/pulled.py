"""Records pulled from the cloud, made into what a store keeps, by the rules typed text follows.

The cloud is one more door: text that came in through another device, the web view or a Lambda
goes through `sbp.core.stored` like text typed here, so nothing arrives that `sbp add` would
refuse or could not show. A record that cannot be made whole (a field missing, a currency sbp
does not know, a regex RE2 refuses) raises `InvalidInput`, and the sync leaves it aside.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sbp.core import stored
from sbp.core.errors import InvalidInput
from sbp.core.model import Budget, Expense, Notification, Rule
from sbp.core.money import check_currency, to_minor
from sbp.core.sync.codec import budget_of, expense_of, notification_of
from sbp.core.sync.records import Change, Kind

REQUIRED: dict[Kind, frozenset[str]] = {
    Kind.EXPENSE: frozenset(
        {"date", "amount", "currency", "description", "category", "source", "created", "updated"}
    ),
    Kind.BUDGET: frozenset({"category", "limit", "currency"}),
    Kind.RULE: frozenset({"pattern", "category"}),
    Kind.CORRECTION: frozenset({"category"}),
    Kind.NOTIFICATION: frozenset({"id", "created", "kind", "message"}),
    Kind.SETTING: frozenset({"value"}),
}
"""The fields a live record of each kind must have before a store can keep it."""

T = TypeVar("T")


def is_whole(record: Change) -> bool:
    """Whether a live record has every field its kind needs."""
    return REQUIRED[record.kind] <= record.fields.keys()


def expense_pulled(record: Change) -> Expense:
    """The expense a pulled record holds, its text as stored."""
    expense = _made(expense_of, record)
    check_currency(expense.currency)
    to_minor(expense.amount, expense.currency)  # an amount its currency cannot hold is refused
    return expense._replace(
        description=stored.description(expense.description),
        category=stored.category(expense.category),
        note=stored.note(expense.note),
        account=stored.imported(expense.account),
    )


def budget_pulled(record: Change) -> Budget:
    """The budget a pulled record holds."""
    budget = _made(budget_of, record)
    check_currency(budget.currency)
    return budget._replace(category=stored.category(budget.category))


def rule_pulled(record: Change) -> Rule:
    """The rule a pulled record holds (a regex must be one RE2 takes)."""
    pattern = stored.pattern(str(record.value("pattern")))
    regex = bool(record.value("regex"))
    if regex:
        from sbp.core.categorize import compile_rule_regex

        compile_rule_regex(pattern)
    return Rule(0, pattern, stored.category(str(record.value("category"))), regex, record.key)


def correction_pulled(record: Change) -> str:
    """The category a pulled correction sends its descriptions to."""
    return stored.category(str(record.value("category")))


def notification_pulled(record: Change) -> Notification:
    """The alert a pulled record holds, its message as stored."""
    alert = _made(notification_of, record)
    category = None if alert.category is None else stored.category(alert.category)
    return alert._replace(message=stored.note(alert.message), category=category)


def _made(make: Callable[[Change], T | None], record: Change) -> T:
    try:
        made = make(record)
    except (TypeError, ValueError, KeyError, ArithmeticError) as exc:
        raise InvalidInput(f"{record.kind.value} {record.key} from the cloud: {exc}") from None
    if made is None:
        raise InvalidInput(f"{record.kind.value} {record.key} from the cloud is not whole")
    return made
