"""Regenerate sbp's merchant knowledge base from OpenStreetMap's name-suggestion-index.

    python scripts/build_merchants.py                   # npm pack the pinned version, then build
    python scripts/build_merchants.py --from nsi.tgz    # or a tarball / nsi.json already here

The index (BSD-3-Clause, on the npm registry as `name-suggestion-index`) lists the world's
brands of shops, restaurants, fuel stations and hotels with their other spellings and their
OpenStreetMap kind (`amenity=cafe`, `shop=supermarket`, ...). This keeps the brands of the kinds
in `sbp.core.categorize.tags`, writes each name the way `sbp.core.categorize.clean` cleans
descriptions, and writes one sorted line per name: `name<TAB>kinds<TAB>display name`, where
kinds are numbers into the `@kinds` line, most usual first, followed by `;a` when the name is
shared by different brands in different categories, none leading (Indigo the car parks,
Indigo the bookshops), and the display name is left out where it is the name itself. The
output is the same bytes for the same input.

Three readings of the index's detail: a fast-food or restaurant brand whose `cuisine` is coffee
or doughnuts is a cafe; a brand listed both as fuel stations and as convenience shops (and as
no supermarket) is a forecourt brand, fuel first; and a name is ambiguous when the brands
(`brand:wikidata`, else the display name) it stands for fall in different categories.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from sbp.core.categorize.clean import clean
from sbp.core.categorize.merchants import whole_name
from sbp.core.categorize.tags import CATEGORY_OF_KIND, OSM_KINDS, RANK_OF_KIND
from sbp.core.keywords import BUILTIN_KEYWORDS

NSI_PACKAGE = "name-suggestion-index"
NSI_VERSION = "8.0.20260918"
DATA = Path(__file__).resolve().parent.parent / "sbp" / "core" / "categorize" / "data"

GENERIC = frozenset(
    (
        "the", "and", "shop", "store", "stores", "market", "supermarket", "food", "foods",
        "cafe", "coffee", "restaurant", "bar", "pub", "hotel", "hotels", "bakery", "pharmacy",
        "fuel", "petrol", "gas", "station", "service", "services", "express", "city", "central",
        "centre", "center", "home", "house", "group", "international", "direct", "online",
        "bank", "cash", "card", "payment", "transfer", "kiosk", "mini", "super", "hyper",
        "local", "best", "star", "one", "first", "plus", "family", "first", "post", "office",
        "garage", "auto", "car", "parking", "park", "travel", "tours", "pizza", "burger",
        "grill", "kitchen", "chicken", "sushi", "thai", "china", "india", "asia", "euro",
        "eleven", "total", "life", "time", "day", "night", "new", "green", "blue", "red",
        "gold", "sun", "world", "fresh", "united", "delta",
        "birthday", "shoes", "paid", "back", "from", "payment", "monthly", "bill",
    )
)  # fmt: skip
"""Single words too common in descriptions to be taken as a brand on their own."""


PUBLIC_BODY = re.compile(
    r"\b(?:council|city|county|borough|municipality|town|district|state|government|"
    r"university|hospital|department|gemeinde|stadt|ville|comune|ayuntamiento)\b"
)
"""Words naming a public body among an index's operators: never a merchant on their own."""


def tables_hash() -> str:
    """A fingerprint of the tables the data was built with (the kinds kept, the keywords that
    overrule a brand, the generic words): the data file's header records it."""
    kinds = "\n".join(f"{kind}\t{category}" for kind, category in OSM_KINDS)
    words = "\n".join(f"{c}\t{w}" for c, ws in sorted(BUILTIN_KEYWORDS.items()) for w in ws)
    text = "\n".join((kinds, words, " ".join(sorted(GENERIC))))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def build(nsi: Mapping[str, Any], generic_patterns: Iterable[str], version: str) -> str:
    """The data file's text for one release of the index."""
    generic = [re.compile(pattern, re.IGNORECASE) for pattern in generic_patterns]
    kinds_of: dict[str, Counter[str]] = defaultdict(Counter)
    shown: dict[str, Counter[str]] = defaultdict(Counter)
    brands_of: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    named: dict[str, set[str]] = defaultdict(set)  # the brands whose own name a key is
    for path, entry in sorted(nsi.items()):
        listed = path.removeprefix("brands/")
        if listed not in RANK_OF_KIND:
            continue
        for item in entry.get("items", ()):
            kind = _kind(item, listed)
            brand = _identity(item)
            own = clean(re.sub(r"\s*\(.*?\)\s*", " ", str(item.get("displayName", ""))))
            for key, name in _keys(item, kind, generic).items():
                kinds_of[key][kind] += 1
                shown[key][name] += 1
                brands_of[key][brand].add(kind)
                if key in (own, own.replace(" ", "")):
                    named[key].add(brand)
    names = [kind for kind, _ in OSM_KINDS]
    number = {kind: index for index, kind in enumerate(names)}
    lines = [
        f"# OpenStreetMap name-suggestion-index {version}, BSD-3-Clause: see"
        " LICENSE-name-suggestion-index.md",
        f"# built by scripts/build_merchants.py; tables {tables_hash()}",
        "@kinds\t" + "\t".join(names),
    ]
    keyword_category = {w: c for c, words in BUILTIN_KEYWORDS.items() for w in words}
    for key in sorted(kinds_of, key=lambda k: k.encode()):
        ranked = _ranked(kinds_of[key])
        if keyword_category.get(key, CATEGORY_OF_KIND[ranked[0]]) != CATEGORY_OF_KIND[ranked[0]]:
            continue  # an everyday word first ("metro", "power"), a brand only elsewhere
        display = min(shown[key], key=lambda name: (-shown[key][name], name))
        label = "" if display.lower() == key else display
        flags = ";a" if _shared(brands_of[key], named[key]) else ""
        lines.append(f"{key}\t{','.join(str(number[k]) for k in ranked)}{flags}\t{label}")
    return "\n".join(lines) + "\n"


COFFEE_CUISINES = frozenset(("coffee_shop", "donut"))
FORECOURT = ("amenity/fuel", "shop/convenience")


def _kind(item: Mapping[str, Any], listed: str) -> str:
    """The kind an item counts as: a fast-food chain that sells coffee is a cafe."""
    cuisine = set(str(item.get("tags", {}).get("cuisine", "")).split(";"))
    if listed in ("amenity/fast_food", "amenity/restaurant") and cuisine & COFFEE_CUISINES:
        return "amenity/cafe"
    return listed


def _identity(item: Mapping[str, Any]) -> str:
    tags = item.get("tags", {})
    found = tags.get("brand:wikidata") or tags.get("operator:wikidata")
    return str(found or item.get("displayName", ""))


def _shared(brands: Mapping[str, set[str]], named: set[str]) -> bool:
    """Whether different brands of different categories are called by a name (`named`: the
    brands whose own name it is; `brands`: each brand's kinds under the name), none leading
    (more than twice as many kinds as the others together). Tesco's fuel stations and Tesco
    Express are Tesco's; Indigo's car parks and Indigo's bookshops are two brands."""
    if len(named) < 2:
        return False
    categories = {brand: {CATEGORY_OF_KIND[k] for k in brands[brand]} for brand in named}
    every = set().union(*categories.values())
    if any(found == every for found in categories.values()):
        return False
    weights = sorted((len(brands[brand]) for brand in named), reverse=True)
    return weights[0] <= 2 * sum(weights[1:])


def _ranked(counts: Counter[str]) -> list[str]:
    """A name's kinds, most usual first; a forecourt brand's fuel stations before its shops."""
    ranked = sorted(counts, key=lambda kind: (-counts[kind], RANK_OF_KIND[kind]))
    if all(kind in counts for kind in FORECOURT) and "shop/supermarket" not in counts:
        ranked.remove("amenity/fuel")
        ranked.insert(0, "amenity/fuel")
    return ranked


def _keys(item: Mapping[str, Any], kind: str, generic: list[re.Pattern[str]]) -> dict[str, str]:
    """Each key the item is known by, with the name it was made from."""
    tags = item.get("tags", {})
    names = [tags.get("brand"), tags.get("name"), tags.get("brand:en"), tags.get("name:en")]
    names += [tags.get("network"), tags.get("operator")]  # transit: who runs the trains
    names.append(re.sub(r"\s*\(.*?\)\s*", " ", str(item.get("displayName", ""))))
    names.extend(item.get("matchNames", ()))
    keys: dict[str, str] = {}
    for name in names:
        text = re.sub(r"\s+", " ", str(name or "")).strip()
        if not text or any(pattern.search(text) for pattern in generic):
            continue
        key = clean(text)
        if not _usable(key, kind) or not whole_name(key, text):
            continue
        keys.setdefault(key, text)
        parts = key.split(" ")
        joined = "".join(parts)
        if 1 < len(parts) <= 3 and joined.isalpha() and len(joined) >= 6:
            keys.setdefault(joined, text)  # "FOODLION", "WAFFLEHOUSE": statements drop spaces
    return keys


MULTI_WORD_ONLY = frozenset(("transit/route/bus", "office/estate_agent"))
"""Kinds whose one-word names are mostly a town's ("Oxford" buses) or a family's ("Barnes"
estate agents): only their names of several words are kept."""


def _usable(key: str, kind: str) -> bool:
    if not key or "\t" in key or key.replace(" ", "").isdigit():
        return False
    if " " in key:
        return True
    if kind in MULTI_WORD_ONLY:
        return False
    if kind.startswith("transit/") and len(key) < 5:
        return False  # "STA", "NS": networks' short names are everyday letters on a statement
    if kind.startswith("operators/") and PUBLIC_BODY.search(key) and not _teaches(kind):
        return False  # a council runs car parks, but is paid for much else
    return key not in GENERIC and (len(key) >= 3 or not key.isascii())


def _teaches(kind: str) -> bool:
    """Whether a kind is a place of learning, whose operators are universities and colleges."""
    return CATEGORY_OF_KIND.get(kind) == "education"


def _read_package(source: Path) -> tuple[dict[str, Any], list[str], str]:
    """(nsi, generic word patterns, licence text) from a tarball or an nsi.json file."""
    if source.suffix == ".json":
        whole = json.loads(source.read_text(encoding="utf-8"))
        return whole["nsi"], whole.get("genericWords", []), whole.get("license", "")
    with tarfile.open(source) as tar:

        def member(name: str) -> bytes:
            found = tar.extractfile(f"package/{name}")
            assert found is not None, name
            return found.read()

        nsi = json.load(io.BytesIO(member("dist/json/nsi.min.json")))["nsi"]
        generic = json.load(io.BytesIO(member("dist/json/genericWords.min.json")))
        licence = member("LICENSE.md").decode()
    return nsi, generic.get("genericWords", []), licence


def _npm_pack(folder: Path) -> Path:
    spec = f"{NSI_PACKAGE}@{NSI_VERSION}"
    subprocess.run(["npm", "pack", spec, "--silent"], cwd=folder, check=True)
    return next(folder.glob("*.tgz"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", type=Path, help="a tarball or nsi.json")
    parser.add_argument("--out", type=Path, default=DATA, help="the data folder to write")
    parser.add_argument("--version", default=NSI_VERSION, help="the release being read")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temp:
        source = args.source or _npm_pack(Path(temp))
        nsi, generic, licence = _read_package(source)
    args.out.mkdir(parents=True, exist_ok=True)
    text = build(nsi, generic, args.version)
    (args.out / "merchants.tsv").write_text(text, encoding="utf-8", newline="\n")
    if licence:
        (args.out / "LICENSE-name-suggestion-index.md").write_text(licence, encoding="utf-8")
    print(f"{text.count(chr(10)) - 3} names written to {args.out / 'merchants.tsv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
