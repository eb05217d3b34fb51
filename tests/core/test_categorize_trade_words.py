"""Trade words read from OpenStreetMap's iD presets: kinds sbp filed under `other` before the
presets' words were read, what `sbp rules test` says of them, the build's filters, and the
shipped file rebuilt byte for byte from the pinned packages. Every description is made up."""

from __future__ import annotations

import runpy
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

from sbp.core.categorize import Categorizer
from sbp.core.categorize.trade_words import TradeWords
from sbp.core.model import CategorySource

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "sbp" / "core" / "categorize" / "data"

FIXED = [  # each was `other` before the presets' words were read
    ("NOVAK ROOFER 22", "housing"),
    ("BRAMBLE UPHOLSTERER", "housing"),
    ("KOWALSKI HYDRAULIK", "housing"),  # Polish plumber
    ("ELEKTRIKER WOLF", "housing"),  # German electrician
    ("MALERBETRIEB KLEIN", "housing"),  # German painter and decorator
    ("FENWICK OIL CHANGE 12", "transport"),  # two words, matched as a phrase
    ("SPEECH THERAPIST KAY", "health"),
    ("PODOLOGE HUBER", "health"),  # German podiatrist
    ("RELOJERIA EL SOL", "shopping"),  # Spanish watch shop
]
DESCRIPTIONS = [description for description, _ in FIXED] + [
    "PARCHEGGIO SAN MARCO",
    "GLENVIEW DONUTS",
]


@pytest.mark.parametrize(("description", "category"), FIXED)
def test_a_kind_named_in_the_presets_is_filed_by_its_trade(description: str, category: str) -> None:
    choice = Categorizer().categorize(description)

    assert (choice.category, choice.source) == (category, CategorySource.DEFAULT), choice.reason
    assert "OpenStreetMap presets" in choice.reason


def test_the_explanation_names_the_word_its_kind_and_its_source() -> None:
    explained = Categorizer().explain("NOVAK ROOFER 22")

    assert explained.chosen.reason == (
        "the trade word 'roofer' (craft=roofer, OpenStreetMap presets)"
    )
    typed = Categorizer().explain("PARCHEGGIO SAN MARCO").chosen  # a word the presets lack
    assert typed.reason == "the trade word 'parcheggio' (amenity=parking, sbp's own list)"


def test_where_the_two_lists_file_a_word_apart_sbps_reviewed_category_wins() -> None:
    assert TradeWords(typed=False)["donuts"].category == "dining"  # the presets: fast food

    choice = Categorizer().categorize("GLENVIEW DONUTS")  # doughnut chains are coffee

    assert (choice.category, choice.source) == ("coffee", CategorySource.DEFAULT)
    assert "sbp's own list" in choice.reason


@pytest.mark.parametrize("description", ["MIDLAND LOGISTICS 22", "HOTELIERSUPPLY", "GEORGIAN"])
def test_a_description_naming_no_trade_stays_in_other(description: str) -> None:
    assert Categorizer().categorize(description).category == "other"


def test_words_the_file_lists_are_read_with_their_kind() -> None:
    data = (
        b"# made up\n@kinds\tcraft/roofer=housing\tshop/bakery=groceries\ndakdekker\t0\nbageri\t1\n"
    )
    words = TradeWords(data, typed=False)

    assert words["dakdekker"].kind == "craft/roofer"
    assert words.table.match("jansen dakdekker") == ("housing", "dakdekker")
    assert words.categories == {"craft/roofer": "housing", "shop/bakery": "groceries"}


# the build ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def builder() -> SimpleNamespace:
    """scripts/build_trades.py's functions (scripts/ is not a package)."""
    return SimpleNamespace(**runpy.run_path(str(ROOT / "scripts" / "build_trades.py")))


def preset(name: str, terms: list[str] | None = None) -> dict[str, object]:
    return {"name": name, "terms": terms or []}


def test_the_build_keeps_trade_words_and_leaves_out_the_misleading(
    builder: SimpleNamespace,
) -> None:
    presets = {
        "craft/roofer": {"tags": {"craft": "roofer"}},
        "shop/clothes": {"tags": {"clothes": "x"}},  # tags that are not the kind: left out
        "shop/bakery": {"tags": {"shop": "bakery"}},
        "amenity/restaurant": {"tags": {"amenity": "restaurant"}},
    }
    translations = {
        "en": {
            "craft/roofer": preset("Roofer", ["roof repair", "thatch"]),
            "shop/bakery": preset("Bakery", ["bread", "salon", "tesco"]),
            "amenity/restaurant": preset("Restaurant", ["bread"]),
        },
        "de": {"craft/roofer": preset("Dachdecker"), "shop/bakery": preset("Bäckerei", ["have"])},
        "da": {"shop/bakery": preset("Bageri", ["have", "tesco"])},
        "en-GB": {"craft/roofer": preset("Roofer", ["thatch"])},  # English, counted once
    }
    text = builder.build(presets, translations, {"have", "bread", "bakery"}, {"tesco": ""})

    lines = text.splitlines()
    assert (
        lines[2] == "@kinds\tshop/bakery=groceries\tamenity/restaurant=dining\tcraft/roofer=housing"
    )
    assert [line.split("\t")[0] for line in lines[3:]] == [
        "backerei",  # written as descriptions are cleaned
        "bageri",
        "bakery",  # an everyday English word, but the English name of the kind
        "dachdecker",
        "restaurant",
        "roof repair",  # a phrase one language searches by
        "roofer",
    ]  # not: "salon" (everyday), "tesco" (a brand), "have" (everyday English), "bread"
    # (two trades, none leading), "thatch" (one language's search term)
    assert builder.build(presets, translations, {"have", "bread", "bakery"}, {"tesco": ""}) == text


def test_the_shipped_file_was_built_from_the_pinned_release_and_these_tables(
    builder: SimpleNamespace,
) -> None:
    header = (DATA / "trades.tsv").read_text(encoding="utf-8").splitlines()[:2]

    assert f"{builder.SCHEMA_PACKAGE} {builder.SCHEMA_VERSION})" in header[0]
    assert header[1].endswith(f"tables {builder.tables_hash()}")  # rebuild after changing one


def test_the_shipped_file_is_rebuilt_byte_for_byte_from_the_pinned_packages(
    builder: SimpleNamespace, tmp_path: Path
) -> None:
    """Runs the script as a person would, with npm reading only its cache: the packages are
    fetched once by `python scripts/build_trades.py` (or `npm cache add`), never by tests."""
    if shutil.which("npm") is None:
        pytest.skip("npm is not installed: the pinned packages cannot be read")
    try:
        tarballs = list(builder.packages(tmp_path, offline=True))
    except subprocess.CalledProcessError:
        pytest.skip(
            f"{builder.SCHEMA_PACKAGE}@{builder.SCHEMA_VERSION} and {builder.WORDS_PACKAGE}@"
            f"{builder.WORDS_VERSION} are not in npm's cache: run scripts/build_trades.py once"
        )
    out = tmp_path / "out"
    args = ["--from", str(tarballs[0]), "--words", str(tarballs[1]), "--out", str(out)]

    assert builder.main(args) == 0
    assert (out / "trades.tsv").read_bytes() == (DATA / "trades.tsv").read_bytes()
    licence = (out / builder.LICENCE).read_bytes()
    assert licence == (DATA / builder.LICENCE).read_bytes()
