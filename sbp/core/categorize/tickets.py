"""Airline tickets as card statements print them: the airline's name, often cut short, then the
ticket number ("AIR CAN 0142125431625", "AMERICAN00123568555310").

A ticket number is 13 digits (14 with a check digit) whose first three are the airline's
accounting code, which IATA gives each airline (014 Air Canada, 125 British Airways, ...). A
number with a known airline's code after that airline's name, or after a word such as "air"
or "airways", is a flight, whatever else the description says. Codes and names are public
knowledge of the industry; only airlines that sell tickets to the public are listed.
"""

from __future__ import annotations

import re

from sbp.core.categorize.clean import words

AIRLINE_CODES: dict[str, tuple[str, ...]] = {
    "001": ("american airlines",), "006": ("delta air lines",), "014": ("air canada",),
    "016": ("united airlines",), "020": ("lufthansa",), "027": ("alaska airlines",),
    "044": ("aerolineas argentinas",), "045": ("latam airlines", "lan airlines"),
    "047": ("tap air portugal", "tap portugal"), "050": ("olympic air",),
    "053": ("aer lingus",), "055": ("ita airways", "alitalia"), "057": ("air france",),
    "064": ("czech airlines",), "065": ("saudia", "saudi arabian airlines"),
    "071": ("ethiopian airlines",), "072": ("gulf air",), "074": ("klm",),
    "075": ("iberia",), "077": ("egyptair",), "079": ("philippine airlines",),
    "080": ("lot polish airlines",), "081": ("qantas",), "082": ("brussels airlines",),
    "083": ("south african airways",), "086": ("air new zealand",), "098": ("air india",),
    "105": ("finnair",), "108": ("icelandair",), "114": ("el al",),
    "117": ("sas scandinavian airlines", "scandinavian airlines"), "125": ("british airways",),
    "126": ("garuda indonesia",), "127": ("gol linhas aereas",), "131": ("japan airlines",),
    "134": ("avianca",), "139": ("aeromexico",), "157": ("qatar airways",),
    "160": ("cathay pacific",), "176": ("emirates",), "180": ("korean air",),
    "205": ("all nippon airways", "ana"), "217": ("thai airways",), "220": ("lufthansa",),
    "230": ("copa airlines",), "232": ("malaysia airlines",), "235": ("turkish airlines",),
    "257": ("austrian airlines",), "279": ("jetblue airways",), "281": ("tarom",),
    "297": ("china airlines",), "390": ("aegean airlines",), "526": ("southwest airlines",),
    "555": ("aeroflot",), "607": ("etihad airways",), "618": ("singapore airlines",),
    "624": ("pegasus airlines",), "695": ("eva air",), "724": ("swiss international air lines",),
    "738": ("vietnam airlines",), "781": ("china eastern airlines",),
    "784": ("china southern airlines",), "831": ("croatia airlines",), "838": ("westjet",),
    "932": ("virgin atlantic",), "957": ("latam airlines brasil",), "988": ("asiana airlines",),
    "996": ("air europa",), "999": ("air china",),
}  # fmt: skip
"""Airlines' three-digit accounting codes, which start their ticket numbers."""

AIRLINE_WORDS = frozenset(("air", "airline", "airlines", "airways", "aero", "aerolineas"))

_TICKET = re.compile(r"(?<!\d)(\d{13,14})(?!\d)")


def ticket_airline(description: str) -> str | None:
    """The airline whose ticket the description names, or None."""
    found = _TICKET.search(description)
    if found is None:
        return None
    names = AIRLINE_CODES.get(found.group(1)[:3])
    before = [w for w in words(re.sub(r"\d", " ", description[: found.start()])) if w]
    if names is None or not before:
        return None
    if AIRLINE_WORDS.intersection(before):
        return names[0]
    for name in names:
        parts = name.split(" ")
        held = list(zip(before, parts, strict=False))
        if len(before[0]) >= 3 and all(part.startswith(word) for word, part in held):
            return name
    return None
