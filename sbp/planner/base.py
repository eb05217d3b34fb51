"""What every group of use cases shares: the ports, parsing of what people type, and the
budget check that follows each write.
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each string annotation
# of its fields when the class is made, which costs every run of sbp start-up time.

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple, Self

from sbp.core import stored
from sbp.core.alerts import DEFAULT_THRESHOLDS, crossings, notification_for
from sbp.core.budget import CategoryStatus, effective_budgets
from sbp.core.categorize import Categorizer
from sbp.core.errors import InvalidInput
from sbp.core.ids import UlidSequence, handle
from sbp.core.model import Budget, CategoryTotal, Expense, Notification
from sbp.core.money import format_amount, parse_amount
from sbp.core.periods import DateRange, Month, parse_date
from sbp.core.sync.hlc import epoch_millis
from sbp.core.sync.local import LocalEdit
from sbp.core.sync.records import DELETED, Kind

if TYPE_CHECKING:  # the ports are only types here
    from sbp.core.ports import Clock, Ledger


MIN_PREFIX = 4
LARGEST_NUMBER = 2**63 - 1
"""The largest count or number a store keeps (SQLite's integers are 64-bit)."""
MAX_DESCRIPTION = stored.MAX_DESCRIPTION


class ExpenseChange(NamedTuple):
    """What a write did: the expense, its category's budget now, and any alerts it raised."""

    expense: Expense
    budget: CategoryStatus | None
    alerts: tuple[Notification, ...]


class PlannerBase:
    """The ports, the store's currency and the steps every group of use cases shares."""

    def __init__(
        self,
        ledger: "Ledger",
        clock: "Clock",
        base_currency: str = "USD",
        thresholds: Sequence[int] = DEFAULT_THRESHOLDS,
    ) -> None:
        self.ledger = ledger
        self.clock = clock
        self.thresholds = tuple(thresholds)
        self._ids = UlidSequence()  # ids made in one burst sort in the order they were made
        self._default_currency = base_currency
        self._store_currency: str | None = None  # read once: it never changes after it is set

    @property
    def base_currency(self) -> str:
        """The store's currency; fixed the first time the store is used."""
        if self._store_currency is None:
            self._store_currency = self.ledger.setting("base_currency")
        return self._store_currency or self._default_currency

    def period(
        self,
        month: str | Month | None = None,
        start: str | date | None = None,
        end: str | date | None = None,
    ) -> DateRange | None:
        """The days a listing covers: a range, a month, or (nothing given) this month."""
        if month is not None and (start is not None or end is not None):
            raise InvalidInput("give either a month or a --from/--to range, not both")
        if start is not None or end is not None:
            first = self._day(start) if start is not None else date(1, 1, 1)
            last = self._day(end) if end is not None else date(9999, 12, 31)
            return DateRange(first, last)
        return DateRange.of_month(self._month(month))

    def limit(self, limit: int | None) -> int | None:
        """A listing's "at most this many": positive; one past what any store holds is all."""
        if limit is None:
            return None
        if limit < 1:
            raise InvalidInput(f"limit must be a positive number, not {limit}")
        return None if limit > LARGEST_NUMBER else limit

    @contextmanager
    def on_this_thread(self) -> Iterator[Self]:
        """A Planner like this one over its store reached from the calling thread, for the
        length of the block (for a worker thread: see `Ledger.reopened`)."""
        ledger = self.ledger.reopened()
        try:
            yield type(self)(ledger, self.clock, self._default_currency, self.thresholds)
        finally:
            if ledger is not self.ledger:
                ledger.close()

    def categorizer(self) -> Categorizer:
        """The categorizer with this store's rules and corrections (imports reuse it)."""
        return self._categorizer()

    def _categorizer(self) -> Categorizer:
        return Categorizer(self.ledger.rules(), self.ledger.learned())

    def _change(self, expense: Expense, before: Decimal) -> ExpenseChange:
        """After a write: the category's budget status and the alerts newly crossed."""
        status, alerts = self._alerts(expense.month, expense.category, expense.currency, before)
        return ExpenseChange(expense, status, alerts)

    def _alerts(
        self, month: Month, category: str, currency: str, before: Decimal
    ) -> tuple[CategoryStatus | None, tuple[Notification, ...]]:
        """After a write that took the category's spending in `month` from `before` to what
        it is now: its budget status, and the alerts for the thresholds crossed on the way,
        each recorded once (its dedupe key) and returned only when new."""
        status = self._category_status(month, category, currency)
        if status is None:
            return None, ()
        alerts = []
        for crossing in crossings(month, before, status, self.thresholds):
            notification = notification_for(crossing, self.clock.now(), self._ids.next)
            if self.ledger.record_notification(notification):
                self._record(LocalEdit(Kind.NOTIFICATION, notification.dedupe_key))
                alerts.append(notification)
        return status, tuple(alerts)

    def _alerts_since(
        self, totals_before: Mapping[str, Sequence[CategoryTotal]]
    ) -> list[Notification]:
        """After a write of many expenses (an import): the alerts for the thresholds each
        budgeted category crossed between the month totals before it (by `YYYY-MM`) and now,
        recorded once each as `add_expense` records them."""
        raised: list[Notification] = []
        budgets = self.ledger.budgets()
        for text in sorted(totals_before):
            month = Month.parse(text)
            spent = self._spent_by_category(totals_before[text])
            for category in effective_budgets(budgets, month):
                before = spent.get(category, Decimal(0))
                raised += self._alerts(month, category, self.base_currency, before)[1]
        return raised

    def _spent_by_category(self, totals: Iterable[CategoryTotal]) -> dict[str, Decimal]:
        spent: dict[str, Decimal] = {}
        for total in totals:
            if total.currency == self.base_currency:
                spent[total.category] = spent.get(total.category, Decimal(0)) + total.spent
        return spent

    def _category_status(self, month: Month, category: str, currency: str) -> CategoryStatus | None:
        if currency != self.base_currency:
            return None
        budget = effective_budgets(self.ledger.budgets(), month).get(category)
        if budget is None:
            return None
        spent = self._spent(month, category, currency)
        return CategoryStatus(category, spent, budget.limit, currency)

    def _spent(self, month: Month, category: str, currency: str) -> Decimal:
        return sum(
            (t.spent for t in self.ledger.month_totals(month)
             if t.category == category and t.currency == currency),
            Decimal(0),
        )  # fmt: skip

    def _budget(self, category: str, month: Month | None) -> Budget | None:
        return next(
            (b for b in self.ledger.budgets() if b.category == category and b.month == month),
            None,
        )

    def _store_budget(self, budget: Budget) -> None:
        from sbp.core.sync.codec import budget_key

        self.ledger.set_budget(budget)
        self._record(LocalEdit(Kind.BUDGET, budget_key(budget.category, budget.month)))

    def _drop_budget(self, category: str, month: Month | None) -> None:
        from sbp.core.sync.codec import budget_key

        self.ledger.remove_budget(category, month)
        self._record(removal(Kind.BUDGET, budget_key(category, month)))

    def _fix_base_currency(self) -> None:
        # once read, the store's currency is known to be set: no need to ask the store again
        if self._store_currency is None and self.ledger.setting("base_currency") is None:
            self.ledger.set_setting("base_currency", self._default_currency)
            self._record(LocalEdit(Kind.SETTING, "base_currency"))

    def _syncing(self) -> bool:
        """Whether this store records its writes for sync (worth reading more to say what)."""
        return self.ledger.sync_state().enabled

    def _record(self, *edits: LocalEdit) -> None:
        """Hand what a write changed to the ledger, which keeps it for the next sync (in the
        write's transaction; nothing while this store does not sync)."""
        self.ledger.record_changes(edits, epoch_millis(self.clock.now()))

    def _money(
        self, amount: str | Decimal, currency: str | None, allow_zero: bool = False
    ) -> tuple[Decimal, str]:
        code = currency or self.base_currency
        if isinstance(amount, Decimal):
            parsed = parse_amount(format(amount, "f"), code)  # never `1E+3`
        else:
            parsed = parse_amount(amount, code)
        if parsed.amount == 0 and not allow_zero:
            raise InvalidInput(f"amount '{amount}' is zero: nothing to record")
        return parsed.amount, parsed.currency

    def _day(self, value: str | date | None) -> date:
        if value is None:
            return self.clock.today()
        if isinstance(value, date):
            return value
        return parse_date(value, self.clock.today())

    def _month(self, value: str | Month | None) -> Month:
        if value is None:
            return Month.of(self.clock.today())
        return value if isinstance(value, Month) else Month.parse(value)

    def _money_text(self, value: Decimal, currency: str | None = None) -> str:
        return format_amount(value, currency or self.base_currency, symbol=True)

    def _describe(self, expense: Expense) -> str:
        amount = self._money_text(expense.amount, expense.currency)
        return f"{amount} '{expense.description}' ({expense.category}, {handle(expense.id)})"


def clean_description(text: str) -> str:
    """A description as stored: one space between words, not empty, not too long."""
    return stored.description(text)


def clean_note(text: str) -> str:
    """A note as stored: one line, without terminal control characters."""
    return stored.note(text)


def removal(kind: Kind, key: str) -> LocalEdit:
    """The local edit of a record's deletion."""
    return LocalEdit(kind, key, frozenset({DELETED}))


def budget_label(budget: Budget) -> str:
    """`coffee 2026-11` or `coffee every-month`, for undo summaries."""
    scope = str(budget.month) if budget.month else "every-month"
    return f"{budget.category} {scope}"
