"""The layered categorizer: the user's word, their rules, their corrections, keywords, `other`."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sbp.core.categorize import (
    Categorizer,
    KeywordTable,
    category_name,
    compile_rule_regex,
    learn_key,
    normalise,
)
from sbp.core.errors import InvalidInput
from sbp.core.keywords import BUILTIN_KEYWORDS, EVERYDAY_CATEGORIES
from sbp.core.model import CategorySource, Rule


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("STARBUCKS #1234 SEATTLE 11/23 XX4411", "starbucks seattle"),
        ("Starbucks Seattle", "starbucks seattle"),
        ("WHOLE FOODS MKT No. 10233", "whole foods mkt"),
        ("SHELL store 57442", "shell"),
        ("CHEVRON 2026-11-21 ****1234", "chevron"),
        ("LIDL 23.11.2026 card 4411", "lidl"),
        ("Tesco *9921", "tesco"),
        ("  Blue   Bottle!!  ", "blue bottle"),
        ("AT&T Wireless", "at&t wireless"),
    ],
)
def test_descriptions_lose_store_numbers_dates_and_card_fragments(
    raw: str, normalised: str
) -> None:
    assert normalise(raw) == normalised


# One realistic bank-statement description per built-in category.
EVERYDAY = {
    "coffee": "STARBUCKS #1234 SEATTLE WA",
    "dining": "Chipotle Mexican Grill 0412",
    "groceries": "WHOLE FOODS MKT #10233",
    "transport": "UBER *TRIP HELP.UBER.COM",
    "fuel": "SHELL OIL 57442 11/21",
    "housing": "Monthly rent November",
    "utilities": "PG&E electricity bill",
    "phone & internet": "Verizon Wireless payment",
    "health": "CVS/PHARMACY #02231",
    "entertainment": "AMC cinema tickets",
    "shopping": "AMAZON.COM*MK1AB2 AMZN.COM/BILL",
    "travel": "Delta Air Lines flight to Denver",
    "subscriptions": "NETFLIX.COM 866-579-7172",
    "education": "Coursera course fee",
    "gifts": "Birthday gift for Sam",
    "fees": "OVERDRAFT FEE 11/23",
    "cash": "ATM WITHDRAWAL 11/23 MAIN ST",
    "other": "Paid Sam back",
}


def test_every_everyday_category_has_a_realistic_example() -> None:
    assert set(EVERYDAY) == set(EVERYDAY_CATEGORIES)
    assert len(BUILTIN_KEYWORDS) >= 15


@pytest.mark.parametrize(("category", "description"), sorted(EVERYDAY.items()))
def test_everyday_spending_is_recognised_by_what_sbp_knows_from_the_start(
    category: str, description: str
) -> None:
    choice = Categorizer().categorize(description)

    assert choice.category == category
    assert choice.source in (CategorySource.DEFAULT, CategorySource.MERCHANT)


@pytest.mark.parametrize(
    ("description", "category"),
    [
        ("UBER EATS order 4411", "dining"),  # the longer keyword wins over "uber"
        ("Uber trip", "transport"),
        ("Subway fare card reload", "transport"),
        ("SUBWAY sandwich", "dining"),
        ("H&M Berlin", "shopping"),
        ("Café Sacher", "coffee"),
        ("Barnes", "other"),  # "bar" is a whole word only
    ],
)
def test_keywords_match_whole_words_and_the_longest_wins(description: str, category: str) -> None:
    assert Categorizer().categorize(description).category == category


def test_the_users_own_category_beats_every_other_layer() -> None:
    categorizer = Categorizer(rules=[Rule(1, "starbucks", "treats")], learned={"starbucks": "work"})

    choice = categorizer.categorize("STARBUCKS #12", explicit="  Client  Meetings ")

    assert (choice.category, choice.source) == ("client meetings", CategorySource.USER)


def test_a_rule_beats_a_learned_correction_and_a_keyword() -> None:
    categorizer = Categorizer(rules=[Rule(1, "starbucks", "treats")], learned={"starbucks": "work"})

    choice = categorizer.categorize("STARBUCKS #12")

    assert (choice.category, choice.source) == ("treats", CategorySource.RULE)


def test_a_learned_correction_beats_a_keyword() -> None:
    categorizer = Categorizer(learned={"blue bottle": "treats"})

    choice = categorizer.categorize("BLUE BOTTLE #12 OAKLAND 11/23")

    assert (choice.category, choice.source) == ("treats", CategorySource.LEARNED)
    assert "blue bottle" in choice.reason


def test_a_keyword_beats_the_fallback_and_the_fallback_is_other() -> None:
    assert Categorizer().categorize("Netflix").category == "subscriptions"
    fallback = Categorizer().categorize("Paid Sam back")
    assert (fallback.category, fallback.source) == ("other", CategorySource.DEFAULT)


def test_rules_are_tried_in_order_and_the_first_match_wins() -> None:
    rules = [Rule(1, "uber eats", "takeout"), Rule(2, "uber", "rides")]
    categorizer = Categorizer(rules=rules)

    assert categorizer.categorize("UBER EATS 11/23").category == "takeout"
    assert categorizer.categorize("UBER TRIP").category == "rides"


def test_text_rules_ignore_case_and_store_numbers() -> None:
    categorizer = Categorizer(rules=[Rule(1, "STARBUCKS #123", "treats")])

    assert categorizer.categorize("starbucks #999 seattle").category == "treats"


def test_regex_rules_match_the_description_ignoring_case() -> None:
    categorizer = Categorizer(rules=[Rule(7, r"^amzn|amazon", "online", is_regex=True)])

    choice = categorizer.categorize("AMZN Mktp US*2K3")

    assert (choice.category, choice.source) == ("online", CategorySource.RULE)
    assert choice.reason == "rule #7 (regex '^amzn|amazon')"


def test_a_broken_regex_is_refused_with_the_reason() -> None:
    with pytest.raises(InvalidInput, match="not a valid regular expression"):
        compile_rule_regex("(unclosed")


def test_the_explanation_lists_every_layer_that_has_an_opinion_best_first() -> None:
    categorizer = Categorizer(
        rules=[Rule(1, "starbucks", "treats"), Rule(2, r"seattle", "travel", is_regex=True)],
        learned={"starbucks seattle": "work"},
    )

    explanation = categorizer.explain("STARBUCKS #123 SEATTLE")

    assert explanation.normalised == "starbucks seattle"
    assert [(c.category, c.source) for c in explanation.candidates] == [
        ("treats", CategorySource.RULE),
        ("travel", CategorySource.RULE),
        ("work", CategorySource.LEARNED),
        ("work", CategorySource.MODEL),  # what the correction taught about cafes
        ("coffee", CategorySource.MERCHANT),
        ("coffee", CategorySource.DEFAULT),
        ("work", CategorySource.MODEL),  # the model speaks after what is known of the words
        ("other", CategorySource.DEFAULT),
    ]
    assert explanation.chosen == explanation.candidates[0]
    reasons = [c.reason for c in explanation.candidates]
    assert reasons[:3] == [
        "rule #1 (text 'starbucks')",
        "rule #2 (regex 'seattle')",
        "you filed 'starbucks seattle' under it before",
    ]
    assert reasons[3] == "a place like 'starbucks' (amenity=cafe), which you filed under it"
    assert reasons[4] == "known merchant Starbucks (OpenStreetMap amenity=cafe)"
    assert reasons[5] == "built-in keyword 'starbucks'"
    assert reasons[6].startswith("your model: ") and "'starbucks'" in reasons[6]
    assert reasons[7] == "no layer knows this description"
    assert [c.confidence for c in explanation.candidates[:3]] == [1.0, 1.0, 1.0]
    assert 0.6 <= explanation.candidates[4].confidence < 1.0


def test_the_explanation_of_an_unknown_merchant_chooses_other() -> None:
    explanation = Categorizer().explain("Paid Sam back")

    assert explanation.chosen.category == "other"
    assert len(explanation.candidates) == 1


def test_the_explanation_chooses_what_categorize_chooses() -> None:
    categorizer = Categorizer(rules=[Rule(1, "uber", "rides")], learned={"lidl": "food"})
    for description in ["UBER EATS", "LIDL 11/23", "Netflix", "Paid Sam back"]:
        assert categorizer.explain(description).chosen == categorizer.categorize(description)


def test_corrections_are_remembered_under_the_normalised_description() -> None:
    assert learn_key("BLUE BOTTLE #12 11/23") == "blue bottle"


def test_a_remembered_correction_for_a_longer_description_does_not_claim_a_shorter_one() -> None:
    categorizer = Categorizer(learned={"blue bottle oakland": "treats"})

    shorter = categorizer.explain("Blue Bottle").candidates
    longer = categorizer.categorize("Blue Bottle Oakland airport")

    assert CategorySource.LEARNED not in {c.source for c in shorter}
    assert (longer.category, longer.source) == ("treats", CategorySource.LEARNED)


def test_a_custom_keyword_table_can_stand_in_for_the_builtin_one() -> None:
    table = KeywordTable({"pets": ("vet", "pet food"), "other things": ("pet",)})

    assert table.match("the pet food shop") == ("pets", "pet food")
    assert table.match("nothing here") is None


@pytest.mark.parametrize(
    ("typed", "stored"), [("Coffee", "coffee"), ("  Phone   &  Internet ", "phone & internet")]
)
def test_category_names_are_trimmed_and_lower_case(typed: str, stored: str) -> None:
    assert category_name(typed) == stored


@pytest.mark.parametrize(("typed", "says"), [("   ", "empty"), ("x" * 41, "longer than 40")])
def test_empty_and_overlong_category_names_are_refused(typed: str, says: str) -> None:
    with pytest.raises(InvalidInput, match=says):
        category_name(typed)


@given(st.text(max_size=60))
def test_any_description_gets_exactly_one_category_and_a_reason(description: str) -> None:
    categorizer = Categorizer(rules=[Rule(1, "coffee", "treats")], learned={"lidl": "food"})

    choice = categorizer.categorize(description)

    assert choice.category and choice.reason
    assert normalise(normalise(description)) == normalise(description)
