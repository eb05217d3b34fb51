"""The layered categorizer: which category an expense belongs to, which layer said so, and how
sure it is.

Layers, in order (each records its `category_source`):
1. the person's explicit category (`user`);
2. their rules, in order (`rule`);
3. their own corrections (`learned`);
4. a bank transaction type that decides (`bank`: a cash machine, a transfer, interest), or the
   same said in words (`default`);
5. the merchant category code the bank gives (`bank`);
6. what is known of the description as a whole, weighed together when it disagrees (see
   `confidence`): a known merchant (`merchant`), an airline ticket, the built-in keywords and
   the trade words of many languages (`default`), and what the person taught sbp about a kind
   of place (`model`, see `lessons`), when sure, before
7. the person's own model, when it is sure (`model`): a few examples teach it a town's name or
   a word such as "services" as well as a trade, so it speaks only where nothing known does;
8. a known merchant or a keyword cut short at the description's end, or run together with
   other words ("BOOTSBIRMINGHAM") (`merchant`, `default`), weighed the same way;
9. a transaction type that only hints (`bank`);
10. `other`, also in place of any answer less sure than `confidence.GUESS_FROM`.
Every layer reads the cleaned description (see `clean`). The model comes after the facts
(codes, known merchants): a person's few examples teach it words such as a city's name, which
must not outweigh what is known of a merchant.

Construction is cheap and touches no store: the cloud's categorizer builds one per message from
the person's rules and corrections, as `sbp add` does; the merchant data, the trade words and
the model are made only when a description gets that far.
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each string annotation
# of its fields when the class is made, which costs every run of sbp start-up time.

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from sbp.core.categorize.choice import FALLBACK, Choice, Explanation, chosen_by_user, opinion
from sbp.core.categorize.clean import clean
from sbp.core.categorize.codes import (
    kind_hint,
    kind_opinion,
    mcc_opinion,
    words_opinion,
)
from sbp.core.categorize.confidence import GUESS_FROM, SURE, settle, unsure
from sbp.core.categorize.keyword_table import KeywordTable, default_keywords
from sbp.core.categorize.knowledge import Knowledge
from sbp.core.categorize.rules import RuleMatcher
from sbp.core.categorize.text import normalise
from sbp.core.categorize.tickets import ticket_airline
from sbp.core.model import CategorySource, Rule

if TYPE_CHECKING:  # made on first use, so not imported at start-up
    from sbp.core.categorize.lessons import Lessons
    from sbp.core.categorize.merchants import MerchantBase
    from sbp.core.categorize.ngrams import NgramModel


Codes = tuple[str | None, str | int | None, bool, str | None]
"""What the bank says of a row beside its words: its transaction type, its merchant category
code, whether it is money in, and the airline whose ticket number it carries."""


def learn_key(description: str) -> str:
    """The key a correction is remembered under: the normalised description."""
    return normalise(description)


DECIDED_HELD = 50_000
"""Cleaned descriptions whose answer is kept, so that memory stays bounded."""


class Categorizer:
    """Applies the layers to descriptions; built once per use case from the store's rules."""

    def __init__(
        self,
        rules: Sequence[Rule] = (),
        learned: Mapping[str, str] | None = None,
        keywords: KeywordTable | None = None,
        merchants: "MerchantBase | None" = None,
        model: "NgramModel | None" = None,
    ) -> None:
        """`merchants` (a `MerchantBase`) and `model` (an `NgramModel`) stand in for the
        shipped knowledge base and for the model learnt from `rules` and `learned`."""
        self._rules = [RuleMatcher(rule) for rule in rules]
        self._learned = learned or {}
        self._knowledge = Knowledge(keywords or default_keywords(), merchants)
        self._model = model
        self._lessons: Lessons | None = None
        self._decided: dict[tuple[str, str | None, str | int | None, bool, str | None], Choice]
        self._decided = {}

    def categorize(
        self,
        description: str,
        explicit: str | None = None,
        *,
        kind: str | None = None,
        mcc: str | int | None = None,
        money_in: bool = False,
    ) -> Choice:
        """The winning category for `description`; `explicit` (the user's own) always wins.

        `kind` is the bank's transaction type (OFX `TRNTYPE` or a UK code such as `SO`), `mcc`
        its ISO 18245 merchant category code, `money_in` whether the row is a credit.
        """
        if explicit:
            return chosen_by_user(explicit)
        return self._first(description, clean(description), kind, mcc, money_in)

    def explain(
        self,
        description: str,
        *,
        kind: str | None = None,
        mcc: str | int | None = None,
        money_in: bool = False,
    ) -> Explanation:
        """What `categorize` chooses, and every layer's opinion of `description` in the
        layers' order, each with its confidence; the list ends with the fallback (`other`) and
        starts with the answer where no one layer gave it as it stands (layers weighed
        together, or a guess too weak to make)."""
        cleaned = clean(description)
        codes = (kind, mcc, money_in, ticket_airline(description))
        own = tuple(self._own_layers(description, cleaned, every=True))
        candidates = (*own, *self._opinions(cleaned, codes), FALLBACK)
        chosen = self._first(description, cleaned, kind, mcc, money_in)
        same = next((c for c in candidates if c == chosen), None)
        if same is None:  # layers weighed together, or a guess too weak to make
            return Explanation(description, cleaned, chosen, (chosen, *candidates))
        return Explanation(description, cleaned, same, candidates)

    def decide(
        self,
        description: str,
        *,
        kind: str | None = None,
        mcc: str | int | None = None,
        money_in: bool = False,
    ) -> tuple[Choice, str, str | None]:
        """What `categorize` chooses, with the cleaned description and the known merchant it
        names (None for none): imports judge money coming in by the merchant."""
        cleaned = clean(description)
        choice = self._first(description, cleaned, kind, mcc, money_in)
        return choice, cleaned, self.merchant_of(cleaned)

    def merchant_of(self, cleaned: str) -> str | None:
        """The known merchant a cleaned description names (its cleaned name), or None."""
        match = self._knowledge.find(cleaned)
        return None if match is None else match.brand.key

    def _first(
        self,
        description: str,
        cleaned: str,
        kind: str | None,
        mcc: str | int | None,
        money_in: bool,
    ) -> Choice:
        """The answer. Past the person's own layers, which read the description as written,
        every layer reads only the cleaned text, the codes and the airline ticket it carries,
        so their answer is kept for the next description that cleans the same ("TESCO 1234
        11/03", "TESCO 9876 12/03")."""
        for choice in self._own_layers(description, cleaned):
            return choice
        codes = (kind, mcc, money_in, ticket_airline(description))
        key = (cleaned, *codes)
        found = self._decided.get(key)
        if found is None:
            found = next(self._other_layers(cleaned, codes))
            if len(self._decided) >= DECIDED_HELD:
                self._decided.clear()
            self._decided[key] = found
        return found

    def _own_layers(self, description: str, cleaned: str, every: bool = False) -> Iterator[Choice]:
        """The person's rules, then their remembered corrections."""
        lowered = description.lower()
        for matcher in self._rules:
            if matcher.problem and every:
                skipped = f"{matcher.reason()} is skipped: {matcher.problem}"
                yield Choice("", CategorySource.RULE, skipped)
            elif matcher.matches(lowered, cleaned):
                yield Choice(matcher.rule.category, CategorySource.RULE, matcher.reason())
                if not every:
                    return
        remembered = self._remembered(description, cleaned)
        if remembered is not None:
            yield remembered

    def _other_layers(self, cleaned: str, codes: Codes) -> Iterator[Choice]:
        """The answer of the layers after the person's own (see the module's docstring)."""
        kind, mcc, money_in, airline = codes
        decided = (
            self._bank_kind(cleaned, kind, money_in) or self._lesson(cleaned, mcc) or self._mcc(mcc)
        )
        if decided is not None:
            yield decided
            return
        if cleaned in self._knowledge.keywords:  # "coffee": a keyword says it all
            said = self._knowledge.keyword(cleaned) or FALLBACK
            yield said if said.confidence >= GUESS_FROM or said is FALLBACK else unsure(said)
            return
        whole = settle(self._knowledge.whole(cleaned, airline))
        if whole is not None and whole.confidence >= GUESS_FROM:
            yield whole
            return
        personal = self._personal(cleaned)
        if personal is not None:
            yield personal
            return
        parts = None if whole is not None else settle(self._knowledge.parts(cleaned))
        if parts is not None and parts.confidence >= GUESS_FROM:
            yield parts
            return
        hint = _hint(kind, money_in)
        if hint is not None:
            yield hint
            return
        guess = whole or parts
        yield FALLBACK if guess is None else unsure(guess)

    def _opinions(self, cleaned: str, codes: Codes) -> Iterator[Choice]:
        """Every opinion of the layers after the person's own, in their order."""
        kind, mcc, money_in, airline = codes
        lesson = self._lesson(cleaned, mcc)
        for found in (self._bank_kind(cleaned, kind, money_in), lesson, self._mcc(mcc)):
            if found is not None:
                yield found
        if cleaned in self._knowledge.keywords:
            yield from self._knowledge.whole(cleaned, every=True)
            return
        whole = self._knowledge.whole(cleaned, airline, every=True)
        yield from whole
        personal = self._personal(cleaned)
        if personal is not None:
            yield personal
        if not whole:
            yield from self._knowledge.parts(cleaned)
        hint = _hint(kind, money_in)
        if hint is not None:
            yield hint

    # the layers after the rules: each returns its opinion or None ----------------------
    def _remembered(self, description: str, cleaned: str) -> Choice | None:
        if not self._learned:
            return None
        found = self._recall(normalise(description)) or self._recall(cleaned)
        if found is None:
            return None
        key, category = found
        return Choice(category, CategorySource.LEARNED, f"you filed '{key}' under it before")

    def _bank_kind(self, cleaned: str, kind: str | None, money_in: bool) -> Choice | None:
        found = kind_opinion(kind, money_in)
        if found is not None:
            return opinion(found.category, CategorySource.BANK, found.reason, SURE["bank type"])
        said = words_opinion(cleaned)
        if said is None:
            return None
        reason = f"a bank's words: {said.reason}"
        return opinion(said.category, CategorySource.DEFAULT, reason, SURE["bank words"])

    def _lesson(self, cleaned: str, mcc: str | int | None) -> Choice | None:
        if not self._learned:
            return None
        if self._lessons is None:
            from sbp.core.categorize.lessons import Lessons

            taught = ((clean(key), category) for key, category in self._learned.items())
            self._lessons = Lessons.taught(taught, self._knowledge)
        return self._lessons.opinion(cleaned, mcc)

    def _mcc(self, mcc: str | int | None) -> Choice | None:
        found = mcc_opinion(mcc)
        if found is None:
            return None
        return opinion(found.category, CategorySource.BANK, found.reason, SURE["merchant code"])

    def _personal(self, cleaned: str) -> Choice | None:
        if not self._learned and not self._rules and self._model is None:
            return None
        prediction = self._ngram_model().predict(cleaned)
        if prediction is None or not prediction.confident:
            return None
        sure = min(prediction.probability, SURE["model"])
        return opinion(prediction.category, CategorySource.MODEL, prediction.evidence(), sure)

    # the parts made on first use -------------------------------------------------------
    def _ngram_model(self) -> "NgramModel":
        if self._model is None:
            from sbp.core.categorize.ngrams import NgramModel
            from sbp.core.categorize.towns import PlaceCodes

            places = PlaceCodes(self._knowledge.towns())
            self._model = NgramModel.trained(self.examples(), places)
        return self._model

    def examples(self) -> Iterable[tuple[str, str]]:
        """What the person's model learns from: their corrections and their text rules."""
        for key, category in self._learned.items():
            yield clean(key), category
        for matcher in self._rules:
            if not matcher.rule.is_regex and not matcher.problem:
                yield clean(matcher.rule.pattern), matcher.rule.category

    def _recall(self, text: str) -> tuple[str, str] | None:
        """The correction for this description, or for its longest remembered word prefix."""
        if not self._learned or not text:
            return None
        words = text.split(" ")
        for size in range(len(words), 0, -1):
            key = " ".join(words[:size])
            if key in self._learned:
                return key, self._learned[key]
        return None


def _hint(kind: str | None, money_in: bool) -> Choice | None:
    """What a transaction type that only hints suggests (a standing order: a transfer)."""
    found = kind_hint(kind, money_in)
    if found is None:
        return None
    return opinion(found.category, CategorySource.BANK, found.reason, SURE["bank hint"])
