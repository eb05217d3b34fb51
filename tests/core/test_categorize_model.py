"""The person's own model: a correction moves similar descriptions it has never seen, and not
dissimilar ones."""

from __future__ import annotations

from sbp.core.categorize import Categorizer
from sbp.core.categorize.ngrams import NgramModel, features
from sbp.core.categorize.towns import PlaceCodes, Towns
from sbp.core.model import CategorySource


def test_a_correction_moves_a_similar_merchant_never_seen() -> None:
    categorizer = Categorizer(learned={"joe's tire & auto repair": "car"})

    choice = categorizer.categorize("MIKE'S AUTO REPAIR #2 DENVER CO")

    assert (choice.category, choice.source) == ("car", CategorySource.MODEL)
    assert "repair" in choice.reason or "auto" in choice.reason


def test_a_correction_does_not_move_dissimilar_descriptions() -> None:
    categorizer = Categorizer(learned={"joe's tire & auto repair": "car"})

    for description in ["NETFLIX.COM 866-579-7172", "Paid Sam back", "WHOLE FOODS MKT"]:
        assert categorizer.categorize(description).source is not CategorySource.MODEL


def test_the_model_learns_one_example_at_a_time_and_can_take_one_back() -> None:
    model = NgramModel()
    model.learn("blue bottle oakland", "treats")
    assert model.predict("blue bottle sf") is not None
    assert model.predict("blue bottle sf").category == "treats"  # type: ignore[union-attr]

    model.learn("blue bottle oakland", "treats", weight=-1)

    assert len(model) == 0
    assert model.predict("blue bottle sf") is None


def test_the_model_says_which_pieces_decided() -> None:
    model = NgramModel.trained([("costa coffee", "treats"), ("shell", "car")])

    prediction = model.predict("costa coffee leeds")

    assert prediction is not None and prediction.confident
    assert prediction.category == "treats"
    assert set(prediction.deciding) & {"costa", "coffee"}


def test_pieces_are_words_and_marked_runs_of_letters() -> None:
    assert features("auto") == ["w:auto", "<au", "aut", "uto", "to>", "<aut", "auto", "uto>"]


def test_a_town_and_a_common_word_shared_with_a_correction_do_not_outweigh_a_trade() -> None:
    categorizer = Categorizer(
        learned={"elmbridge parking services": "transport", "elmbridge cab services": "transport"}
    )

    choice = categorizer.categorize("ELMBRIDGE LETTINGS SERVICES")

    assert (choice.category, choice.source) == ("housing", CategorySource.DEFAULT), choice.reason


def test_a_country_shared_with_a_correction_does_not_make_two_merchants_alike() -> None:
    categorizer = Categorizer(learned={"brightgas uk business": "utilities"})

    choice = categorizer.categorize("ZORBLY UK BUSINESS DESK")

    assert choice.source is not CategorySource.MODEL, choice.reason
    # the same merchant, elsewhere, still follows: its own words are shared
    moved = categorizer.categorize("BRIGHTGAS BUSINESS")
    assert (moved.category, moved.source) == ("utilities", CategorySource.MODEL), moved.reason


def test_the_model_counts_two_words_shared_beside_a_country() -> None:
    model = NgramModel.trained([("kettleby plumb supply uk", "housing")], places={"uk"})

    assert model.predict("kettleby plumb uk") is not None
    assert model.predict("kettleby plumb uk").confident  # type: ignore[union-attr]
    alone = model.predict("uk")
    assert alone is None or not alone.confident


def test_place_codes_are_the_codes_that_end_descriptions_and_name_a_place() -> None:
    places = PlaceCodes(Towns(["london", "uk", "usa"]))

    assert "uk" in places and "usa" in places
    assert "no" not in places  # a code of Norway, not on the map: "NO FRILLS" is a name
    assert "london" not in places  # a town, not a code: a merchant may be named after it
