"""Each description the categorizer used to get wrong, as a person's bank wrote it."""

from __future__ import annotations

import pytest

from sbp.core.categorize import Categorizer
from sbp.core.importers.categories import ImportCategorizer
from sbp.core.model import CategorySource

MISSES = [
    ("WAFFLE HOUSE 1204 ATLANTA GA", "dining"),
    ("DOLLAR GENERAL #10234", "shopping"),
    ("AUTOZONE #4821", "transport"),
    ("FOOD LION #1622", "groceries"),
    ("AMC ONLINE 6749", "entertainment"),
    ("NYTIMES*NYTIMES 800-698-4637", "subscriptions"),
    ("COMPRA EN MERCADONA VALENCIA ES", "groceries"),
    ("AMZN Mktp UK", "shopping"),
    ("HILTON HOTELS PALM", "travel"),
    ("SHREWSBURY STARBUC", "coffee"),  # Lloyds cuts descriptions to 18 characters
    ("JOE'S TIRE & AUTO REPAIR", "transport"),  # once housing, for "repair"
    ("LIVERPOOL POR INTERNET CDMX", "shopping"),  # a department store, not phone & internet
    ("LNK TESCO", "cash"),  # a cash machine at Tesco, not groceries
]


@pytest.mark.parametrize(("description", "category"), MISSES)
def test_a_description_once_missed_is_filed_where_a_person_would_file_it(
    description: str, category: str
) -> None:
    choice = Categorizer().categorize(description)

    assert choice.category == category, choice.reason
    assert choice.source is not CategorySource.USER


def test_a_cash_withdrawal_is_cash_by_its_bank_code_wherever_it_was_taken() -> None:
    choice = Categorizer().categorize("TESCO BUCKINGHAM", kind="CPT")

    assert (choice.category, choice.source) == ("cash", CategorySource.BANK)
    assert "CPT" in choice.reason


def test_standing_orders_and_save_the_change_are_transfers() -> None:
    categories = ImportCategorizer(Categorizer())

    found = categories.choose_all(
        ["J SMITH RENT SHARE", "SAVE THE CHANGE", "MR J BLOGGS 1234"],
        [False, False, False],
        kinds=["SO", None, "SO"],
    )

    assert [c.category for c in found] == ["housing", "transfer", "transfer"]


def test_regular_credits_and_interest_are_income_not_refunds() -> None:
    categories = ImportCategorizer(Categorizer())

    found = categories.choose_all(
        ["UNIVERSITY OF LEEDS", "UNIVERSITY OF LEEDS", "INTEREST (GROSS)", "BOOTS UK 1234"],
        [True, True, True, True],
        kinds=["BGC", "BGC", None, None],
    )

    assert [c.category for c in found] == ["income", "income", "income", "income"]


def test_a_credit_is_a_refund_only_where_the_file_also_spent_at_that_merchant() -> None:
    categories = ImportCategorizer(Categorizer())

    found = categories.choose_all(
        ["ARGOS LTD 123", "ARGOS LTD 456", "CURRYS PC WORLD"], [False, True, True]
    )

    assert [(c.category, c.source.value) for c in found] == [
        ("shopping", "merchant"),
        ("shopping", "merchant"),  # a refund: it lowers shopping
        ("income", "default"),  # nothing was bought at Currys in this file
    ]
    assert "refund" in found[1].reason


def test_a_refund_needs_spending_on_an_earlier_line_however_the_rows_are_handed_over() -> None:
    rows = ["ARGOS LTD 1", "ARGOS LTD 2", "ARGOS LTD 3", "CURRYS PC WORLD 1", "CURRYS PC WORLD 2"]
    money_in = [True, False, True, False, True]  # Argos refunded before any Argos spending

    whole = ImportCategorizer(Categorizer()).choose_all(rows, money_in, lines=[1, 2, 3, 4, 5])
    blocks = ImportCategorizer(Categorizer())
    # a block at a time, each sorted by date as imports do (here: the other way round)
    split = blocks.choose_all(rows[1::-1], money_in[1::-1], lines=[2, 1])
    split += blocks.choose_all(rows[:1:-1], money_in[:1:-1], lines=[5, 4, 3])

    assert [c.category for c in whole] == ["income", "shopping", "shopping", "shopping", "shopping"]
    assert [c.category for c in split] == ["shopping", "income", "shopping", "shopping", "shopping"]
