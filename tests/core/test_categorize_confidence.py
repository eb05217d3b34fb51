"""Every answer says how sure it is, layers that disagree are weighed together, and a guess too
weak to make is filed under `other` with the guess named. Descriptions here are made up."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sbp.core.categorize import Categorizer, Choice
from sbp.core.categorize.confidence import GUESS_FROM, SURE, settle
from sbp.core.categorize.merchants import MerchantBase
from sbp.core.model import CategorySource, Rule

MERCHANT = CategorySource.MERCHANT
DEFAULT = CategorySource.DEFAULT

# a knowledge base of three made-up brands, in the shipped file's layout
KINDS = "@kinds\tshop/supermarket\tshop/books\toperators/amenity/parking\ttourism/hotel"
DATA = "\n".join(
    (
        "# test data",
        "# test tables",
        KINDS,
        "lumora\t0\tLumora",
        "quillon\t1,2;a\tQuillon",
        "vessaly\t3\tVessaly",
    )
).encode()

DESCRIPTIONS = [
    "LUMORA 0412 HARTWELL",
    "LUMORA PHOTO 3321",
    "HOTEL PARCHEGGIO NORD",
    "QUILLON 2231",
    "VESSALY BRENMOOR",
    "NORTHGATE AIRPORT 22",
    "NORTHGATE AIRPORT PARKING",
    "KESTREL CAFE",
]


def knowing() -> Categorizer:
    return Categorizer(merchants=MerchantBase(DATA, online={}))


def test_what_the_person_chose_is_certain_and_what_sbp_knows_says_how_sure() -> None:
    categorizer = Categorizer(
        rules=[Rule(1, "kestrel", "birds")], merchants=MerchantBase(DATA, online={})
    )

    assert categorizer.categorize("anything", explicit="treats").confidence == 1.0
    assert categorizer.categorize("KESTREL CAFE").confidence == 1.0
    brand = knowing().categorize("VESSALY BRENMOOR")
    assert (brand.category, brand.source, brand.confidence) == ("travel", MERCHANT, 0.9)
    assert not brand.weak
    # supermarkets sell much besides food: their names are right less often
    grocer = knowing().categorize("LUMORA 0412 HARTWELL")
    assert (grocer.category, grocer.confidence) == ("groceries", SURE["grocery brand"])
    assert SURE["grocery brand"] < SURE["brand"]


def test_a_name_that_brands_of_different_trades_share_is_not_filed_by_guess() -> None:
    choice = knowing().categorize("QUILLON 2231")

    assert choice.category == "other"
    assert choice.guess in ("shopping", "transport")  # the guess is named, not filed
    assert choice.confidence < GUESS_FROM and choice.weak
    assert "other brands of other trades share" in choice.reason


def test_a_brand_followed_by_another_trades_word_is_filed_by_the_trade() -> None:
    choice = knowing().categorize("LUMORA PHOTO 3321")  # a supermarket's photo counter

    assert (choice.category, choice.source) == ("shopping", DEFAULT)


def test_trades_that_disagree_leave_the_expense_in_other_with_the_guess_named() -> None:
    choice = Categorizer().categorize("HOTEL PARCHEGGIO NORD")  # a hotel, or its car park?

    assert (choice.category, choice.guess) == ("other", "travel")
    assert "against transport" in choice.reason
    assert choice.confidence < GUESS_FROM


def test_a_word_that_says_where_not_what_is_too_little_alone() -> None:
    alone = Categorizer().categorize("NORTHGATE AIRPORT 22")
    with_trade = Categorizer().categorize("NORTHGATE AIRPORT PARKING")

    assert (alone.category, alone.guess) == ("other", "travel")
    assert with_trade.category == "transport"


def test_an_answer_the_explanation_weighs_together_is_listed_first() -> None:
    explanation = Categorizer().explain("HOTEL PARCHEGGIO NORD")

    assert explanation.chosen is explanation.candidates[0]
    assert explanation.chosen.category == "other"
    layers = [(c.category, c.source) for c in explanation.candidates[1:]]
    assert layers == [("travel", DEFAULT), ("transport", DEFAULT), ("other", DEFAULT)]


def opinion(category: str, sure: float) -> Choice:
    return Choice(category, DEFAULT, f"says {category}", confidence=sure)


def test_agreeing_layers_keep_the_strongest_confidence() -> None:
    settled = settle([opinion("fuel", 0.7), opinion("fuel", 0.9)])

    assert settled is not None and (settled.category, settled.confidence) == ("fuel", 0.9)


def test_an_equal_quarrel_falls_below_the_line_and_a_weak_rival_barely_moves_it() -> None:
    equal = settle([opinion("fuel", 0.9), opinion("groceries", 0.9)])
    lopsided = settle([opinion("travel", 0.95), opinion("shopping", 0.6)])

    assert equal is not None and equal.confidence < GUESS_FROM
    assert lopsided is not None and lopsided.category == "travel"
    assert lopsided.confidence > 0.85
    assert settle([]) is None


def test_the_stronger_opinion_wins_whatever_its_place() -> None:
    settled = settle([opinion("dining", SURE["brand cut short"]), opinion("transport", 0.9)])

    assert settled is not None and settled.category == "transport"
    assert "against dining" in settled.reason


@given(st.text(max_size=40))
def test_sbp_never_files_an_expense_on_less_than_the_line(description: str) -> None:
    choice = Categorizer().categorize(description)

    assert 0.0 <= choice.confidence <= 1.0
    if choice.category != "other":
        assert choice.confidence >= GUESS_FROM
    else:
        assert choice.confidence < GUESS_FROM and choice.weak
