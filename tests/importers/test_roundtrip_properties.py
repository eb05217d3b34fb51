"""Property: any valid expenses survive export and import, in CSV and in JSON, ids and the
layer that chose their category included."""

from __future__ import annotations

import io
from collections import Counter
from datetime import date
from decimal import Decimal

from bank_files import PinnedClock
from hypothesis import given, settings
from hypothesis import strategies as st

from sbp.core.printable import has_visible, printable
from sbp.planner import Planner
from sbp.store.memory import MemoryLedger

TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40
).filter(lambda t: has_visible(printable(t)))  # what `sbp add` takes
CATEGORY = st.from_regex(r"[a-z][a-z &'-]{0,20}[a-z]", fullmatch=True)
EXPENSE = st.tuples(
    st.dates(date(1990, 1, 1), date(2060, 12, 31)),
    st.sampled_from(["USD", "EUR", "GBP", "JPY"]),
    st.integers(-(10**9), 10**9).filter(lambda n: n != 0),
    TEXT,
    st.one_of(st.none(), CATEGORY),
    st.one_of(st.just(""), TEXT),
)


def planner() -> Planner:
    return Planner(MemoryLedger(), PinnedClock(), base_currency="USD")


def content(the_planner: Planner) -> Counter[tuple[object, ...]]:
    return Counter(
        (e.id, e.date, e.amount, e.currency, e.description, e.category, e.category_source,
         e.note, e.account, e.import_fingerprint)
        for e in the_planner.list_expenses(start="1900-01-01", end="2999-12-31")
    )  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(rows=st.lists(EXPENSE, min_size=1, max_size=12), fmt=st.sampled_from(["csv", "json"]))
def test_random_valid_expenses_survive_export_and_import(
    rows: list[tuple[date, str, int, str, str | None, str]], fmt: str
) -> None:
    source = planner()
    for day, currency, minor, description, category, note in rows:
        places = 0 if currency == "JPY" else 2
        amount = Decimal(minor).scaleb(-places)
        source.add_expense(
            amount, description, on=day, category=category, note=note, currency=currency
        )
    text = "".join(source.export(fmt))

    target = planner()
    result = target.import_file(f"export.{fmt}", io.BytesIO(text.encode()))

    assert result.invalid == []
    assert content(target) == content(source)
