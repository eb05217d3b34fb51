"""Records pulled from the cloud, made into what a store keeps, by the rules typed text follows.

The cloud is one more door: text that came in through another device, the web view or a Lambda
goes through `sbp.core.stored` like text typed here, so nothing arrives that `sbp add` would
refuse or could not show. A record that cannot be made whole (a field missing, a currency sbp
does not know, a regex RE2 refuses) raises `InvalidInput`, and the sync leaves it aside. So
does a record whose key no device would make (an expense or rule id that is not a ULID, a key
with control characters, a budget keyed apart from its category as stored): a device could
neither address it nor name it safely, and would keep it under another key than the cloud.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sbp.core import stored
from sbp.core.errors import InvalidInput
from sbp.core.ids import is_ulid
from sbp.core.model import Budget, Expense, Notification, Rule
from sbp.core.money import check_currency, to_minor
from sbp.core.printable import printable, shown
from sbp.core.sync.codec import budget_key, budget_of, expense_of, notification_of
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
    Kind.LINK: frozenset({"expense"}),
}
"""The fields a live record of each kind must have before a store can keep it."""

T = TypeVar("T")


def is_whole(record: Change) -> bool:
    """Whether a live record has every field its kind needs."""
    return REQUIRED[record.kind] <= record.fields.keys()


def expense_pulled(record: Change) -> Expense:
    """The expense a pulled record holds, its text as stored."""
    _keyed_by_ulid(record)
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
    budget = budget._replace(category=stored.category(budget.category))
    if budget_key(budget.category, budget.month) != record.key:
        raise _refused(record, "its key is not its category and month")
    return budget


def rule_pulled(record: Change) -> Rule:
    """The rule a pulled record holds (a regex must be one RE2 takes)."""
    _keyed_by_ulid(record)
    pattern = stored.pattern(str(record.value("pattern")))
    regex = bool(record.value("regex"))
    if regex:
        from sbp.core.categorize import compile_rule_regex

        compile_rule_regex(pattern)
    return Rule(0, pattern, stored.category(str(record.value("category"))), regex, record.key)


def correction_pulled(record: Change) -> str:
    """The category a pulled correction sends its descriptions to."""
    _printable_key(record)
    return stored.category(str(record.value("category")))


def notification_pulled(record: Change) -> Notification:
    """The alert a pulled record holds, its message as stored."""
    _printable_key(record)
    alert = _made(notification_of, record)
    if not is_ulid(alert.id):
        raise _refused(record, "its id is not one sbp makes")
    category = None if alert.category is None else stored.category(alert.category)
    return alert._replace(
        message=stored.note(alert.message),
        category=category,
        kind=printable(alert.kind),
        channel=printable(alert.channel),
    )


def link_pulled(record: Change) -> tuple[str, str | None]:
    """The id of the expense a pulled import link names, and of the copy last folded under
    it (None: none was)."""
    _printable_key(record)
    expense_id = str(record.value("expense"))
    copy_id = record.value("copy")
    if not is_ulid(expense_id):
        raise _refused(record, "the expense it names has an id sbp does not make")
    if copy_id is not None and not is_ulid(str(copy_id)):
        raise _refused(record, "the copy it names has an id sbp does not make")
    return expense_id, None if copy_id is None else str(copy_id)


def _keyed_by_ulid(record: Change) -> None:
    if not is_ulid(record.key):
        raise _refused(record, "its id is not one sbp makes")


def _printable_key(record: Change) -> None:
    if printable(record.key) != record.key:
        raise _refused(record, "its key holds control characters")


def _refused(record: Change, why: str) -> InvalidInput:
    return InvalidInput(f"{record.kind.value} {shown(record.key)} from the cloud: {why}")


def _made(make: Callable[[Change], T | None], record: Change) -> T:
    try:
        made = make(record)
    except (TypeError, ValueError, KeyError, ArithmeticError) as exc:
        raise _refused(record, str(exc)) from None
    if made is None:
        raise _refused(record, "it is not whole")
    return made
