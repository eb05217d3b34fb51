"""Town names tell a supermarket's shop ("TESCO STORES 4711 BANBURY") from the same name followed
by another trade's words ("TESCO CLUBCARD PLUS"); the town list is rebuilt byte for byte by its
script. Every description here is made up."""

from __future__ import annotations

import gzip
import json
import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest

from sbp.core.categorize import Categorizer
from sbp.core.categorize.merchants import MerchantBase
from sbp.core.categorize.towns import LIST_AFTER, Towns, default_towns
from sbp.core.keywords import DEFAULT_CATEGORY

ROOT = Path(__file__).resolve().parents[2]
KINDS = "@kinds\tshop/supermarket\tamenity/cafe\tshop/clothes\n"
MERCHANTS = (
    f"# made-up brands\n{KINDS}grocermart\t0\tGrocerMart\nbeanery\t1\tBeanery\n"
    "hendersons\t0\tHendersons\nzorbs\t0\tZorbs\nwillowby\t2\tWillowby\n"
)
TOWNS = sorted(["banbury", "kingston", "kingston upon thames", "oxford", "san jose", "willowby"])


def categorizer() -> Categorizer:
    merchants = MerchantBase(MERCHANTS.encode(), online={})
    categorizer = Categorizer(merchants=merchants)
    categorizer._knowledge._towns = Towns(TOWNS)  # the made-up towns in place of the world's
    return categorizer


@pytest.mark.parametrize(
    "description",
    [
        "GROCERMART",
        "GROCERMART 0412 OXFORD",
        "GROCERMART STORES 77 SAN JOSE",
        "GROCERMART EXPRESS KINGSTON UPON THAMES",
        "GROCERMART HOME SHOPPING",
        "GROCERMART 12 QPS",  # a code, not a word
        "GROCERMART SUPERSTORE KINGST",  # a town's name cut short at the end
        "PATEL'S GROCERMART",  # the franchise's owner before the brand
        "grocermart weekly top up",  # what a person types
    ],
)
def test_a_supermarket_followed_only_by_where_it_is_is_groceries(description: str) -> None:
    choice = categorizer().categorize(description)

    assert (choice.category, choice.source) == ("groceries", "merchant")
    assert choice.confidence >= 0.8


@pytest.mark.parametrize(
    "description",
    ["GROCERMART CLUBCARD PLUS", "GROCERMART OXFORD PHOTOBOOKS", "GROCERMART KINGSTOP"],
)
def test_a_supermarket_followed_by_other_words_is_left_in_other_naming_the_guess(
    description: str,
) -> None:
    explained = categorizer().explain(description)

    assert explained.chosen.category == DEFAULT_CATEGORY
    assert explained.chosen.guess == "groceries"
    assert "name no town" in explained.chosen.reason


def test_a_brand_whose_name_ends_in_s_is_found_without_it() -> None:
    choice = categorizer().categorize("WM HENDERSON 0412 OXFORD")

    assert (choice.category, choice.source) == ("groceries", "merchant")
    assert categorizer().categorize("ZORB 12").category == DEFAULT_CATEGORY  # too short a stem


def test_other_brands_followed_by_other_words_keep_their_trust() -> None:
    choice = categorizer().categorize("BEANERY RIVERSIDE KIOSK")

    assert (choice.category, choice.confidence) == ("coffee", 0.9)


@pytest.mark.parametrize("description", ["WILLOWBY AND FENWICK GAS", "WILLOWBY WINCH PARTS"])
def test_a_brand_named_as_a_town_among_other_words_is_left_in_other(description: str) -> None:
    choice = categorizer().categorize(description)  # most often the town: "Willowby Gas"

    assert (choice.category, choice.guess) == (DEFAULT_CATEGORY, "shopping")
    assert "also a town's name" in choice.reason


@pytest.mark.parametrize(
    "description",
    ["WILLOWBY", "WILLOWBY 0412 OXFORD", "WILLOWBY OUTLET", "WILLOWBY FASHION KINGSTON"],
)
def test_a_brand_named_as_a_town_alone_or_where_it_is_keeps_its_trust(description: str) -> None:
    choice = categorizer().categorize(description)  # a store word or a trade of its own agrees

    assert (choice.category, choice.source) == ("shopping", "merchant")


def test_towns_cover_names_of_several_words_and_a_last_word_cut_short() -> None:
    towns = Towns(TOWNS)

    assert "oxford" in towns and "oxfor" not in towns
    assert towns.cover(["kingston", "upon", "thames", "oxford"])
    assert not towns.cover(["oxford", "photobooks"])
    assert towns.cover(["oxford", "banb"], cut_short=True)
    assert not towns.cover(["oxford", "banb"])
    assert not towns.cover(["ban"], cut_short=True)  # too short to say which town


def test_the_shipped_towns_know_towns_and_no_trades() -> None:
    towns = default_towns()

    for town in ("oxford", "banbury", "kingston upon thames", "toronto", "valencia", "sao paulo"):
        assert town in towns
    for trade in ("store", "airport", "clubcard"):
        assert trade not in towns


def test_the_shipped_data_files_the_supermarket_shop_and_withholds_the_rest() -> None:
    shipped = Categorizer()

    assert shipped.categorize("TESCO STORES 4711 BANBURY").category == "groceries"
    assert shipped.categorize("SAINSBURYS S/MKTS 0815 KINGSTON UPON").category == "groceries"
    withheld = shipped.categorize("TESCO CLUBCARD PLUS")
    assert (withheld.category, withheld.guess) == (DEFAULT_CATEGORY, "groceries")


@pytest.fixture(scope="module")
def builder() -> SimpleNamespace:
    """scripts/build_towns.py's functions (scripts/ is not a package)."""
    return SimpleNamespace(**runpy.run_path(str(ROOT / "scripts" / "build_towns.py")))


def test_the_town_list_is_rebuilt_byte_for_byte_from_the_same_data(
    builder: SimpleNamespace, tmp_path: Path
) -> None:
    places = ["Zürich", "Oxford", "São Paulo", "Москва", "Store", "Kingston upon Thames", "Oxford"]
    cities = {str(n): {"name": name} for n, name in enumerate(places)}
    source = tmp_path / "cities.json"
    source.write_text(json.dumps(cities), encoding="utf-8")
    first, second = tmp_path / "one", tmp_path / "two"

    assert builder.main(["--from", str(source), "--out", str(first), "--version", "9.9"]) == 0
    assert builder.main(["--from", str(source), "--out", str(second), "--version", "9.9"]) == 0

    data = (first / "towns.txt.gz").read_bytes()
    assert data == (second / "towns.txt.gz").read_bytes()
    lines = gzip.decompress(data).decode().splitlines()  # one text, as zcat reads it
    assert "GeoNames" in lines[0] and "Attribution 4.0" in lines[1] and "9.9" in lines[2]
    names = [line for line in lines if line[0] not in "#@"]
    # accents folded, other scripts and trade words left out, each name once, sorted
    assert names == ["kingston upon thames", "oxford", "sao paulo", "zurich"]


def test_the_built_file_answers_lookups_by_letter_and_as_a_list(
    builder: SimpleNamespace, tmp_path: Path
) -> None:
    cities = {str(n): {"name": name} for n, name in enumerate(["Oxford", "Kingston", "Kiel"])}
    countries = {"GB": {"name": "United Kingdom"}}
    data = builder.build(cities, countries, "9.9")
    towns = Towns(data=data)

    assert "oxford" in towns and "kiel" in towns and "united kingdom" in towns
    assert "oxfordshire" not in towns and "zurich" not in towns
    assert towns.starts("kings") and not towns.starts("kingsw")
    for _ in range(LIST_AFTER):  # many lookups: the names become one sorted list
        assert "leeds" not in towns
    assert "oxford" in towns and towns.starts("unite") and "kingston" in towns
    assert towns._names == ["kiel", "kingston", "oxford", "united kingdom"]
