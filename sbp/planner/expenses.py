"""Recording, listing, correcting and undoing expenses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from sbp.core.categorize import Choice, category_name, chosen_by_user
from sbp.core.categorize import learn_key as correction_key
from sbp.core.errors import AmbiguousId, InvalidInput, NotFound, NothingToUndo
from sbp.core.ids import is_ulid, normalise_prefix
from sbp.core.model import CategorySource, Expense, ExpenseQuery
from sbp.core.money import check_currency
from sbp.core.periods import Month
from sbp.core.sync.local import LocalEdit
from sbp.core.sync.records import Kind
from sbp.core.undo import (
    ChangeKind,
    UndoEntry,
    UndoOutcome,
    budget_from_dict,
    expense_from_dict,
    expense_to_dict,
)
from sbp.planner.base import (
    MIN_PREFIX,
    ExpenseChange,
    PlannerBase,
    clean_description,
    clean_note,
    removal,
)


class ExpenseUseCases(PlannerBase):
    """Recording, listing, correcting and undoing expenses."""

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
        receipt: Callable[[str], str] | None = None,
    ) -> ExpenseChange:
        """Record an expense, categorize it, and raise any budget alert it causes.

        `receipt`, when given, stores the expense's receipt: it is called with the new id once
        every check has passed, before anything is written, and returns the receipt's key (if
        it fails, nothing is stored)."""
        value, code = self._money(amount, currency)
        if currency is not None and code != check_currency(currency):
            raise InvalidInput(
                f"amount '{amount}' is in {code}, but the currency given is {currency.upper()}"
            )
        day = self._day(on)
        text = clean_description(description)
        named = None if category is None else category_name(category)  # "" is refused, not guessed
        now = self.clock.now()
        # Categorized before the write lock is taken: matching the person's rules never holds
        # up another writer (and the store's rules and corrections are read only if needed).
        choice = chosen_by_user(named) if named else self._categorizer().categorize(text)
        new_id = expense_id or self._ids.next(now)
        receipt_key = receipt(new_id) if receipt is not None else None
        with self.ledger.transaction():
            self._fix_base_currency()
            expense = Expense(
                id=new_id,
                date=day,
                amount=value,
                currency=code,
                description=text,
                category=choice.category,
                category_source=choice.source,
                created_at=now,
                updated_at=now,
                note=clean_note(note),
                receipt_key=receipt_key,
            )
            before = self._spent(expense.month, expense.category, code)
            self.ledger.add(expense)
            self._record(LocalEdit(Kind.EXPENSE, expense.id))
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
        limit = self.limit(limit)
        period = self.period(month, start, end)
        return ExpenseQuery(
            start=period.start if period else None,
            end=period.end if period else None,
            category=category_name(category) if category else None,
            search=search or None,
            limit=limit,
            newest_first=newest_first,
        )

    def show(self, id_prefix: str) -> Expense:
        """One expense by id or unique id prefix."""
        return self.ledger.get(self.resolve_id(id_prefix))

    def resolve_id(self, id_prefix: str) -> str:
        """The full id for a handle (the id's last characters, as `sbp list` shows them) or a
        unique prefix of at least four characters, as git takes."""
        prefix = normalise_prefix(id_prefix)
        if prefix is None:
            raise InvalidInput(f"'{id_prefix}' is not an expense id (ids look like 01KAB3...)")
        if is_ulid(prefix):
            return prefix
        if len(prefix) < MIN_PREFIX:
            raise InvalidInput(
                f"id prefix '{id_prefix}' is too short: give {MIN_PREFIX}+ characters"
            )
        found = sorted(
            {*self.ledger.ids_with_prefix(prefix, 11), *self.ledger.ids_ending_with(prefix, 11)}
        )
        if not found:
            raise NotFound(f"no expense id starts or ends with '{prefix}'", hint="see `sbp list`")
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
            changes["description"] = clean_description(description)
        if note is not None:
            changes["note"] = clean_note(note)
        if not changes and category is None:
            raise InvalidInput("nothing to change: give --amount, --date, --category, ...")
        new = old._replace(updated_at=self.clock.now(), **changes)  # type: ignore[arg-type]
        rechosen = None  # a new description is categorized again, before the write lock
        if category is None and new.description != old.description:
            rechosen = self._categorizer().categorize(new.description)
        with self.ledger.transaction():
            lesson = self._lesson(new.description) if category is not None else None
            new = self._recategorize(old, new, category, rechosen)
            # what the category held before this write (the old amount too, if it was there)
            before = self._spent(new.month, new.category, new.currency)
            self.ledger.replace(new)
            self._record_edit(old, new)
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
            self._record(removal(Kind.CORRECTION, lesson["key"]))
        else:
            self.ledger.learn(lesson["key"], lesson["previous"])
            self._record(LocalEdit(Kind.CORRECTION, lesson["key"]))

    def _record_edit(self, old: Expense, new: Expense) -> None:
        from sbp.core.sync.codec import changed_fields

        self._record(LocalEdit(Kind.EXPENSE, new.id, changed_fields(old, new)))

    def _recategorize(
        self, old: Expense, new: Expense, category: str | None, rechosen: Choice | None
    ) -> Expense:
        if category is not None:
            name = category_name(category)
            key = correction_key(new.description)
            if key:  # a description of only numbers leaves nothing to recognise it by
                self.ledger.learn(key, name)
                self._record(LocalEdit(Kind.CORRECTION, key))
            return new._replace(category=name, category_source=CategorySource.USER)
        if rechosen is not None and old.category_source != CategorySource.USER:
            return new._replace(category=rechosen.category, category_source=rechosen.source)
        return new

    def remove_expense(self, id_prefix: str) -> Expense:
        """Delete an expense (undo brings it back)."""
        expense = self.show(id_prefix)
        with self.ledger.transaction():
            self.ledger.remove(expense.id)
            self._record(removal(Kind.EXPENSE, expense.id))
            summary = f"removed {self._describe(expense)}"
            entry = UndoEntry(ChangeKind.REMOVE, summary, expense_to_dict(expense), None)
            self.ledger.push_undo(entry)
        return expense

    def undo(self) -> UndoOutcome:
        """Take back the newest change made from this terminal (add, edit, rm, budget) and say
        which it was. Newer changes that can no longer apply (their expense is gone, or was
        changed since) are skipped and leave the journal: they never block older ones."""
        skipped: list[tuple[UndoEntry, str]] = []
        with self.ledger.transaction():
            while (entry := self.ledger.pop_undo()) is not None:
                why = self._why_not_undoable(entry)
                if why is None:
                    self._reverse(entry)
                    return UndoOutcome(entry, tuple(skipped))
                skipped.append((entry, why))
        raise NothingToUndo(_nothing_left(skipped))  # the skipped entries are gone for good

    def _why_not_undoable(self, entry: UndoEntry) -> str | None:
        """Why the change cannot be taken back any more, or None when it can: what it
        changed must still be as it left it, or undoing it would undo someone else's work."""
        if entry.kind is ChangeKind.DAMAGED:
            return "the journal entry is damaged"
        try:
            if entry.kind is ChangeKind.BUDGET:
                return self._budget_moved(entry)
            if entry.kind is ChangeKind.REMOVE:
                return self._expense_back(entry)
            return self._expense_moved(entry)
        except (KeyError, TypeError, ValueError, ArithmeticError, InvalidInput):
            return "the journal entry cannot be read"

    def _expense_moved(self, entry: UndoEntry) -> str | None:
        from sbp.core.receipts import uploaded_as  # only undo reads receipts: not `sbp add`

        left = expense_from_dict(entry.after or {})
        try:
            now = self.ledger.get(left.id)
        except NotFound:
            return "that expense no longer exists"
        if now != left and uploaded_as(left.receipt_key, now.receipt_key, left.id):
            now = now._replace(receipt_key=left.receipt_key)  # its receipt went to the cloud
        return None if now == left else "that expense was changed since"

    def _expense_back(self, entry: UndoEntry) -> str | None:
        try:
            self.ledger.get(expense_from_dict(entry.before or {}).id)
        except NotFound:
            return None
        return "that expense is back already"

    def _budget_moved(self, entry: UndoEntry) -> str | None:
        which = budget_from_dict(entry.after or entry.before or {})
        left = None if entry.after is None else budget_from_dict(entry.after)
        now = self._budget(which.category, which.month)
        return None if now == left else "that budget was changed since"

    def _reverse(self, entry: UndoEntry) -> None:
        # every state is read before anything is written: a damaged one changes nothing
        if entry.kind is ChangeKind.ADD and entry.after is not None:
            self.ledger.remove(entry.after["id"])
            self._record(removal(Kind.EXPENSE, entry.after["id"]))
        elif entry.kind is ChangeKind.EDIT and entry.before is not None:
            before = expense_from_dict(entry.before)
            lesson = _lesson_of(entry.after)
            now = self.ledger.get(before.id)
            self.ledger.replace(before)
            self._record_edit(now, before)
            self._unlearn(lesson)
        elif entry.kind is ChangeKind.REMOVE and entry.before is not None:
            back = expense_from_dict(entry.before)
            self.ledger.add(back)
            self._record(LocalEdit(Kind.EXPENSE, back.id))
        elif entry.kind is ChangeKind.BUDGET:
            if entry.before is not None:
                self._store_budget(budget_from_dict(entry.before))
            elif entry.after is not None:
                after = budget_from_dict(entry.after)
                self._drop_budget(after.category, after.month)


def _nothing_left(skipped: list[tuple[UndoEntry, str]]) -> str:
    if not skipped:
        return "nothing to undo"
    newest, why = skipped[0]
    if len(skipped) == 1:
        return f"nothing to undo: skipped '{newest.summary}' ({why})"
    return (
        f"nothing to undo: skipped {len(skipped)} changes that no longer apply, the newest"
        f" '{newest.summary}' ({why})"
    )


def _lesson_of(after: dict[str, object] | None) -> dict[str, str | None] | None:
    """The correction an edit's undo record keeps (see `_lesson`), checked; ValueError if it
    is not one."""
    lesson = (after or {}).get("learned")
    if lesson is None:
        return None
    if not isinstance(lesson, dict):
        raise ValueError("not a correction")
    key, previous = lesson["key"], lesson["previous"]
    if not isinstance(key, str | None) or not isinstance(previous, str | None):
        raise ValueError("not a correction")
    return {"key": key, "previous": previous}
