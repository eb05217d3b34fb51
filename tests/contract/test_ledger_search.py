"""Ledger contract: a text search finds the same expenses on every adapter.

A search is a substring of the description or the note, both sides folded by Python's
`str.lower()`, so accented and non-Latin text matches whatever its case, as people type it.
"""

# ruff: noqa: RUF001  (Greek and Cyrillic capitals that look Latin are the point here)

from __future__ import annotations

from collections.abc import Callable

import pytest

from sbp.core.model import Expense, ExpenseQuery
from sbp.core.ports import Ledger

ExpenseMaker = Callable[..., Expense]

DESCRIPTIONS = {
    "cafe": ("CAFÉ DE FLORE", ""),
    "strasse": ("Bäckerei Hauptstraße", ""),
    "moscow": ("Кофейня Москва", ""),
    "athens": ("ΤΑΒΕΡΝΑ ΟΔΥΣΣΕΥΣ", ""),
    "istanbul": ("İSTANBUL KEBAP", ""),
    "tokyo": ("東京ラーメン", "ramen with Ēmi"),
    "starbucks": ("Starbucks #1234", "Oat latte"),
}


@pytest.fixture
def stored(ledger: Ledger, make_expense: ExpenseMaker) -> dict[str, str]:
    """The name of each stored expense by its id."""
    names = {}
    for name, (description, note) in DESCRIPTIONS.items():
        expense = make_expense(description=description, note=note)
        ledger.add(expense)
        names[expense.id] = name
    return names


def found(ledger: Ledger, stored: dict[str, str], search: str) -> list[str]:
    return sorted(stored[e.id] for e in ledger.query(ExpenseQuery(search=search)))


@pytest.mark.parametrize(
    ("search", "names"),
    [
        ("café", ["cafe"]),
        ("Café De", ["cafe"]),
        ("cafe", []),  # no accent folding: an é is not an e
        ("HAUPTSTRASSE", []),  # lower(), not casefold(): ß stays ß
        ("HAUPTSTRAßE", ["strasse"]),
        ("BÄCKEREI", ["strasse"]),
        ("москва", ["moscow"]),
        ("КОФЕЙНЯ", ["moscow"]),
        ("οδυσσευς", ["athens"]),
        ("ΟΔΥΣΣΕΥΣ", ["athens"]),
        ("i̇stanbul", ["istanbul"]),
        ("İstanbul", ["istanbul"]),
        ("ラーメン", ["tokyo"]),
        ("ĒMI", ["tokyo"]),
    ],
)
def test_a_search_matches_non_ascii_text_in_any_case(
    ledger: Ledger, stored: dict[str, str], search: str, names: list[str]
) -> None:
    assert found(ledger, stored, search) == names


@pytest.mark.parametrize(
    ("search", "names"),
    [
        ("bucks", ["starbucks"]),
        ("#12", ["starbucks"]),
        ("s #1234", ["starbucks"]),
        ("at la", ["starbucks"]),  # in the middle of the note
        (
            "a",
            ["cafe", "istanbul", "starbucks", "strasse", "tokyo"],
        ),  # Cyrillic and Greek a are other letters
        ("é", ["cafe"]),
        ("flore ", []),
        ("%", []),
        ("_", []),
    ],
)
def test_a_search_matches_any_substring_of_a_description_or_note(
    ledger: Ledger, stored: dict[str, str], search: str, names: list[str]
) -> None:
    assert found(ledger, stored, search) == names


def test_a_search_never_spans_the_description_and_the_note(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    ledger.add(make_expense(description="Blue", note="Bottle"))

    for search in ("bluebottle", "blue bottle", "e\x1fb", "e\nb", "blue\x1f"):
        assert ledger.query(ExpenseQuery(search=search)) == []
    assert len(ledger.query(ExpenseQuery(search="BOTTLE"))) == 1


def test_an_edited_expense_is_found_by_its_new_text_only(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    expense = make_expense(description="Tesco", note="")
    ledger.add(expense)

    ledger.replace(expense._replace(description="ÉPICERIE Dupont", note="for Zoë"))

    assert ledger.query(ExpenseQuery(search="tesco")) == []
    assert [e.id for e in ledger.query(ExpenseQuery(search="épicerie"))] == [expense.id]
    assert [e.id for e in ledger.query(ExpenseQuery(search="ZOË"))] == [expense.id]
    ledger.replace(expense._replace(description="EPICERIE DUPONT", note=""))
    assert ledger.query(ExpenseQuery(search="zoë")) == []
    assert [e.id for e in ledger.query(ExpenseQuery(search="epicerie dupont"))] == [expense.id]


@pytest.mark.parametrize("order", ["date", "amount", "description", "category"])
def test_a_page_of_a_search_holds_the_same_expenses_in_every_order(
    ledger: Ledger, make_expense: ExpenseMaker, order: str
) -> None:
    made = [
        make_expense(amount=str(n + 1), description=f"{word} #{n}", category=f"c{n % 3}")
        for n, word in enumerate(["Café", "CAFÉ", "Tea", "café", "Bar", "Cafétéria"] * 3)
    ]
    for expense in made:
        ledger.add(expense)
    wanted = {e.id for e in made if "café" in e.description.lower()}

    first = ledger.page(ExpenseQuery(search="CAFÉ", limit=5), 0, order)
    rest = ledger.page(ExpenseQuery(search="CAFÉ", limit=50), 5, order)
    in_category = ledger.page(ExpenseQuery(search="café", category="c1", limit=50), 0, order)

    assert len(first) == 5
    assert {e.id for e in [*first, *rest]} == wanted
    assert len(first) + len(rest) == len(wanted)
    assert {e.id for e in in_category} == {
        e.id for e in made if e.id in wanted and e.category == "c1"
    }
