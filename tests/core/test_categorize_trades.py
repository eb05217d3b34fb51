"""Classes of card and bank descriptions the keyword layer reads: trades written the way card
terminals and bank payees write them, and keywords that are also brands or everyday words."""

from __future__ import annotations

import pytest

from sbp.core.categorize import Categorizer, KeywordTable
from sbp.core.model import CategorySource


@pytest.mark.parametrize(
    ("description", "category"),
    [
        ("REST LA CABANA MONTERREY", "dining"),  # Latin American terminals shorten restaurante
        ("PARKDALE GAS BAR #12", "fuel"),  # Canadian filling stations
        ("HILLTOP SSTN", "fuel"),  # a service station, as UK terminals shorten it
        ("TAXA 4X12 KOEBENHAVN", "transport"),  # Danish and Swedish for taxi
        ("KINGSWAY LETTINGS LTD", "housing"),  # rent paid to a letting agent
        ("NORTHUMBRIAN WATER", "utilities"),
        ("RIVERSIDE HEALTHCARE", "health"),
        ("ST MARY'S CHURCH APPEAL", "gifts"),
        ("HOTEL REST RECEPCION", "travel"),  # "hotel" is the longer keyword
        ("MAPLE HOBBIES & CRAFTS", "shopping"),
    ],
)
def test_a_trade_written_as_terminals_write_it_is_read(description: str, category: str) -> None:
    choice = Categorizer().categorize(description)

    assert choice.category == category, choice.reason
    assert choice.source is CategorySource.DEFAULT


@pytest.mark.parametrize(
    ("description", "category"),
    [
        ("UNITED TAXI CO", "transport"),  # not United Airlines
        ("DELTA PIZZA", "dining"),  # not Delta Air Lines
        ("PHONE REPAIR CENTRE", "phone & internet"),  # not home repairs
        ("CARDS & GIFTS EMPORIUM BOOKS", "shopping"),
    ],
)
def test_a_keyword_that_is_also_a_brand_yields_to_any_other_keyword(
    description: str, category: str
) -> None:
    assert Categorizer().categorize(description).category == category


def test_between_keywords_as_long_the_last_names_the_place() -> None:
    table = KeywordTable({"entertainment": ("museum",), "dining": ("tavern",)})

    assert table.match("museum tavern") == ("dining", "tavern")
    assert table.match("tavern museum") == ("entertainment", "museum")


def test_a_brand_like_keyword_alone_still_counts() -> None:
    table = KeywordTable({"travel": ("united",), "transport": ("cab",)})

    assert table.match("united 0162130099") == ("travel", "united")
    assert table.match("united cab") == ("transport", "cab")


@pytest.mark.parametrize(
    ("description", "category"),
    [
        ("GRANDCITYHOTEL", "travel"),
        ("WWW.METROTAXI", "transport"),
        ("CORNERSTONEPIZZA", "dining"),
    ],
)
def test_a_trade_ending_words_run_together_names_the_business(
    description: str, category: str
) -> None:
    choice = Categorizer().categorize(description)

    assert choice.category == category, choice.reason
    assert "run together" in choice.reason
    assert choice.weak


def test_a_trade_inside_a_longer_word_is_not_read() -> None:
    # "hotelier" and "taxidermy" hold the words but name other trades
    assert Categorizer().categorize("HOTELIERSUPPLY").category == "other"
    assert Categorizer().categorize("TAXIDERMYSTUDIO").category == "other"


@pytest.mark.parametrize(
    ("description", "category"),
    [
        ("MAPLELEAF PARKADE 0412", "transport"),  # Canadian car parks
        ("BRIGHTWATER ESCAPE ROOM", "entertainment"),
        ("HARBOUR CHOCOLATIER", "groceries"),
        ("DUNMORE PHYSIOTHERAPY", "health"),
        ("WESTFIELD HYDRO 4412", "utilities"),  # Canadian electricity
        ("KESTREL PROPERTIES", "housing"),
        ("LINDEN MOTORS 0412", "transport"),
        ("QUILLFIELD ART SUPPLIES", "shopping"),
        ("ASHGROVE TUTORING", "education"),
        ("BAYSIDE GELATERIA", "dining"),
        ("HOLLYBANK TOWING 24", "transport"),
        ("FERNHILL HAND CAR WASH", "transport"),
        ("ASHCOMBE HOME HDW 1350", "housing"),  # hardware, as terminals shorten it
        ("BIRCHLEY SOD & TURF", "housing"),
        ("ELMSTEAD POULTRY & MEATS", "groceries"),
        ("ROWAN TEXTILES", "shopping"),
        ("KESTON TONER CARTRIDGES", "shopping"),
        ("MAPLETON BOWLING", "entertainment"),
        ("CEDARWAY HSE HTL", "travel"),  # a hotel, as terminals shorten it
    ],
)
def test_everyday_trades_of_many_kinds_are_read(description: str, category: str) -> None:
    choice = Categorizer().categorize(description)

    assert choice.category == category, choice.reason


def test_a_trade_word_cut_at_the_terminals_width_is_read() -> None:
    choice = Categorizer().categorize("MAPLE ART SUPPLI")

    assert choice.category == "shopping", choice.reason
    assert "cut short" in choice.reason and choice.weak


def test_a_place_word_alone_is_too_little_to_file_by() -> None:
    choice = Categorizer().categorize("STATIONS")

    assert choice.category == "other" and choice.guess == "transport"
