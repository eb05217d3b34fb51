"""How sure each kind of evidence makes sbp, and when it answers `other` rather than guess.

Each kind of evidence carries the share of answers resting on it that were right when it was
measured on the evaluation set's `dev` and `seen` rows (`bench/bench_categorize.py` prints
the measured share beside the stated one, by split), rounded down where few rows back it.
When the layers that read the description as a whole disagree, their opinions are weighed
together as independent witnesses: a category's weight is the product, over the opinions, of
each opinion's confidence where it names that category and of its doubt where it does not.
The heaviest category wins, as sure as its share of the weights times its strongest witness,
so agreeing layers keep their confidence and an equal quarrel falls to a coin toss.

Below `GUESS_FROM` the answer is `other`, with the guess named in the reason: a wrong
category hides an expense in a budget where the person will not look for it, while `other`
asks them (`sbp categories --review`). A guess is worth making only when it is right more
than about twice as often as it is wrong.
"""

from __future__ import annotations

from collections.abc import Sequence

from sbp.core.categorize.choice import Choice, opinion
from sbp.core.keywords import DEFAULT_CATEGORY
from sbp.core.model import CategorySource

SURE: dict[str, float] = {
    "bank type": 0.95,  # a transaction type that decides (ATM, XFER, INT)
    "bank words": 0.9,  # the same said in words ("CASH WITHDRAWAL")
    "merchant code": 0.9,  # ISO 18245, as the card network filed the merchant
    "bank hint": 0.6,  # a standing order is usually, not always, a transfer
    "online merchant": 0.95,  # the curated list: names with one meaning
    "brand": 0.9,  # a brand on the map, named whole
    # a supermarket or corner shop: they also sell photos, clothes and phones ("TESCO
    # DIRECT"), and many of their names are everyday words ("SIMPLY FISH"); alone or followed
    # only by a town, a store word or a code, 24 of 27 right on the dev and seen rows (other
    # brands on the map: 152 of 155); followed by other words (`towns`), 4 of 9
    "grocery brand": 0.8,
    "grocery brand and more": 0.5,
    "shared brand": 0.45,  # a name that several brands of different trades share
    # a one-word brand that is also a town's name, beside words that name no town: on the
    # later rows (`dev2`, `fresh`), 1 of 5 right
    "town's name": 0.45,
    "second brand": 0.6,  # a name after the merchant's: often a place ("IBIS PARIS")
    "brand cut short": 0.7,
    "brand run together": 0.7,
    "keyword": 0.9,
    "weak keyword": 0.65,  # a keyword that is also a brand or an everyday word
    "place word": 0.5,  # where the card was used ("AIRPORT"), more than what was bought
    "trade word": 0.85,  # a trade named in one of many languages
    "pub name": 0.7,  # "THE RED LION": most often, not always, a pub
    "keyword cut short": 0.7,
    "keyword run together": 0.7,
    "airline ticket": 0.95,  # an airline's name and its ticket number
    "lesson": 0.8,  # a kind of place the person's corrections filed elsewhere (`lessons`)
    "model": 0.9,  # the most the person's model claims, however sure it says it is
}
"""The confidence of each kind of evidence."""

GUESS_FROM = 0.6
"""The least confidence at which sbp files an expense rather than leave it in `other`."""


def settle(opinions: Sequence[Choice]) -> Choice | None:
    """The opinion that wins among layers that disagree (see the module's docstring), its
    confidence lowered by the others; None for no opinion. The first opinion naming the
    winning category speaks for it (layers are given in their order)."""
    if not opinions:
        return None
    categories = list(dict.fromkeys(o.category for o in opinions))
    if len(categories) == 1:
        return max(opinions, key=lambda o: o.confidence)
    weights = {c: _weight(c, opinions) for c in categories}
    best = max(categories, key=weights.__getitem__)  # ties: the earlier layer's category
    lead = next(o for o in opinions if o.category == best)
    strongest = max(o.confidence for o in opinions if o.category == best)
    sure = weights[best] / sum(weights.values()) * strongest
    rivals = "; ".join(f"{o.category} by {o.reason}" for o in opinions if o.category != best)
    reason = f"{lead.reason} (against {rivals})"
    return opinion(best, lead.source, reason, sure)


def unsure(choice: Choice) -> Choice:
    """`other` in place of a guess too weak to make, naming the guess."""
    reason = f"not sure enough ({choice.confidence:.0%}) of {choice.category}: {choice.reason}"
    return Choice(
        DEFAULT_CATEGORY, CategorySource.DEFAULT, reason, True, choice.confidence, choice.category
    )


def _weight(category: str, opinions: Sequence[Choice]) -> float:
    weight = 1.0
    for o in opinions:
        weight *= o.confidence if o.category == category else 1 - o.confidence
    return weight
