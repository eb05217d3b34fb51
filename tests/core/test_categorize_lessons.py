"""A correction teaches sbp about the kind of place corrected, in every language and by the
bank's codes, and moves nothing else. Descriptions here are made up."""

from __future__ import annotations

from datetime import date

from sbp.bootstrap import SystemClock
from sbp.core.categorize import Categorizer
from sbp.core.model import CategorySource
from sbp.planner import Planner
from sbp.store.memory import MemoryLedger

MODEL = CategorySource.MODEL
DESCRIPTIONS = [
    "STARBUCKS 0414 HARTWELL",
    "COSTA COFFEE 1123",
    "KAHVILA AURORA",
    "BOOTS PHARMACY 22",
    "ODEON CINEMA 9",
    "TESCO STORES 3312",
    "KNEIPE ZUM ANKER",
    "WETHERSPOON 1123",
    "NIGHTOWL 42",
    "APPLEGREEN 0412",
    "SPAR 1231",
    "LUMEN CAFE",
    "ORCHID CAFE",
]


def test_a_category_of_ones_own_moves_the_kinds_brands_and_words_in_any_language() -> None:
    categorizer = Categorizer(learned={"starbucks": "treats"})

    for description in ["COSTA COFFEE 1123", "KAHVILA AURORA", "LUMEN CAFE"]:
        choice = categorizer.categorize(description)
        assert (choice.category, choice.source) == ("treats", MODEL), description
        assert "amenity=cafe" in choice.reason and "'starbucks'" in choice.reason


def test_it_moves_the_rows_whose_merchant_category_code_names_the_kind() -> None:
    categorizer = Categorizer(learned={"kneipe zum anker": "pubs"})

    assert categorizer.categorize("WETHERSPOON 1123").category == "pubs"
    assert categorizer.categorize("NIGHTOWL 42", mcc="5813").category == "pubs"
    assert categorizer.categorize("NIGHTOWL 42", mcc="5812").category != "pubs"


def test_a_correction_does_not_move_places_of_other_kinds() -> None:
    categorizer = Categorizer(learned={"starbucks": "treats"})

    found = {
        d: categorizer.categorize(d).category
        for d in ["BOOTS PHARMACY 22", "ODEON CINEMA 9", "TESCO STORES 3312"]
    }

    assert found == {
        "BOOTS PHARMACY 22": "health",
        "ODEON CINEMA 9": "entertainment",
        "TESCO STORES 3312": "groceries",
    }


def test_choosing_one_of_a_brands_own_trades_teaches_nothing_about_its_kind() -> None:
    # Applegreen runs convenience shops and fuel stations: filing it under fuel says which
    categorizer = Categorizer(learned={"applegreen": "fuel"})

    assert categorizer.categorize("APPLEGREEN 0412").category == "fuel"
    assert categorizer.categorize("SPAR 1231").category == "groceries"


def test_one_merchant_filed_under_a_built_in_category_moves_no_kind_and_two_do() -> None:
    one = Categorizer(learned={"lumen cafe": "dining"})
    two = Categorizer(learned={"lumen cafe": "dining", "costa coffee": "dining"})

    assert one.categorize("ORCHID CAFE").category == "coffee"
    assert two.categorize("ORCHID CAFE").category == "dining"


def test_corrections_that_disagree_about_a_kind_teach_nothing() -> None:
    categorizer = Categorizer(learned={"starbucks": "treats", "lumen cafe": "work"})

    assert categorizer.categorize("ORCHID CAFE").category == "coffee"


def test_a_correction_through_sbp_edit_moves_a_similar_merchant_added_later() -> None:
    planner = Planner(MemoryLedger(), SystemClock(), base_currency="GBP")
    first = planner.add_expense("3.10", "STARBUCKS 0414 HARTWELL", on=date(2026, 1, 5))
    assert first.expense.category == "coffee"

    planner.edit_expense(first.expense.id, category="treats")
    later = planner.add_expense("2.80", "COSTA COFFEE 1123", on=date(2026, 1, 6)).expense
    unrelated = planner.add_expense("9.00", "BOOTS PHARMACY 22", on=date(2026, 1, 6)).expense

    assert (later.category, later.category_source) == ("treats", MODEL)
    assert unrelated.category == "health"


def test_corrections_of_a_misread_brand_teach_nothing_about_the_brands_kind() -> None:
    # Cosmo and Prezzo are restaurants on the map; the words beside them name shops
    categorizer = Categorizer(
        learned={"cosmo guitar store": "shopping", "prezzo books": "shopping"}
    )

    for description in ["NANDOS 123", "WAGAMAMA 12"]:
        choice = categorizer.categorize(description)
        assert (choice.category, choice.source) == ("dining", CategorySource.MERCHANT)
