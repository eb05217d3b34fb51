"""What sbp knows of a description with no help from the person: the merchants it names, the
airline ticket it carries, the built-in keywords and the trade words of many languages, each
as an opinion with its confidence (see `confidence`).

Opinions come in two groups, each weighed on its own: what the description says as a whole
(`whole`), and what its pieces say when the whole says nothing (`parts`: a name or a keyword
cut short at the end, or run together with other words). A supermarket's name is trusted alone
or followed only by where it is (a town, a store word, a code: see `towns`), and weighed as a
guess too weak to file by when other words follow ("TESCO DIRECT"). The merchant data, the
trade words and the towns are read only when a description gets that far: `sbp add 12.50
coffee` reads none of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sbp.core.categorize.choice import Choice, opinion
from sbp.core.categorize.confidence import SURE
from sbp.core.categorize.keyword_table import KeywordTable
from sbp.core.keywords import WEAK_KEYWORDS
from sbp.core.model import CategorySource

if TYPE_CHECKING:  # made on first use, so not imported at start-up
    from sbp.core.categorize.merchants import MerchantBase, MerchantMatch
    from sbp.core.categorize.towns import Towns
    from sbp.core.categorize.trade_words import TradeWords

VAGUE = frozenset(("store", "shop", "market", "mall", "bar", "book", "books", "property"))
"""Keywords too general to say a place is not the brand it names ("LIDL WEEKLY SHOP")."""

PLACE_WORDS = frozenset(("airport", "station", "stations", "stn", "mall", "garage"))
"""Keywords that say where a card was used more often than what was bought: a shop, a cafe or
a car park at an airport or a station; a garage sells fuel or mends cars. Alone, they are too
little to file by."""

STORE_WORDS = frozenset(
    (
        "store", "stores", "superstore", "superstores", "supermarket", "supermarkets",
        "hypermarket", "express", "extra", "metro", "local", "branch",
        "home", "shopping", "online", "delivery", "deliveries", "self", "service",
        "internet", "web", "por", "en", "linea",  # bought on the web ("POR INTERNET")
        "grocery", "groceries", "food", "foods", "fresh", "shop", "market",
        # what a person types of a visit to one ("LIDL weekly shop", "tesco for the party")
        "weekly", "big", "small", "quick", "top", "run", "trip", "order", "bits", "stuff",
        "the", "and", "for", "with", "from", "our", "my", "some",
    )
)  # fmt: skip
"""Words a supermarket's own shops and services are called by ("TESCO STORES", "SAINSBURYS
LOCAL", "ASDA HOME SHOPPING", "MAKRO SELF SERVICE"), and everyday words a person adds."""

FOUND_HELD = 50_000
"""Cleaned descriptions whose merchant is kept, so that memory stays bounded."""

_MERCHANT = CategorySource.MERCHANT
_DEFAULT = CategorySource.DEFAULT


class Knowledge:
    """The layers that need nothing of the person, as opinions with their confidence."""

    def __init__(
        self,
        keywords: KeywordTable,
        merchants: MerchantBase | None = None,
        towns: Towns | None = None,
    ) -> None:
        self.keywords = keywords
        self._merchants = merchants
        self._towns = towns
        self._trades: TradeWords | None = None
        self._found: dict[str, MerchantMatch | None] = {}

    def whole(self, cleaned: str, airline: str | None = None, every: bool = False) -> list[Choice]:
        """The opinions of the description as a whole: its merchant, the airline whose ticket
        it carries, its built-in keyword and its trade words, in that order; a keyword that is
        the merchant's own name ("starbucks") witnesses nothing more, and is left out unless
        `every` opinion is asked for."""
        merchant = self.merchant(cleaned)
        found = [merchant]
        named: tuple[str, ...] = ()  # the merchant's own words, which witness nothing more
        if merchant is not None:
            match = self.find(cleaned)
            named = () if match is None else match.words
            found.append(self._other_brand(cleaned, named, merchant.category))
        if airline is not None:
            reason = f"a ticket number of {airline.title()}"
            found.append(opinion("travel", _DEFAULT, reason, SURE["airline ticket"]))
        keyword = self.keywords.match(cleaned)
        if keyword is not None and (every or not set(keyword[1].split(" ")) <= set(named)):
            found.append(self._keyword(keyword))
        found.append(self.trade(cleaned))
        return [choice for choice in found if choice is not None]

    def parts(self, cleaned: str) -> list[Choice]:
        """The opinions of the description's pieces: a merchant or keyword cut short at its
        end ("SHREWSBURY STARBUC") or run together with other words ("BOOTSBIRMINGHAM")."""
        base = self.merchant_base()
        found: list[Choice | None] = []
        match = base.find_cut_short(cleaned, self.keywords.words)
        if match is not None:
            found.append(self._brand(match, "brand cut short"))
        cut = self.keywords.cut_short(cleaned)
        if cut is not None:
            reason = f"built-in keyword '{cut[1]}', cut short at the end"
            found.append(opinion(cut[0], _DEFAULT, reason, SURE["keyword cut short"]))
        else:  # "MAPLE ART SUPPLI": a trade's words, the last cut at the terminal's width
            cut = self.trade_table().cut_short(cleaned, phrases_only=True)
            if cut is not None:
                reason = f"the trade word '{cut[1]}', cut short at the end"
                found.append(opinion(cut[0], _DEFAULT, reason, SURE["keyword cut short"]))
        together = base.find_run_together(cleaned)
        if together is not None:
            brand = self._brand(together, "brand run together")
            found.append(brand._replace(reason=f"{brand.reason}, run together with other words"))
        run = self.keywords.run_together(cleaned)
        if run is not None:
            reason = f"built-in keyword '{run[1]}', run together with other words"
            found.append(opinion(run[0], _DEFAULT, reason, SURE["keyword run together"]))
        return [choice for choice in found if choice is not None]

    def find(self, cleaned: str) -> MerchantMatch | None:
        """The known merchant a cleaned description names, looked up once per description."""
        if cleaned in self._found:
            return self._found[cleaned]
        if len(self._found) >= FOUND_HELD:
            self._found.clear()
        found = self._found[cleaned] = self.merchant_base().find(cleaned)
        return found

    def merchant(self, cleaned: str) -> Choice | None:
        """The known merchant's category, unless the description's words say otherwise."""
        if cleaned in self.keywords:
            return None  # "coffee", "lunch": the keyword says it all, with no file to read
        match = self.find(cleaned)
        if match is None:
            return None
        keyword = self.keywords.match(cleaned)
        if keyword is not None and _holds(keyword[1], match.brand.key):
            return None  # "subway fare" says more than the brand "subway" in it
        cut = match.truncated and keyword is not None and keyword[1] not in VAGUE
        if cut and keyword is not None and keyword[0] != match.brand.category:
            return None  # "YELLOW CAB" is a cab, not the pizzeria "Yellow Cab Pizza" cut short
        words = cleaned.split(" ")
        rest = " ".join(word for word in words if word not in match.words)
        for table in (self.keywords, self.trade_table()) if rest else ():
            said = table.match(rest)
            if said is not None and said[0] != match.brand.category and said[1] not in VAGUE:
                return None  # "MAJESTIC HOTEL" is a hotel, whatever shop is called Majestic
        evidence = "brand cut short" if match.truncated else "brand"
        grocer = match.brand.kind and match.brand.category == "groceries"
        if rest and grocer and evidence == "brand":
            after = words[words.index(match.words[-1]) + 1 :]
            evidence = "grocery brand" if self._placed(after) else "grocery brand and more"
        elif rest and self._town_named(match) and not self._agrees(rest, match.brand.category):
            after = words[words.index(match.words[-1]) + 1 :]
            evidence = "brand" if after and self._placed(after) else "town's name"
        return self._brand(match, evidence)

    def named_beside(self, cleaned: str, match: MerchantMatch, category: str) -> bool:
        """Whether words beside a brand's name name a trade of `category`: "COSMO MUSIC
        STORE" filed under shopping is a music shop, not the restaurant Cosmo."""
        rest = " ".join(word for word in cleaned.split(" ") if word not in match.words)
        return bool(rest) and self._agrees(rest, category)

    def _town_named(self, match: MerchantMatch) -> bool:
        """Whether a brand on the map has one word for a name, and it is also a town's
        ("MARKHAM AND MILNER": most often the town, not the shop of that name; "HILTON
        PRAGUE", a brand followed by where it is, is the brand)."""
        key = match.brand.key
        return bool(match.brand.kind) and " " not in key and key in self.towns()

    def _agrees(self, rest: str, category: str) -> bool:
        """Whether a keyword or trade word among `rest` names `category` ("HILTON HOTELS")."""
        for table in (self.keywords, self.trade_table()):
            said = table.match(rest)
            if said is not None and said[0] == category:
                return True
        return False

    def _placed(self, after: list[str]) -> bool:
        """Whether the words after a supermarket's name say only where it is: towns,
        countries, its kind of shop or service, codes ("TESCO STORES OXFORD", "FOOD BASICS
        QPS"), the last perhaps a town's name cut short ("FARMFOODS KINGSTA"). Words before
        it are most often a town or the owner of a franchise ("DAVIDSON'S VALU-MART")."""
        found = [w for w in after if w not in STORE_WORDS and not _code(w)]
        return not found or self.towns().cover(found, cut_short=found[-1] == after[-1])

    def towns(self) -> Towns:
        if self._towns is None:
            from sbp.core.categorize.towns import default_towns

            self._towns = default_towns()
        return self._towns

    def keyword(self, cleaned: str) -> Choice | None:
        found = self.keywords.match(cleaned)
        return None if found is None else self._keyword(found)

    def trade(self, cleaned: str) -> Choice | None:
        """The trade a word of the description names, in any of the languages listed, with
        the word, its kind and where sbp has it from; only words the built-in keywords do
        not know, which have had their say."""
        found = self.trade_table().match(cleaned)
        if found is None or found[1] in self.keywords:
            return None
        from sbp.core.categorize.trades import PUB_NAMES  # loaded with the trade table above

        if found[1] in PUB_NAMES:
            return opinion(found[0], _DEFAULT, f"a pub's name '{found[1]}'", SURE["pub name"])
        sure = SURE["weak keyword" if found[1] in WEAK_KEYWORDS else "trade word"]
        reason = self.trade_words()[found[1]].evidence(found[1])
        return opinion(found[0], _DEFAULT, reason, sure)

    def trade_table(self) -> KeywordTable:
        return self.trade_words().table

    def trade_words(self) -> TradeWords:
        if self._trades is None:
            from sbp.core.categorize.trade_words import default_trade_words

            self._trades = default_trade_words()
        return self._trades

    def merchant_base(self) -> MerchantBase:
        if self._merchants is None:
            from sbp.core.categorize.merchants import default_merchants

            self._merchants = default_merchants()
        return self._merchants

    def _other_brand(self, cleaned: str, named: tuple[str, ...], category: str) -> Choice | None:
        """Another merchant of another category named beside the first ("WELCOME B/WAITROSE")."""
        rest = [word for word in cleaned.split(" ") if word not in named]
        match = self.merchant_base().find(" ".join(rest)) if rest else None
        if match is None or match.brand.category == category:
            return None
        return self._brand(match, "brand")._replace(confidence=SURE["second brand"])

    @staticmethod
    def _keyword(found: tuple[str, str]) -> Choice:
        evidence = "place word" if found[1] in PLACE_WORDS else "keyword"
        sure = SURE["weak keyword" if found[1] in WEAK_KEYWORDS else evidence]
        return opinion(found[0], _DEFAULT, f"built-in keyword '{found[1]}'", sure)

    @staticmethod
    def _brand(match: MerchantMatch, evidence: str) -> Choice:
        if not match.brand.kind:
            evidence = "online merchant" if evidence == "brand" else evidence
        elif match.brand.shared:
            evidence = "shared brand"
        elif evidence in ("brand", "grocery brand") and match.brand.category == "groceries":
            evidence = "grocery brand"
        reason = match.evidence()
        if evidence == "grocery brand and more":
            reason += ", with words beside it that name no town: often another trade"
        elif evidence == "town's name":
            reason += (
                ", also a town's name, with words beside it that name no town: most often the town"
            )
        return opinion(match.brand.category, _MERCHANT, reason, SURE[evidence])


def trade_table() -> KeywordTable:
    """The trade words as a keyword table (each word's category), made once per process."""
    from sbp.core.categorize.trade_words import default_trade_words

    return default_trade_words().table


def _code(word: str) -> bool:
    """Whether a word is a code, an initial or an abbreviation rather than a name: short,
    with digits, or with no vowel ("S", "QPS", "MKTS")."""
    return len(word) <= 2 or not word.isalpha() or not set(word) & set("aeiouy")


def _holds(phrase: str, name: str) -> bool:
    """Whether `phrase` is longer than `name` and has it as a word or words."""
    return len(phrase) > len(name) and f" {name} " in f" {phrase} "
