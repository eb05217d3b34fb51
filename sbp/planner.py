"""The use cases of sbp, one short method each: the single API every front end calls.

Front ends pass what the person typed (amount and date text) or typed values; the Planner
parses with the core's rules, so the CLI, the TUI and the web view refuse the same input with
the same words. Each write is one ledger transaction together with its undo entry and alerts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, BinaryIO

from sbp.core.alerts import DEFAULT_THRESHOLDS, crossings, notification_for
from sbp.core.budget import CategoryStatus, MonthStatus, effective_budgets, month_status
from sbp.core.categorize import Categorizer, Explanation, category_name, compile_rule_regex
from sbp.core.categorize import learn_key as correction_key
from sbp.core.errors import AmbiguousId, InvalidInput, NotFound, NothingToUndo
from sbp.core.ids import UlidSequence, is_ulid, new_ulid, normalise_prefix
from sbp.core.keywords import EVERYDAY_CATEGORIES
from sbp.core.model import (
    NON_SPENDING,
    Budget,
    CategorySource,
    Expense,
    ExpenseQuery,
    Notification,
    Rule,
)
from sbp.core.money import format_amount, parse_amount
from sbp.core.periods import DateRange, Month, parse_date
from sbp.core.undo import (
    ChangeKind,
    UndoEntry,
    budget_from_dict,
    budget_to_dict,
    expense_from_dict,
    expense_to_dict,
)

if TYPE_CHECKING:  # off `sbp add`'s start-up: reports and imports are rare, ports are types
    from sbp.core.importers.rows import ImportBatch
    from sbp.core.importers.run import FileImport
    from sbp.core.ports import Clock, Ledger
    from sbp.core.report_periods import ReportPeriod
    from sbp.core.reports import ReportData

MIN_PREFIX = 4
MAX_DESCRIPTION = 200


@dataclass(frozen=True)
class ExpenseChange:
    """What a write did: the expense, its category's budget now, and any alerts it raised."""

    expense: Expense
    budget: CategoryStatus | None
    alerts: tuple[Notification, ...]


@dataclass(frozen=True)
class CategoryInfo:
    """A category as `sbp categories` lists it."""

    name: str
    expenses: int
    builtin: bool
    budget: Decimal | None


EXPENSE_ORDERS = ("date", "amount", "description", "category")


@dataclass(frozen=True)
class ExpensePage:
    """A slice of a long listing: the rows, where they start, and whether more follow."""

    rows: tuple[Expense, ...]
    offset: int
    has_more: bool


class Planner:
    """Every use case of sbp over the ports it is given."""

    def __init__(
        self,
        ledger: Ledger,
        clock: Clock,
        base_currency: str = "USD",
        thresholds: Sequence[int] = DEFAULT_THRESHOLDS,
    ) -> None:
        self.ledger = ledger
        self.clock = clock
        self.thresholds = tuple(thresholds)
        self._ids = UlidSequence()  # ids made in one burst sort in the order they were made
        self._default_currency = base_currency

    @property
    def base_currency(self) -> str:
        """The store's currency; fixed the first time the store is used."""
        return self.ledger.setting("base_currency") or self._default_currency

    # expenses ---------------------------------------------------------------------------
    def add_expense(
        self,
        amount: str | Decimal,
        description: str,
        *,
        on: str | date | None = None,
        category: str | None = None,
        note: str = "",
        currency: str | None = None,
        expense_id: str | None = None,
    ) -> ExpenseChange:
        """Record an expense, categorize it, and raise any budget alert it causes."""
        value, code = self._money(amount, currency)
        day = self._day(on)
        text = _description(description)
        now = self.clock.now()
        with self.ledger.transaction():
            self._fix_base_currency()
            choice = self._categorizer().categorize(text, category)
            expense = Expense(
                id=expense_id or self._ids.next(now),
                date=day,
                amount=value,
                currency=code,
                description=text,
                category=choice.category,
                category_source=choice.source,
                created_at=now,
                updated_at=now,
                note=note.strip(),
            )
            before = self._spent(expense.month, expense.category, code)
            self.ledger.add(expense)
            summary = f"added {self._describe(expense)}"
            entry = UndoEntry(ChangeKind.ADD, summary, None, expense_to_dict(expense))
            self.ledger.push_undo(entry)
            return self._change(expense, before)

    def list_expenses(
        self,
        *,
        month: str | Month | None = None,
        start: str | date | None = None,
        end: str | date | None = None,
        category: str | None = None,
        search: str | None = None,
        limit: int | None = None,
        newest_first: bool = True,
    ) -> list[Expense]:
        """Expenses of a period (this month unless a month or range is given), newest first."""
        return list(
            self.ledger.query(
                self.expense_query(month, start, end, category, search, limit, newest_first)
            )
        )

    def expense_query(
        self,
        month: str | Month | None = None,
        start: str | date | None = None,
        end: str | date | None = None,
        category: str | None = None,
        search: str | None = None,
        limit: int | None = None,
        newest_first: bool = True,
    ) -> ExpenseQuery:
        """The ledger query for a listing; shared by `list`, exports and the TUI."""
        if limit is not None and limit < 1:
            raise InvalidInput(f"limit must be a positive number, not {limit}")
        period = self.period(month, start, end)
        return ExpenseQuery(
            start=period.start if period else None,
            end=period.end if period else None,
            category=category_name(category) if category else None,
            search=search or None,
            limit=limit,
            newest_first=newest_first,
        )

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

    def show(self, id_prefix: str) -> Expense:
        """One expense by id or unique id prefix."""
        return self.ledger.get(self.resolve_id(id_prefix))

    def resolve_id(self, id_prefix: str) -> str:
        """The full id for a unique prefix of at least four characters, as git does."""
        prefix = normalise_prefix(id_prefix)
        if prefix is None:
            raise InvalidInput(f"'{id_prefix}' is not an expense id (ids look like 01KAB3...)")
        if is_ulid(prefix):
            return prefix
        if len(prefix) < MIN_PREFIX:
            raise InvalidInput(
                f"id prefix '{id_prefix}' is too short: give {MIN_PREFIX}+ characters"
            )
        found = self.ledger.ids_with_prefix(prefix, 11)
        if not found:
            raise NotFound(f"no expense id starts with '{prefix}'", hint="see `sbp list`")
        if len(found) > 1:
            raise AmbiguousId(prefix, found[:10], more=len(found) > 10)
        return found[0]

    def edit_expense(
        self,
        id_prefix: str,
        *,
        amount: str | Decimal | None = None,
        on: str | date | None = None,
        category: str | None = None,
        description: str | None = None,
        note: str | None = None,
    ) -> ExpenseChange:
        """Change some fields of an expense; a new category is remembered for next time."""
        old = self.show(id_prefix)
        changes: dict[str, object] = {}
        if amount is not None:
            changes["amount"], changes["currency"] = self._money(amount, old.currency)
        if on is not None:
            changes["date"] = self._day(on)
        if description is not None:
            changes["description"] = _description(description)
        if note is not None:
            changes["note"] = note.strip()
        if not changes and category is None:
            raise InvalidInput("nothing to change: give --amount, --date, --category, ...")
        with self.ledger.transaction():
            new = replace(old, updated_at=self.clock.now(), **changes)  # type: ignore[arg-type]
            lesson = self._lesson(new.description) if category is not None else None
            new = self._recategorize(old, new, category)
            # what the category held before this write (the old amount too, if it was there)
            before = self._spent(new.month, new.category, new.currency)
            self.ledger.replace(new)
            summary = f"edited {self._describe(new)}"
            after = expense_to_dict(new) | ({"learned": lesson} if lesson else {})
            entry = UndoEntry(ChangeKind.EDIT, summary, expense_to_dict(old), after)
            self.ledger.push_undo(entry)
            return self._change(new, before)

    def _lesson(self, description: str) -> dict[str, str | None] | None:
        """The correction an edit is about to overwrite, so that undo can put it back."""
        key = correction_key(description)
        return {"key": key, "previous": self.ledger.learned().get(key)} if key else None

    def _unlearn(self, lesson: dict[str, str | None] | None) -> None:
        if lesson is None or lesson["key"] is None:
            return
        if lesson["previous"] is None:
            self.ledger.forget(lesson["key"])
        else:
            self.ledger.learn(lesson["key"], lesson["previous"])

    def _recategorize(self, old: Expense, new: Expense, category: str | None) -> Expense:
        if category is not None:
            name = category_name(category)
            key = correction_key(new.description)
            if key:  # a description of only numbers leaves nothing to recognise it by
                self.ledger.learn(key, name)
            return replace(new, category=name, category_source=CategorySource.USER)
        if new.description != old.description and old.category_source != CategorySource.USER:
            choice = self._categorizer().categorize(new.description)
            return replace(new, category=choice.category, category_source=choice.source)
        return new

    def remove_expense(self, id_prefix: str) -> Expense:
        """Delete an expense (undo brings it back)."""
        expense = self.show(id_prefix)
        with self.ledger.transaction():
            self.ledger.remove(expense.id)
            summary = f"removed {self._describe(expense)}"
            entry = UndoEntry(ChangeKind.REMOVE, summary, expense_to_dict(expense), None)
            self.ledger.push_undo(entry)
        return expense

    def undo(self) -> UndoEntry:
        """Reverse the newest change (add, edit, rm, budget) and say which it was."""
        with self.ledger.transaction():
            entry = self.ledger.pop_undo()
            if entry is None:
                raise NothingToUndo("nothing to undo")
            self._reverse(entry)
        return entry

    def _reverse(self, entry: UndoEntry) -> None:
        if entry.kind is ChangeKind.ADD and entry.after is not None:
            with suppress(NotFound):  # already removed by another path: the undo's goal holds
                self.ledger.remove(entry.after["id"])
        elif entry.kind is ChangeKind.EDIT and entry.before is not None:
            self.ledger.replace(expense_from_dict(entry.before))
            self._unlearn((entry.after or {}).get("learned"))
        elif entry.kind is ChangeKind.REMOVE and entry.before is not None:
            self.ledger.add(expense_from_dict(entry.before))
        elif entry.kind is ChangeKind.BUDGET:
            if entry.before is not None:
                self.ledger.set_budget(budget_from_dict(entry.before))
            elif entry.after is not None:
                after = budget_from_dict(entry.after)
                self.ledger.remove_budget(after.category, after.month)

    # budgets ----------------------------------------------------------------------------
    def set_budget(
        self, category: str, amount: str | Decimal, month: str | Month | None = None
    ) -> Budget:
        """Set a category's limit for one month, or for every month when no month is given."""
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
            self.ledger.set_budget(budget)
            summary = f"set the {_budget_label(budget)} budget to {self._money_text(value)}"
            before = None if previous is None else budget_to_dict(previous)
            entry = UndoEntry(ChangeKind.BUDGET, summary, before, budget_to_dict(budget))
            self.ledger.push_undo(entry)
        return budget

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
            self.ledger.remove_budget(name, when)
            summary = f"removed the {_budget_label(previous)} budget"
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
        cleaned = pattern.strip()
        if not cleaned:
            raise InvalidInput("rule pattern is empty")
        if regex:
            compile_rule_regex(cleaned)
        return self.ledger.add_rule(cleaned, category_name(category), regex)

    def rules(self) -> list[Rule]:
        """The rules in the order they are tried."""
        return list(self.ledger.rules())

    def remove_rule(self, rule_id: int) -> Rule:
        """Delete a rule by its number."""
        return self.ledger.remove_rule(rule_id)

    def explain(self, description: str) -> Explanation:
        """Which rule, memory or keyword would categorize `description`, and why."""
        return self._categorizer().explain(_description(description))

    def notifications(
        self, unread_only: bool = False, limit: int | None = None
    ) -> list[Notification]:
        """Budget alerts raised so far, newest first (at most `limit` of those asked for)."""
        if limit is not None and limit < 1:
            raise InvalidInput(f"limit must be a positive number, not {limit}")
        # with unread_only the limit applies after the filter, so read alerts cannot crowd it
        found = self.ledger.notifications(None if unread_only else limit)
        chosen = [n for n in found if not (unread_only and n.read)]
        return chosen if limit is None else chosen[:limit]

    def mark_notifications_read(self) -> int:
        """Mark every alert read; how many were unread."""
        return self.ledger.mark_notifications_read()

    # screens left open all day (the TUI) ------------------------------------------------
    def expense_page(
        self,
        *,
        search: str | None = None,
        category: str | None = None,
        month: str | Month | None = None,
        order: str = "date",
        descending: bool = True,
        offset: int = 0,
        limit: int = 50,
    ) -> ExpensePage:
        """One page of expenses from every month (or one month), for tables too big to load."""
        if order not in EXPENSE_ORDERS:
            raise InvalidInput(f"cannot sort by '{order}': use {', '.join(EXPENSE_ORDERS)}")
        period = DateRange.of_month(self._month(month)) if month else None
        query = ExpenseQuery(
            start=period.start if period else None,
            end=period.end if period else None,
            category=category_name(category) if category and category.strip() else None,
            search=(search or "").strip() or None,
            limit=limit + 1,
            newest_first=descending,
        )
        rows = self.ledger.page(query, max(offset, 0), order)
        return ExpensePage(tuple(rows[:limit]), max(offset, 0), len(rows) > limit)

    def daily_spending(self, month: str | Month | None = None) -> list[tuple[date, Decimal]]:
        """Spending on each day of the month in the store's currency, income and transfers aside."""
        which = self._month(month)
        start = which.first_day.toordinal()
        days = {date.fromordinal(start + n): Decimal(0) for n in range(which.days)}
        for day, category, currency, spent in self.ledger.daily_totals(which):
            if category not in NON_SPENDING and currency == self.base_currency:
                days[day] += spent
        return sorted(days.items())

    def check_amount(self, text: str) -> Decimal:
        """What `text` means as an amount, or the error `add_expense` would raise for it."""
        return self._money(text, None)[0]

    def check_date(self, text: str) -> date:
        """What `text` means as a day, or the error `add_expense` would raise for it."""
        return parse_date(text, self.clock.today())

    def check_description(self, text: str) -> str:
        """The description as it would be stored, or the error `add_expense` would raise."""
        return _description(text)

    def outside_changes(self) -> int:
        """A number that moves when another process (another `sbp`) writes to the store."""
        return self.ledger.outside_changes()

    # reports --------------------------------------------------------------------------
    def report_period(
        self,
        *,
        month: str | None = None,
        week: str | None = None,
        year: str | None = None,
        start: str | None = None,
        end: str | None = None,
    ) -> ReportPeriod:
        """The period `sbp report` options name (this month when none is given)."""
        from sbp.core.report_periods import choose_period

        return choose_period(
            self.clock.today(), month=month, week=week, year=year, start=start, end=end
        )

    def report(self, period: ReportPeriod | None = None) -> ReportData:
        """A period's report: its expenses streamed once, oldest first, plus budgets and alerts."""
        from sbp.core.report_periods import choose_period
        from sbp.core.reports import ReportBuilder, alerts_in

        chosen = period or choose_period(self.clock.today())
        builder = ReportBuilder(chosen, self.base_currency)
        query = ExpenseQuery(start=chosen.days.start, end=chosen.days.end, newest_first=False)
        for expense in self.ledger.iter_expenses(query):
            builder.add(expense)
        return builder.finish(
            self.ledger.budgets(),
            alerts_in(self.ledger.notifications(), chosen),
            self._spending_in(chosen.previous()),
            self.clock.now(),
        )

    def _spending_in(self, period: ReportPeriod) -> Decimal:
        """Spending over a period: whole months from the aggregates, partial ones streamed."""
        from sbp.core.reports import is_spending, spending_of

        total = Decimal(0)
        for month, covered in period.month_coverage():
            if covered == month.days:
                total += spending_of(self.ledger.month_totals(month), self.base_currency)
                continue
            first = max(month.first_day, period.days.start)
            last = min(month.last_day, period.days.end)
            for expense in self.ledger.iter_expenses(ExpenseQuery(start=first, end=last)):
                if is_spending(expense, self.base_currency):
                    total += expense.amount
        return total

    # imports and exports ----------------------------------------------------------------
    def import_file(
        self,
        name: str,
        stream: BinaryIO,
        *,
        mapping: Mapping[str, str] | None = None,
        profile: str | None = None,
        account: str = "",
        dry_run: bool = False,
        skip_invalid: bool = False,
        force: bool = False,
        progress: Callable[[int], None] | None = None,
    ) -> FileImport:
        """Import one bank file as one batch, atomically: every new row, or (a dry run, or bad
        rows without `skip_invalid`) nothing at all."""
        from sbp.core.importers.detect import read_statement
        from sbp.core.importers.run import DiscardImport, ImportOptions, ImportRun

        settings = {**(self.import_profile(profile) if profile else {}), **(mapping or {})}
        statement = read_statement(name, stream, settings, self.base_currency)
        now = self.clock.now()
        batch_id = new_ulid(now)
        options = ImportOptions(account.strip(), force, keep_rows=dry_run)
        run = ImportRun(self.ledger, self._categorizer(), options, now, batch_id)
        with suppress(DiscardImport), self.ledger.transaction():
            self._fix_base_currency()
            result = run.run(statement, progress)
            if dry_run or (result.invalid and not skip_invalid):
                raise DiscardImport
            if result.added:
                self.ledger.save_import_batch(result.batch(batch_id, now))
                result.batch_id = batch_id
            result.stored = True
        return result

    def import_profile(self, name: str) -> dict[str, str]:
        """The `--map` settings saved under a profile name."""
        import json

        saved = self.ledger.setting(f"import_profile:{name.strip().lower()}")
        if saved is None:
            raise NotFound(f"no import profile '{name}'", hint="save one with --save-profile")
        return dict(json.loads(saved))

    def save_import_profile(self, name: str, settings: Mapping[str, str]) -> None:
        """Remember a file layout under a name, for `sbp import --profile NAME`."""
        if not name.strip() or not settings:
            raise InvalidInput("nothing to save as a profile: only CSV layouts are saved")
        import json

        key = f"import_profile:{name.strip().lower()}"
        self.ledger.set_setting(key, json.dumps(dict(settings), sort_keys=True))

    def import_batches(self) -> list[ImportBatch]:
        """Every import batch, newest first."""
        return list(self.ledger.import_batches())

    def undo_import(self, batch_prefix: str) -> tuple[ImportBatch, int]:
        """Remove exactly what one import batch added; the batch and how many expenses."""
        prefix = normalise_prefix(batch_prefix) or batch_prefix
        found = [b for b in self.ledger.import_batches() if b.id.startswith(prefix)]
        if not found:
            raise NotFound(
                f"no import batch starts with '{batch_prefix}'", hint="see `sbp import list`"
            )
        if len(found) > 1:
            raise AmbiguousId(prefix, [b.id for b in found[:10]])
        return found[0], self.ledger.remove_import_batch(found[0].id)

    def export(
        self,
        fmt: str,
        *,
        month: str | Month | None = None,
        start: str | date | None = None,
        end: str | date | None = None,
    ) -> Iterator[str]:
        """The store's expenses (all, or a month or range) as text in chunks, oldest first."""
        from sbp.core.exports import FORMATS, export

        if fmt not in FORMATS:
            raise InvalidInput(f"unknown export format '{fmt}'", hint=f"use {', '.join(FORMATS)}")
        everything = month is None and start is None and end is None
        period = None if everything else self.period(month, start, end)
        query = ExpenseQuery(
            start=period.start if period else None,
            end=period.end if period else None,
            newest_first=False,
        )
        categories = list(self.ledger.categories_in_use())
        return export(fmt, self.ledger.iter_expenses(query), categories)

    # shared steps -----------------------------------------------------------------------
    def categorizer(self) -> Categorizer:
        """The categorizer with this store's rules and corrections (imports reuse it)."""
        return self._categorizer()

    def _categorizer(self) -> Categorizer:
        return Categorizer(self.ledger.rules(), self.ledger.learned())

    def _change(self, expense: Expense, before: Decimal) -> ExpenseChange:
        """After a write: the category's budget status and the alerts newly crossed."""
        status = self._category_status(expense.month, expense.category, expense.currency)
        if status is None:
            return ExpenseChange(expense, None, ())
        alerts = []
        for crossing in crossings(expense.month, before, status, self.thresholds):
            notification = notification_for(crossing, self.clock.now(), self._ids.next)
            if self.ledger.record_notification(notification):
                alerts.append(notification)
        return ExpenseChange(expense, status, tuple(alerts))

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

    def _fix_base_currency(self) -> None:
        if self.ledger.setting("base_currency") is None:
            self.ledger.set_setting("base_currency", self._default_currency)

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
        return f"{amount} '{expense.description}' ({expense.category}, {expense.id[:8]})"


def _description(text: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise InvalidInput("description is empty: say what the money was for")
    if len(cleaned) > MAX_DESCRIPTION:
        raise InvalidInput(f"description is longer than {MAX_DESCRIPTION} characters")
    return cleaned


def _budget_label(budget: Budget) -> str:
    scope = str(budget.month) if budget.month else "every-month"
    return f"{budget.category} {scope}"
