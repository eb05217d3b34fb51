"""Classes of description sbp knows with no help from the person, each from made-up names:
trades in many languages, airline tickets, names cut word by word, forecourt brands, pubs,
carriers and online services, web addresses without their dots."""

from __future__ import annotations

import pytest

from sbp.core.categorize import Categorizer
from sbp.core.model import CategorySource

TRADES_ABROAD = [
    ("APOTHEKE AM RATHAUS", "health"),
    ("PARCHEGGIO CENTRALE 4", "transport"),
    ("RAVINTOLA KULTAKALA", "dining"),
    ("TANKSTELLE MAIER 22", "fuel"),
    ("BOULANGERIE DUPONT", "groceries"),
    ("ZAHNARZTPRAXIS DR BECK", "health"),
    ("KAWIARNIA POD ROZA", "coffee"),
    ("ECZANE YILDIZ", "health"),
    ("VANDRARHEM SJOBODEN", "travel"),
    ("LIBRERIA EL FARO", "shopping"),
    ("REMISES DEL SUR", "transport"),
]
TICKETS = [
    ("AIR FRANC 0572345678901", "travel"),
    ("BRITISH AIRW 1252345678903", "travel"),
    ("GLOBEX0571234567890", "other"),  # Air France's code, but no airline's name
    ("WIDGETCO 1252345678901", "other"),  # a ticket's number with no airline's name
]
CUT_WORDS = [("RADISSON B", "travel"), ("CROWNE PLA 0412", "travel")]
FORECOURTS = [("SHEETZ 0412 ALTOONA", "fuel"), ("WAWA 8821", "fuel")]
PUBS = [("THE ROYAL OAK HENLEY", "dining"), ("KINGS ARMS BRADFORD", "dining")]
CARRIERS_AND_SERVICES = [
    ("ATLASSIAN 800-123-4567", "subscriptions"),
    ("TTC PRESTO 1234", "transport"),
    ("DART CHARGE 0412", "transport"),
    ("PORTER AIRLINES 0412", "travel"),
    ("WWWGREGGSCOUK", "dining"),  # a web address written without its dots
]
CHARITIES = [("SUE RYDER HEADINGTON", "gifts")]  # a charity's shop: paid as to a charity
DESCRIPTIONS = [
    d
    for d, _ in TRADES_ABROAD
    + TICKETS
    + CUT_WORDS
    + FORECOURTS
    + PUBS
    + CARRIERS_AND_SERVICES
    + CHARITIES
]


@pytest.mark.parametrize(("description", "category"), TRADES_ABROAD)
def test_a_trade_named_in_another_language_is_read(description: str, category: str) -> None:
    choice = Categorizer().categorize(description)

    assert choice.category == category, choice.reason
    assert choice.source is CategorySource.DEFAULT


@pytest.mark.parametrize(("description", "category"), TICKETS)
def test_an_airline_ticket_is_travel_when_its_code_is_the_named_airlines(
    description: str, category: str
) -> None:
    choice = Categorizer().categorize(description)

    assert choice.category == category, choice.reason
    if category == "travel":
        assert "ticket number" in choice.reason


@pytest.mark.parametrize(("description", "category"), CUT_WORDS)
def test_a_name_of_several_words_cut_short_is_found(description: str, category: str) -> None:
    choice = Categorizer().categorize(description)

    assert choice.category == category, choice.reason
    assert "cuts" in choice.reason and choice.weak


@pytest.mark.parametrize(
    ("description", "category"), FORECOURTS + PUBS + CARRIERS_AND_SERVICES + CHARITIES
)
def test_forecourts_pubs_carriers_and_online_services_are_known(
    description: str, category: str
) -> None:
    assert Categorizer().categorize(description).category == category


def test_a_name_cut_short_yields_to_a_whole_keyword_of_another_trade() -> None:
    # "Yellow Cab Pizza" starts with these words, but a cab is a cab
    assert Categorizer().categorize("YELLOW CAB 4411").category == "transport"
