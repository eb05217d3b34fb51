"""The merchant knowledge base: the world's brands (OpenStreetMap's name-suggestion-index) and a
curated list of online merchants, looked up by the words of a cleaned description.

The brands live in `data/merchants.tsv`, one sorted line per name (see
`scripts/build_merchants.py`). The file is read only when a description gets this far, and a
few lookups search its bytes directly; the lines become a dictionary only once many lookups
have been asked for (an import), so `sbp add` pays a read of the file and nothing more.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Iterable, Iterator, Mapping
from functools import cache
from typing import NamedTuple

from sbp.core.categorize.clean import clean, words
from sbp.core.categorize.online import CURATED
from sbp.core.categorize.shipped import data_file
from sbp.core.categorize.tags import CATEGORY_OF_KIND, KIND_HINTS

LONGEST = 4
"""The most words a brand's name is looked up with."""
DICTIONARY_AFTER = 256
"""Lookups answered from the file's bytes before its lines become a dictionary."""
DISTINCT = 9
"""A one-word brand shorter than this counts only as a description's first word, or its last if
at least LAST_WORD letters long: "KFC 123" is KFC and "OXFORD GREGGS" Greggs, but "paid Sam
back" names no shop called Sam, and a town named after a shop is usually just a town."""
LAST_WORD = 6
PREFIX_SHARE = 0.75
"""How much of a name a word cut short must hold ("starbuc" is most of "starbucks")."""
ENTRIES_HELD = 50_000
"""Names looked up (found or not) remembered, so a bank file's repeated words cost once."""
PREFIX_MINIMUM = 5
RUN_TOGETHER = 8
"""The fewest letters of a word that may be several run together ("GRANDHYATTGUANGZHOU"), and
of a brand on the map found at its start (shorter names, such as "orient" in "oriental", are
too often the start of an ordinary word; curated merchants need only PREFIX_MINIMUM)."""
PREFIX_LIMIT = 40
CUT_WORDS_LETTERS = 6
"""The fewest letters of a name of several words that its words cut short may hold."""


class Brand(NamedTuple):
    """A merchant the knowledge base knows, and what kind of place it is."""

    key: str  # the name as `clean` writes it
    name: str  # the name as people write it
    category: str
    kind: str  # the OpenStreetMap kind, such as "amenity/cafe"; "" for a curated merchant
    shared: bool = False  # the name is also another brand's, of another category
    also: tuple[str, ...] = ()  # the categories of its other kinds (Tesco's fuel stations)


class MerchantMatch(NamedTuple):
    """A brand found in a description, and how: `truncated` when the description's last word
    was cut short ("SHREWSBURY STARBUC") and only the start of the name matched."""

    brand: Brand
    truncated: bool = False
    words: tuple[str, ...] = ()  # the description's words that name it

    def evidence(self) -> str:
        """Why the merchant layer chose its category, for `sbp rules test`."""
        brand = self.brand
        where = f"OpenStreetMap {brand.kind.replace('/', '=')}" if brand.kind else "online"
        cut = f" (the description cuts '{brand.key}' short)" if self.truncated else ""
        shared = ", a name other brands of other trades share" if brand.shared else ""
        return f"known merchant {brand.name} ({where}){cut}{shared}"


class MerchantBase:
    """Finds the brand a cleaned description names; the data is read on first use."""

    def __init__(
        self,
        data: bytes | None = None,
        online: Mapping[str, Iterable[str]] = CURATED,
    ) -> None:
        """`data` stands in for the shipped file (tests); `online` for the curated list."""
        self._data = data
        self._online_names = online
        self._online: dict[str, tuple[str, str]] | None = None
        self._online_keys: list[str] = []
        self._kinds: list[str] = []
        self._lines: dict[str, str] | None = None
        self._keys: list[str] = []
        self._asked = 0
        self._entries: dict[str, tuple[tuple[str, ...], str, bool] | None] = {}

    def find(self, cleaned: str) -> MerchantMatch | None:
        """The brand that covers the most of the description's words, or None.

        A name is tried as the description writes it and, for two or three words, without
        spaces ("FOODLION"). Between names covering as many words, a curated merchant wins
        over a place on the map, then the earlier name (statements put the merchant before
        its town: "IBIS PARIS"), then the longer.
        """
        words = cleaned.split(" ")
        best: MerchantMatch | None = None
        rank = (0, False, 0, 0)
        for start, size, key in _candidates(words):
            found = self._brand(key, words)
            if found is None and size == 1 and len(key) >= 6 and key[-1] != "s":
                found = self._brand(key + "s", words)  # "WM MORRISON", "J SAINSBURY"
            if found is None or (found.kind and not _placed(key, start, size, words)):
                continue
            ranked = (size, not found.kind, -start, len(key))
            if ranked > rank:
                best = MerchantMatch(found, words=tuple(words[start : start + size]))
                rank = ranked
        first_word_only = rank[0] == 1 and rank[2] == 0  # "HOLIDAY" of "HOLIDAY IN EXPRE"
        if len(words) > 1 and (best is None or first_word_only):
            cut = self._cut_words(words)
            if cut is not None and len(cut.words) > rank[0]:
                return cut
        return best

    def find_cut_short(
        self, cleaned: str, whole_words: Collection[str] = ()
    ) -> MerchantMatch | None:
        """A brand whose name the description's last word starts ("SHREWSBURY STARBUC": banks
        cut descriptions short), if every name it could start agrees on the category; never
        for a word of `whole_words` (such as "petrol"), which is complete as it is."""
        words = cleaned.split(" ")
        if len(words[-1]) < PREFIX_MINIMUM or words[-1] in whole_words:
            return None
        return self._cut_short(words)

    def find_run_together(self, cleaned: str) -> MerchantMatch | None:
        """A brand whose name starts a long word run together from several, as web addresses
        and card terminals write them ("BOOTSBIRMINGHAM", "DROPBOXKLB5Y7X85FGJ")."""
        words = cleaned.split(" ")
        for word in words:
            if len(word) < RUN_TOGETHER:
                continue
            address = _web_address(word)  # "WWWPODPOINTCOM": a web address without its dots
            found = self._brand(address, words) if address else None
            if found is not None:
                return MerchantMatch(found, words=(word,))
            for size in range(len(word) - 1, PREFIX_MINIMUM - 1, -1):
                found = self._brand(word[:size], words)
                if found is not None and (not found.kind or size >= RUN_TOGETHER):
                    return MerchantMatch(found, words=(word,))
        return None

    def _brand(self, key: str, words: list[str]) -> Brand | None:
        online = self._online_table().get(key)
        if online is not None:
            return Brand(key, online[1], online[0], "")
        entry = self._entry(key)
        if entry is None:
            return None
        kinds, name, shared = entry
        hinted = next((k for k in kinds if _hinted(k, words)), None)
        kind = hinted or kinds[0]
        shown = name or (key.upper() if len(key) <= 3 else key.title())
        category = CATEGORY_OF_KIND[kind]
        also = tuple(dict.fromkeys(CATEGORY_OF_KIND[k] for k in kinds if k != kind))
        return Brand(key, shown, category, kind, shared and hinted is None, also)

    def _cut_words(self, words: list[str]) -> MerchantMatch | None:
        """A name of several words whose words the description's first words start, the
        way card terminals shorten them ("HOLIDAY IN EXPRE", "AIR CAN"), if every name they
        could start agrees on the category."""
        first = words[0] + " "
        keys = [k for k in self._starting(first) if _starts_words(words, k)]
        keys += [k for k in self._online_starting(first) if _starts_words(words, k)]
        if not keys or len(keys) > PREFIX_LIMIT:
            return None
        brands = [b for b in (self._brand(k, words) for k in sorted(set(keys))) if b]
        if not brands or len({brand.category for brand in brands}) != 1:
            return None
        brand = min(brands, key=lambda b: len(b.key))
        used = tuple(words[: min(len(words), brand.key.count(" ") + 1)])
        return MerchantMatch(brand, truncated=True, words=used)

    def _cut_short(self, words: list[str]) -> MerchantMatch | None:
        start = words[-1]
        keys = [key for key in self._starting(start) if " " not in key]
        keys += [k for k in self._online_starting(start) if " " not in k]
        keys = [
            key
            for key in keys
            if len(key) > len(start) >= PREFIX_SHARE * len(key) and key not in _plurals(start)
        ]
        if not keys or len(keys) > PREFIX_LIMIT:
            return None
        brands = [self._brand(key, words) for key in sorted(set(keys), key=len)]
        # a name written with spaces ("Station U") is not cut short by its first word
        found = [b for b in brands if b is not None and " " not in clean(b.name)]
        if not found or len({brand.category for brand in found}) != 1:
            return None
        return MerchantMatch(found[0], truncated=True)

    # the shipped brands -----------------------------------------------------------------
    def _entry(self, key: str) -> tuple[tuple[str, ...], str, bool] | None:
        """A shipped brand's kinds (most usual first), display name and whether other brands
        of other trades share its name, or None."""
        if key in self._entries:
            return self._entries[key]
        line = self._line(key)
        entry = None
        if line is not None:
            kinds_field, _, name = line.partition("\t")
            numbers, _, flags = kinds_field.partition(";")
            kinds = tuple(self._kinds[int(n)] for n in numbers.split(","))
            entry = kinds, name, "a" in flags
        if len(self._entries) >= ENTRIES_HELD:
            self._entries.clear()
        self._entries[key] = entry
        return entry

    def _line(self, key: str) -> str | None:
        """The rest of the data line for `key` (kinds and display name), or None."""
        self._asked += 1
        if self._lines is None and self._asked > DICTIONARY_AFTER:
            self._index()
        if self._lines is not None:
            return self._lines.get(key)
        data = self._bytes()
        at = data.find(b"\n" + key.encode() + b"\t")
        if at < 0:
            return None
        end = data.find(b"\n", at + 1)
        return data[at + 1 : end].decode().partition("\t")[2]

    def _starting(self, start: str) -> Iterator[str]:
        """Every key that starts with `start`, up to one more than the limit."""
        if self._lines is None:
            self._index()
        at = bisect_left(self._keys, start)
        for key in self._keys[at : at + PREFIX_LIMIT + 1]:
            if not key.startswith(start):
                return
            yield key

    def _online_starting(self, start: str) -> list[str]:
        self._online_table()
        at = bisect_left(self._online_keys, start)
        return [k for k in self._online_keys[at : at + PREFIX_LIMIT] if k.startswith(start)]

    def _bytes(self) -> bytes:
        if self._data is None:
            self._data = data_file("merchants.tsv")
        if not self._kinds:
            header = self._data.find(b"\n@kinds\t")
            end = self._data.find(b"\n", header + 1)
            self._kinds = self._data[header + 1 : end].decode().split("\t")[1:]
        return self._data

    def _index(self) -> None:
        lines: dict[str, str] = {}
        for line in self._bytes().decode().splitlines():
            if line and line[0] not in "#@":
                key, _, rest = line.partition("\t")
                lines[key] = rest
        self._lines = lines
        self._keys = sorted(lines)

    def _online_table(self) -> dict[str, tuple[str, str]]:
        if self._online is None:
            table: dict[str, tuple[str, str]] = {}
            for category, names in self._online_names.items():
                for name in names:
                    key = clean(name)
                    if whole_name(key, name):
                        table.setdefault(key, (category, name))
            self._online = table
            self._online_keys = sorted(table)
        return self._online


def _candidates(words: list[str]) -> Iterator[tuple[int, int, str]]:
    """(start, size, name) for every run of up to LONGEST words, spaced, and for runs of two
    or three words, joined."""
    for start in range(len(words)):
        for size in range(1, min(LONGEST, len(words) - start) + 1):
            run = words[start : start + size]
            yield start, size, " ".join(run)
            if 1 < size <= 3 and min(map(len, run)) > 1:  # "WAL MART", never "N E COS"
                yield start, size, "".join(run)


def _placed(key: str, start: int, size: int, words: list[str]) -> bool:
    """Whether a brand's name stands where a merchant's name does (see DISTINCT)."""
    if size > 1 or " " in key or len(key) >= DISTINCT or start == 0:
        return True
    return start == len(words) - 1 and len(key) >= LAST_WORD


def whole_name(key: str, name: str) -> bool:
    """Whether a name cleans to a key that still names it: "e.on" is not "e", and "Office 365"
    is not "office"."""
    if len(key) < 2:
        return False
    kept = key.split(" ")
    return len(kept) > 1 or not any(c.isdigit() for w in words(name) if w not in kept for c in w)


def _starts_words(words: list[str], key: str) -> bool:
    """Whether the description's words, from its first, start the words of a name of several,
    cutting at least one short and holding at least half of the name's letters."""
    names = key.split(" ")
    if len(names) < 2:
        return False
    held = list(zip(words, names, strict=False))
    if len(held) < 2 or held[0][0] != held[0][1] or len(names) > len(words) + 1:
        return False
    if not all(name.startswith(word) for word, name in held):
        return False
    letters = sum(len(word) for word, _ in held)
    cut = any(word != name for word, name in held) or len(names) > len(words)
    return cut and letters >= CUT_WORDS_LETTERS and 2 * letters >= len(key.replace(" ", ""))


WEB_ENDINGS = ("couk", "com", "net", "org", "co")


def _web_address(word: str) -> str:
    """The name inside a web address written without its dots ("wwwpodpointcom"), or ""."""
    if not word.startswith("www"):
        return ""
    name = word[3:]
    for ending in WEB_ENDINGS:
        if name.endswith(ending) and len(name) > len(ending) + 3:
            return name[: -len(ending)]
    return name


def _plurals(word: str) -> tuple[str, str, str]:
    """What a whole word becomes in the plural or possessive ("chester", "chesters")."""
    return word + "s", word + "es", word + "'s"


def _hinted(kind: str, words: list[str]) -> bool:
    return any(hint in words for hint in KIND_HINTS.get(kind, ()))


@cache
def default_merchants() -> MerchantBase:
    """The shipped knowledge base, one per process (read on first use)."""
    return MerchantBase()
