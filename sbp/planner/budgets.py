"""Budgets and where the month stands; categories, rules and alerts."""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each string annotation
# of its fields when the class is made, which costs every run of sbp start-up time.

from decimal import Decimal
from typing import NamedTuple

from sbp.core import stored
from sbp.core.budget import CategoryStatus, MonthStatus, effective_budgets, month_status
from sbp.core.categorize import Explanation, category_name, compile_rule_regex
from sbp.core.errors import InvalidInput, NotFound
from sbp.core.keywords import EVERYDAY_CATEGORIES
from sbp.core.model import Budget, Notification, Rule
from sbp.core.periods import Month
from sbp.core.sync.local import LocalEdit
from sbp.core.sync.records import Kind
from sbp.core.undo import ChangeKind, UndoEntry, budget_to_dict
from sbp.planner.base import (
    LARGEST_NUMBER,
    PlannerBase,
    budget_label,
    clean_description,
    removal,
)

READ = frozenset({"read"})


class CategoryInfo(NamedTuple):
    """A category as `sbp categories` lists it."""

    name: str
    expenses: int
    builtin: bool
    budget: Decimal | None


class BudgetChange(NamedTuple):
    """What setting a budget did: the budget, its category's status in the month it applies
    to now (None when another budget wins there), and the alerts the new limit raised."""

    budget: Budget
    status: CategoryStatus | None
    alerts: tuple[Notification, ...]


class BudgetUseCases(PlannerBase):
    """Budgets and where the month stands; categories, rules and alerts."""

    def set_budget(
        self, category: str, amount: str | Decimal, month: str | Month | None = None
    ) -> BudgetChange:
        """Set a category's limit for one month, or for every month when no month is given.

        A limit below what the month (the one named, else this one) has already spent raises
        the alerts of every threshold that spending is now past, as `add_expense` would have:
        once per category, month and threshold."""
        value, code = self._money(amount, None, allow_zero=True)
        if value < 0:
            raise InvalidInput(f"a budget cannot be negative ({amount})")
        if code != self.base_currency:
            raise InvalidInput(f"budgets are kept in the store's currency, {self.base_currency}")
        when = None if month is None else self._month(month)
        budget = Budget(category_name(category), value, code, when)
        with self.ledger.transaction():
            self._fix_base_currency()
            previous = self._budget(budget.category, when)
            self._store_budget(budget)
            summary = f"set the {budget_label(budget)} budget to {self._money_text(value)}"
            before = None if previous is None else budget_to_dict(previous)
            entry = UndoEntry(ChangeKind.BUDGET, summary, before, budget_to_dict(budget))
            self.ledger.push_undo(entry)
            # as if the month's spending had all come after the new limit
            checked = when or Month.of(self.clock.today())
            status, alerts = self._alerts(checked, budget.category, code, Decimal(0))
        return BudgetChange(budget, status, alerts)

    def budgets(self) -> list[Budget]:
        """Every budget, every-month and month-specific."""
        return list(self.ledger.budgets())

    def remove_budget(self, category: str, month: str | Month | None = None) -> Budget:
        """Remove a category's every-month budget, or its budget for one month."""
        when = None if month is None else self._month(month)
        name = category_name(category)
        with self.ledger.transaction():
            previous = self._budget(name, when)
            if previous is None:
                scope = f"in {when}" if when else "for every month"
                raise NotFound(f"no budget for '{name}' {scope}", hint="see `sbp budget list`")
            self._drop_budget(name, when)
            summary = f"removed the {budget_label(previous)} budget"
            entry = UndoEntry(ChangeKind.BUDGET, summary, budget_to_dict(previous), None)
            self.ledger.push_undo(entry)
        return previous

    def status(self, month: str | Month | None = None) -> MonthStatus:
        """Where the month stands against its budgets (reads aggregates, never expenses)."""
        which = self._month(month)
        totals = self.ledger.month_totals(which)
        return month_status(
            which, self.base_currency, self.ledger.budgets(), totals, self.clock.today()
        )

    # categories, rules, notifications ---------------------------------------------------
    def categories(self) -> list[CategoryInfo]:
        """Built-in categories and every one in use, with counts and budgets."""
        used = self.ledger.categories_in_use()
        limits = effective_budgets(self.ledger.budgets(), Month.of(self.clock.today()))
        names = list(EVERYDAY_CATEGORIES)
        names += sorted((set(used) | set(limits)) - set(names))
        return [
            CategoryInfo(
                name,
                used.get(name, 0),
                name in EVERYDAY_CATEGORIES,
                limits[name].limit if name in limits else None,
            )
            for name in names
        ]

    def add_rule(self, pattern: str, category: str, regex: bool = False) -> Rule:
        """Send descriptions matching `pattern` (text, or a regex) to `category` from now on."""
        cleaned = stored.pattern(pattern)
        if regex:
            compile_rule_regex(cleaned)
        with self.ledger.transaction():
            rule = self.ledger.add_rule(
                cleaned, category_name(category), regex, now=self.clock.now()
            )
            self._record(LocalEdit(Kind.RULE, rule.key))
        return rule

    def rules(self) -> list[Rule]:
        """The rules in the order they are tried."""
        return list(self.ledger.rules())

    def remove_rule(self, rule_id: int) -> Rule:
        """Delete a rule by its number."""
        if not 0 < rule_id <= LARGEST_NUMBER:  # no store numbers a rule so
            raise NotFound(f"no rule #{rule_id}", hint="see `sbp rules list`")
        with self.ledger.transaction():
            rule = self.ledger.remove_rule(rule_id)
            self._record(removal(Kind.RULE, rule.key))
        return rule

    def explain(
        self, description: str, kind: str | None = None, mcc: str | None = None
    ) -> Explanation:
        """What every layer would make of `description` (with the bank's transaction type and
        merchant category code, if given), and why."""
        if mcc is not None and not (mcc.strip().isdigit() and len(mcc.strip()) <= 4):
            raise InvalidInput(f"merchant category code '{mcc}' is not a number of 4 digits")
        text = clean_description(description)
        return self._categorizer().explain(text, kind=kind, mcc=mcc)

    def notifications(
        self, unread_only: bool = False, limit: int | None = None
    ) -> list[Notification]:
        """Budget alerts raised so far, newest first (at most `limit` of those asked for)."""
        limit = self.limit(limit)
        # with unread_only the limit applies after the filter, so read alerts cannot crowd it
        found = self.ledger.notifications(None if unread_only else limit)
        chosen = [n for n in found if not (unread_only and n.read)]
        return chosen if limit is None else chosen[:limit]

    def mark_notifications_read(self) -> int:
        """Mark every alert read; how many were unread."""
        with self.ledger.transaction():
            unread = [n.dedupe_key for n in self.ledger.notifications() if not n.read]
            marked = self.ledger.mark_notifications_read()
            self._record(*(LocalEdit(Kind.NOTIFICATION, key, READ) for key in unread))
        return marked
