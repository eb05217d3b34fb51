"""Which expense typed by hand stands for which bank row, found when one of them arrives from
another device: the match this device's own import would have made.

A device matches only pairs it holds one side of as its own (made here: its creation carries
this device's node), the other side new to it: an imported expense arriving where the person
typed its row by hand, or an expense typed by hand arriving where this device imported its row.
So the device that typed the row and the device that imported it both see the pair, whichever
syncs first, and the first to see it links them (the same pair from either side: the matching
is the same test as an import's, `closest_match`, and ties go to the smallest ids). An expense
or a row a link names, or a row the person unlinked (`--force`), is never matched again.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from sbp.core.fingerprint import FUZZY_DAYS, closest_match
from sbp.core.importers.links import link_known
from sbp.core.model import Expense, ExpenseQuery
from sbp.core.money import from_minor
from sbp.core.sync.hlc import decode
from sbp.core.sync.local import field_version
from sbp.core.sync.records import Kind, Value

if TYPE_CHECKING:
    from sbp.core.ports import Ledger


class Side(NamedTuple):
    """What the matching reads of an expense."""

    id: str
    day: date
    amount: Decimal
    currency: str
    description: str
    key: str  # its import key ('' typed by hand)


class RowMatcher:
    """Pairs found among one page's new expenses and this device's own, linked at its end."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self._pairs: set[tuple[str, str, str]] = set()  # (typed id, imported id, import key)
        self._own: dict[str, bool] = {}
        self._by_day: dict[date, list[Expense]] = {}

    def arrived(self, expense_id: str, values: Mapping[str, Value]) -> None:
        """An expense new to this store (`values` as merged), from another device."""
        side = _side(expense_id, values)
        margin = timedelta(days=FUZZY_DAYS)
        start, end = side.day - margin, side.day + margin
        if side.key:  # an imported row: the expenses typed by hand here near it
            near = [e for e in self._typed_near(side.day) if _same_money(e, side)]
            pairs = [(e.id, side.id, side.key) for e in near]
        else:  # typed by hand (rare): this device's imported rows near it
            query = ExpenseQuery(start=start, end=end, newest_first=False)
            near = [
                e for e in self.ledger.iter_expenses(query)
                if e.import_fingerprint and _same_money(e, side) and self._made_here(e.id)
            ]  # fmt: skip
            pairs = [(side.id, e.id, e.import_fingerprint or "") for e in near]
        for typed_id, imported_id, key in pairs:
            other = [e for e in near if e.id in (typed_id, imported_id)]
            alike = closest_match(side.day, side.amount, side.currency, side.description, other)
            if alike is not None and not link_known(self.ledger, key):
                self._pairs.add((typed_id, imported_id, key))

    def links(self) -> dict[str, str]:
        """The pairs found, one expense a row and one row an expense (smallest ids first), as
        import key to expense; those a link took meanwhile are left out."""
        ledger = self.ledger
        pairs = sorted(self._pairs)
        self._pairs.clear()
        named = set(ledger.links_naming(sorted({typed for typed, _, _ in pairs})).values())
        made: dict[str, str] = {}
        for typed_id, _, key in pairs:
            if typed_id in named or key in made or link_known(ledger, key):
                continue
            named.add(typed_id)
            made[key] = typed_id
        return made

    def _typed_near(self, day: date) -> list[Expense]:
        """The expenses typed by hand on this device within FUZZY_DAYS of `day`, read once a
        day a page (an indexed probe; what a pull brings is never typed here)."""
        found = self._by_day.get(day)
        if found is None:
            margin = timedelta(days=FUZZY_DAYS)
            typed = self.ledger.hand_entered(day - margin, day + margin)
            found = self._by_day[day] = [e for e in typed if self._made_here(e.id)]
        return found

    def _made_here(self, expense_id: str) -> bool:
        """Whether an expense was made on this device (its creation carries this node)."""
        own = self._own.get(expense_id)
        if own is None:
            state = self.ledger.sync_state()
            held = self.ledger.held_records(Kind.EXPENSE, [expense_id]).get(expense_id)
            base = state.base_version or ""
            made = field_version(held.versions if held else None, "created", base)
            try:
                own = decode(made)[2] == state.node
            except ValueError:
                own = False
            self._own[expense_id] = own
        return own


def _side(expense_id: str, values: Mapping[str, Value]) -> Side:
    currency = str(values.get("currency"))
    amount = values.get("amount")
    return Side(
        expense_id,
        date.fromisoformat(str(values.get("date"))),
        from_minor(amount if isinstance(amount, int) else 0, currency),
        currency,
        str(values.get("description", "")),
        str(values.get("fingerprint") or ""),
    )


def _same_money(expense: Expense, side: Side) -> bool:
    return expense.amount == side.amount and expense.currency == side.currency
