"""The person's own model: a correction moves similar descriptions it has never seen, and not
dissimilar ones."""

from __future__ import annotations

from sbp.core.categorize import Categorizer
from sbp.core.categorize.ngrams import NgramModel, features
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
