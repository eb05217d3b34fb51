"""What a person's corrections teach about kinds of place, beyond the merchant corrected.

A correction names a merchant; sbp knows what kind of place many merchants are: the map's kind
of a known brand (Starbucks is `amenity/cafe`), the trade its words name in any language
("apotheke" and "pharmacy" are both `amenity/pharmacy`, see `trades`), and the kind the bank's
merchant category code stands for (5814 is fast food). So filing Starbucks under `treats`
teaches that cafes are treats: Costa, "CAFE MOZART" and a row whose code says cafe follow,
while a pharmacy or a cinema does not move.

A kind is taught when the person files it under a category of their own (one sbp does not
use, such as `treats`: one correction says how they sort their money), or when at least two
different merchants of the kind are filed under the same built-in category that is not the
kind's (two convenience-store brands filed under fuel say those shops sell fuel). A correction
that picks another of the brand's own kinds (Applegreen, convenience shops and fuel stations,
filed under fuel) says which of them the brand is, not how the person sorts such places, and
teaches nothing about the others; corrections that disagree about a kind teach nothing.
Nor does a correction whose other words name the trade it was filed under ("COSMO MUSIC
STORE" under shopping): sbp misread the brand (Cosmo, a restaurant), and restaurants stay.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import cache
from typing import NamedTuple

from sbp.core.categorize.choice import Choice, opinion
from sbp.core.categorize.confidence import SURE
from sbp.core.categorize.knowledge import Knowledge
from sbp.core.categorize.tags import CATEGORY_OF_KIND
from sbp.core.keywords import EVERYDAY_CATEGORIES
from sbp.core.model import NON_SPENDING, CategorySource

LONGEST_TRADE = 4
"""The most words of a trade name looked up."""

MCC_KINDS: dict[int, str] = {
    5411: "shop/supermarket", 5422: "shop/butcher", 5441: "shop/confectionery",
    5451: "shop/dairy", 5462: "shop/bakery", 5499: "shop/convenience", 5921: "shop/alcohol",
    5812: "amenity/restaurant", 5813: "amenity/pub", 5814: "amenity/fast_food",
    5541: "amenity/fuel", 5542: "amenity/fuel", 5552: "amenity/charging_station",
    5912: "amenity/pharmacy", 8021: "amenity/dentist", 8011: "amenity/doctors",
    8043: "shop/optician", 742: "amenity/veterinary", 7997: "leisure/fitness_centre",
    7011: "tourism/hotel", 4511: "aeroway/aerodrome", 3000: "aeroway/aerodrome",
    7512: "amenity/car_rental", 4722: "shop/travel_agency", 4121: "amenity/taxi",
    4111: "public_transport/station", 4112: "public_transport/station",
    4131: "public_transport/station", 7523: "amenity/parking", 4784: "highway/toll",
    7538: "shop/car_repair", 7542: "amenity/car_wash", 5532: "shop/tyres",
    5533: "shop/car_parts", 7832: "amenity/cinema", 7922: "amenity/theatre",
    7991: "tourism/museum", 5942: "shop/books", 5945: "shop/toys", 5944: "shop/jewelry",
    5992: "shop/florist", 5947: "shop/gift", 5651: "shop/clothes", 5691: "shop/clothes",
    5661: "shop/shoes", 5311: "shop/department_store", 7230: "shop/hairdresser",
    7210: "shop/laundry", 7216: "shop/dry_cleaning", 5251: "shop/hardware",
    5712: "shop/furniture", 5261: "shop/garden_centre", 4900: "office/energy_supplier",
    4814: "shop/telecommunication", 8220: "amenity/school", 8299: "amenity/school",
    8661: "amenity/place_of_worship", 5995: "shop/pet",
}  # fmt: skip
"""The kind of place each merchant category code stands for, where it names one."""


class Lesson(NamedTuple):
    """A kind of place the person files under a category, and the merchants that taught it."""

    category: str
    taught_by: tuple[str, ...]


class Lessons:
    """The kinds of place the person's corrections taught (see the module's docstring)."""

    def __init__(self, lessons: Mapping[str, Lesson], knowledge: Knowledge) -> None:
        self._lessons = dict(lessons)
        self._knowledge = knowledge

    @classmethod
    def taught(cls, corrections: Iterable[tuple[str, str]], knowledge: Knowledge) -> Lessons:
        """The lessons of (cleaned description, category) corrections."""
        filed: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for cleaned, category in corrections:
            match = knowledge.find(cleaned)
            merchant = match.brand.key if match is not None else cleaned
            if match is not None and category in match.brand.also:
                continue  # which of the brand's own trades it is, not how they sort money
            kinds = kinds_named(cleaned, knowledge)
            if match is not None and knowledge.named_beside(cleaned, match, category):
                # a brand misread, not a kind of place filed elsewhere
                kinds = [kind for kind in kinds if kind != match.brand.kind]
            for kind in kinds:
                filed[kind][category].add(merchant)
        lessons = {}
        for kind, by_category in filed.items():
            if len(by_category) != 1:
                continue  # corrections that disagree about a kind teach nothing
            ((category, merchants),) = by_category.items()
            if _teaches(kind, category, merchants):
                lessons[kind] = Lesson(category, tuple(sorted(merchants)))
        return cls(lessons, knowledge)

    def __bool__(self) -> bool:
        return bool(self._lessons)

    def opinion(self, cleaned: str, mcc: str | int | None = None) -> Choice | None:
        """The category the person files this kind of place under, or None."""
        if not self._lessons:
            return None
        kinds = kinds_named(cleaned, self._knowledge)
        code = _mcc_kind(mcc)
        if code is not None:
            kinds.insert(0, code)
        for kind in kinds:
            lesson = self._lessons.get(kind)
            if lesson is not None:
                shown = kind.replace("/", "=")
                taught = ", ".join(f"'{name}'" for name in lesson.taught_by[:3])
                reason = f"a place like {taught} ({shown}), which you filed under it"
                return opinion(lesson.category, CategorySource.MODEL, reason, SURE["lesson"])
        return None


def kinds_named(cleaned: str, knowledge: Knowledge) -> list[str]:
    """The kinds of place a cleaned description names: its known brand's, then its trade
    words', in the order they come."""
    found: list[str] = []
    words = cleaned.split(" ")
    match = knowledge.find(cleaned)
    if match is not None:  # "HOTEL CHOCOLAT" sells chocolate: its name's words say nothing
        found += [match.brand.kind] if match.brand.kind else []
        words = [word for word in words if word not in match.words]
    kind_of = trade_kinds()
    for start in range(len(words)):
        for size in range(min(LONGEST_TRADE, len(words) - start), 0, -1):
            kind = kind_of.get(" ".join(words[start : start + size]))
            if kind is not None and kind not in found:
                found.append(kind)
    return found


@cache
def trade_kinds() -> dict[str, str]:
    """Each trade word's kind of place."""
    from sbp.core.categorize.trade_words import default_trade_words

    return {word: trade.kind for word, trade in default_trade_words().trades.items()}


def _teaches(kind: str, category: str, merchants: set[str]) -> bool:
    if category not in EVERYDAY_CATEGORIES and category not in NON_SPENDING:
        return True  # a category of the person's own: how they sort such places
    if category == CATEGORY_OF_KIND.get(kind, _trade_category(kind)):
        return False  # sbp files the kind there already
    return len(merchants) >= 2


def _trade_category(kind: str) -> str:
    from sbp.core.categorize.trade_words import default_trade_words

    return default_trade_words().categories.get(kind, "")


def _mcc_kind(mcc: str | int | None) -> str | None:
    text = str(mcc if mcc is not None else "").strip()
    return MCC_KINDS.get(int(text)) if text.isdigit() and len(text) <= 4 else None
