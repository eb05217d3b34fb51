"""The layered categorizer: which category an expense belongs to, and which layer said so.

Layers, first match wins (each records its `category_source`):
1. the person's explicit category (`user`);
2. their rules, in order (`rule`);
3. their own corrections (`learned`);
4. a bank transaction type that decides (`bank`: a cash machine, a transfer, interest), or the
   same said in words (`default`);
5. the merchant category code the bank gives (`bank`);
6. the merchant knowledge base (`merchant`);
7. the person's own model, when it is sure (`model`);
8. the built-in keywords (`default`);
9. a known merchant or a keyword cut short at the description's end (`merchant`, `default`);
10. a brand or keyword run together with other words, "BOOTSBIRMINGHAM" (same sources);
11. a transaction type that only hints (`bank`);
12. `other`.
Every layer reads the cleaned description (see `clean`). The model comes after the facts
(codes, known merchants): a person's few examples teach it words such as a city's name, which
must not outweigh what is known of a merchant.

Construction is cheap and touches no store: the cloud's categorizer builds one per message from
the person's rules and corrections, as `sbp add` does; the merchant data and the model are made
only when a description gets that far.
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each string annotation
# of its fields when the class is made, which costs every run of sbp start-up time.

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from sbp.core.categorize.clean import clean
from sbp.core.categorize.codes import (
    CodeOpinion,
    kind_hint,
    kind_opinion,
    mcc_opinion,
    words_opinion,
)
from sbp.core.categorize.keyword_table import KeywordTable, default_keywords
from sbp.core.categorize.rules import RuleMatcher
from sbp.core.categorize.text import category_name, normalise
from sbp.core.keywords import DEFAULT_CATEGORY
from sbp.core.model import CategorySource, Rule

if TYPE_CHECKING:  # made on first use, so not imported at start-up
    from sbp.core.categorize.merchants import MerchantBase, MerchantMatch
    from sbp.core.categorize.ngrams import NgramModel


class Choice(NamedTuple):
    """A category and why it was chosen, as shown by `sbp rules test`; `weak` when it rests on
    little (nothing at all, a word cut short, a bank code that only hints), so that `sbp
    categories --review` can ask the person about it first."""

    category: str
    source: CategorySource
    reason: str
    weak: bool = False


class Explanation(NamedTuple):
    """Every layer's opinion of one description, and the one that wins."""

    description: str
    normalised: str  # the cleaned description every layer read
    chosen: Choice
    candidates: tuple[Choice, ...]


def chosen_by_user(category: str) -> Choice:
    """The user's own category: the first layer, which needs no rules, memory or keywords."""
    return Choice(category_name(category), CategorySource.USER, "given by you")


def learn_key(description: str) -> str:
    """The key a correction is remembered under: the normalised description."""
    return normalise(description)


VAGUE = frozenset(("store", "shop", "market", "mall", "bar", "book", "books", "property"))
"""Keywords too general to say a place is not the brand it names ("LIDL WEEKLY SHOP")."""

DECIDED_HELD = 50_000
"""Cleaned descriptions whose answer is kept, so that memory stays bounded."""

_FALLBACK = Choice(
    DEFAULT_CATEGORY, CategorySource.DEFAULT, "no layer knows this description", weak=True
)


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
        self._keywords = keywords or default_keywords()
        self._merchants = merchants
        self._model = model
        self._found: dict[str, MerchantMatch | None] = {}
        self._decided: dict[tuple[str, str | None, str | int | None, bool], Choice] = {}

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
        """Every layer that would pick a category for `description`, best first; the list
        ends with the fallback (`other`), so it always names the winner."""
        cleaned = clean(description)
        found = self._layers(description, cleaned, kind, mcc, money_in, every=True)
        candidates = (*found, _FALLBACK)
        chosen = next(choice for choice in candidates if choice.category)  # not a skipped rule
        return Explanation(description, cleaned, chosen, candidates)

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
        match = self._find(cleaned)
        return None if match is None else match.brand.key

    def _find(self, cleaned: str) -> "MerchantMatch | None":
        if cleaned in self._found:  # each cleaned description's merchant is looked up once
            return self._found[cleaned]
        if len(self._found) >= DECIDED_HELD:
            self._found.clear()
        found = self._found[cleaned] = self._merchant_base().find(cleaned)
        return found

    def _first(
        self,
        description: str,
        cleaned: str,
        kind: str | None,
        mcc: str | int | None,
        money_in: bool,
    ) -> Choice:
        """The first layer's opinion. Past the person's own layers, which read the description as
        written, every layer reads only the cleaned text and the codes, so their answer is kept
        for the next description that cleans the same ("TESCO 1234 11/03", "TESCO 9876 12/03")."""
        for choice in self._own_layers(description, cleaned):
            return choice
        key = (cleaned, kind, mcc, money_in)
        found = self._decided.get(key)
        if found is None:
            found = next(self._other_layers(cleaned, kind, mcc, money_in), _FALLBACK)
            if len(self._decided) >= DECIDED_HELD:
                self._decided.clear()
            self._decided[key] = found
        return found

    def _layers(
        self,
        description: str,
        cleaned: str,
        kind: str | None,
        mcc: str | int | None,
        money_in: bool,
        every: bool = False,
    ) -> Iterator[Choice]:
        yield from self._own_layers(description, cleaned, every)
        yield from self._other_layers(cleaned, kind, mcc, money_in, every)

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

    def _other_layers(
        self,
        cleaned: str,
        kind: str | None,
        mcc: str | int | None,
        money_in: bool,
        every: bool = False,
    ) -> Iterator[Choice]:
        """Every layer after the person's own, in order; each reads the cleaned text only."""
        for layer in (
            self._bank_kind,
            self._mcc,
            self._merchant,
            self._personal,
            self._keyword,
            self._cut_short,
            self._run_together,
            self._bank_hint,
        ):
            choice = layer("", cleaned, kind, mcc, money_in)
            if choice is not None and choice.category:
                yield choice
                if not every:
                    return

    # the layers after the rules: each returns its opinion or None ----------------------
    def _remembered(self, description: str, cleaned: str) -> Choice | None:
        if not self._learned:
            return None
        found = self._recall(normalise(description)) or self._recall(cleaned)
        if found is None:
            return None
        key, category = found
        return Choice(category, CategorySource.LEARNED, f"you filed '{key}' under it before")

    def _bank_kind(
        self, _: str, cleaned: str, kind: str | None, __: object, money_in: bool
    ) -> Choice | None:
        opinion = kind_opinion(kind, money_in)
        if opinion is not None:
            return _bank(opinion)
        said = words_opinion(cleaned)
        if said is None:
            return None
        return Choice(said.category, CategorySource.DEFAULT, f"a bank's words: {said.reason}")

    def _personal(self, _: str, cleaned: str, *__: object) -> Choice | None:
        if not self._learned and not self._rules and self._model is None:
            return None
        prediction = self._ngram_model().predict(cleaned)
        if prediction is None or not prediction.confident:
            return None
        return Choice(prediction.category, CategorySource.MODEL, prediction.evidence())

    def _mcc(
        self, _: str, __: str, ___: object, mcc: str | int | None, *____: object
    ) -> Choice | None:
        opinion = mcc_opinion(mcc)
        return None if opinion is None else _bank(opinion)

    def _merchant(self, _: str, cleaned: str, *__: object) -> Choice | None:
        if cleaned in self._keywords:
            return None  # "coffee", "lunch": the keyword says it all, with no file to read
        match = self._find(cleaned)
        if match is None:
            return None
        keyword = self._keywords.match(cleaned)
        if keyword is not None and _holds(keyword[1], match.brand.key):
            return None  # "subway fare" says more than the brand "subway" in it
        rest = " ".join(word for word in cleaned.split(" ") if word not in match.words)
        said = self._keywords.match(rest) if rest else None
        if said is not None and said[0] != match.brand.category and said[1] not in VAGUE:
            return None  # "MAJESTIC HOTEL" is a hotel, whatever shop is called Majestic
        return Choice(match.brand.category, CategorySource.MERCHANT, match.evidence())

    def _cut_short(self, _: str, cleaned: str, *__: object) -> Choice | None:
        match = self._merchant_base().find_cut_short(cleaned, self._keywords.words)
        if match is not None:
            return Choice(match.brand.category, CategorySource.MERCHANT, match.evidence(), True)
        keyword = self._keywords.cut_short(cleaned)
        if keyword is None:
            return None
        reason = f"built-in keyword '{keyword[1]}', cut short at the end"
        return Choice(keyword[0], CategorySource.DEFAULT, reason, weak=True)

    def _run_together(self, _: str, cleaned: str, *__: object) -> Choice | None:
        match = self._merchant_base().find_run_together(cleaned)
        if match is not None:
            reason = f"{match.evidence()}, run together with other words"
            return Choice(match.brand.category, CategorySource.MERCHANT, reason, weak=True)
        keyword = self._keywords.run_together(cleaned)
        if keyword is None:
            return None
        reason = f"built-in keyword '{keyword[1]}', run together with other words"
        return Choice(keyword[0], CategorySource.DEFAULT, reason, weak=True)

    def _keyword(self, _: str, cleaned: str, *__: object) -> Choice | None:
        keyword = self._keywords.match(cleaned)
        if keyword is None:
            return None
        return Choice(keyword[0], CategorySource.DEFAULT, f"built-in keyword '{keyword[1]}'")

    def _bank_hint(
        self, _: str, __: str, kind: str | None, ___: object, money_in: bool
    ) -> Choice | None:
        opinion = kind_hint(kind, money_in)
        return None if opinion is None else _bank(opinion)._replace(weak=True)

    # the parts made on first use -------------------------------------------------------
    def _merchant_base(self) -> "MerchantBase":
        if self._merchants is None:
            from sbp.core.categorize.merchants import default_merchants

            self._merchants = default_merchants()
        return self._merchants

    def _ngram_model(self) -> "NgramModel":
        if self._model is None:
            from sbp.core.categorize.ngrams import NgramModel

            self._model = NgramModel.trained(self.examples())
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


def _holds(phrase: str, name: str) -> bool:
    """Whether `phrase` is longer than `name` and has it as a word or words."""
    return len(phrase) > len(name) and f" {name} " in f" {phrase} "


def _bank(opinion: CodeOpinion) -> Choice:
    return Choice(opinion.category, CategorySource.BANK, opinion.reason)
