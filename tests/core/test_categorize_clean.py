"""The description cleaner every layer reads: what it removes, and what it promises for any text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sbp.core.categorize.clean import clean, words

STORE_NUMBER = re.compile(r"(?:\d{4,}|00+)[a-z]?")


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("SQ *BLUE BOTTLE #12 OAKLAND CA 11/23", "blue bottle oakland"),
        ("PAYPAL *NETFLIX 4029357733", "netflix"),
        ("WAFFLE HOUSE 1204 ATLANTA GA", "waffle house atlanta"),
        ("COMPRA EN MERCADONA VALENCIA ES", "mercadona valencia"),
        ("www.argos.co.uk", "argos"),
        ("CAFÉ DE FLORE PARIS FR", "cafe de flore paris"),
        ("JOE'S TIRE & AUTO REPAIR", "joes tire auto repair"),
        ("AT&T WIRELESS XXXX4411", "at&t wireless"),
        ("easyjet     000eqqfcf2", "easyjet"),
        ("1234 5678", "1234 5678"),  # nothing but numbers: the numbers stay
        # a store number run into the name it follows
        ("GROCEBURY0412      QPS", "grocebury qps"),
        ("PARKWELL00012345A", "parkwell"),
        ("MAPLEFORD HTL00", "mapleford htl"),
        ("M25 SERVICES", "m25 services"),  # too few letters to be a name with a number
        ("RUEBERRY21 #0412", "rueberry21"),  # a brand named with a number
        ("www.365blumen.co.uk", "365blumen"),  # a name that starts with a number
        ("GLOBEHOP 5QS47336YBDM", "globehop"),  # a reference, letters and digits mixed
        ("KETTLEWORKS UNITED KINGDOM", "kettleworks"),  # a country of two words
        ("UNITED KINGDOM", "united kingdom"),  # nothing else: the words stay
    ],
)
def test_descriptions_keep_only_the_merchants_words(raw: str, cleaned: str) -> None:
    assert clean(raw) == cleaned


descriptions = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60
)


@given(descriptions)
def test_cleaning_twice_changes_nothing(description: str) -> None:
    assert clean(clean(description)) == clean(description)


@given(descriptions)
def test_cleaning_never_empties_a_description(description: str) -> None:
    if description.strip():
        assert clean(description).strip()


@given(descriptions)
def test_cleaning_never_joins_words(description: str) -> None:
    whole = set(words(description))

    cleaned = clean(description)

    if whole:  # each word is a word of the description, or one with its store number cut off
        for word in cleaned.split(" "):
            assert word in whole or any(
                w.startswith(word) and STORE_NUMBER.fullmatch(w[len(word) :]) for w in whole
            )
