"""The shipped merchant knowledge base: reproducible from its script, and in step with the code."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from sbp.core.categorize import Categorizer
from sbp.core.categorize.clean import clean
from sbp.core.categorize.merchants import MerchantBase

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "data" / "nsi_fixture.json"
SHIPPED = ROOT / "sbp" / "core" / "categorize" / "data" / "merchants.tsv"


@pytest.fixture(scope="module")
def builder() -> ModuleType:
    """scripts/build_merchants.py, loaded as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "build_merchants", ROOT / "scripts" / "build_merchants.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_merchants"] = module
    spec.loader.exec_module(module)
    return module


def test_the_data_file_is_rebuilt_byte_for_byte_from_the_same_release(
    builder: ModuleType, tmp_path: Path
) -> None:
    first, second = tmp_path / "one", tmp_path / "two"

    assert builder.main(["--from", str(FIXTURE), "--out", str(first), "--version", "9.9"]) == 0
    assert builder.main(["--from", str(FIXTURE), "--out", str(second), "--version", "9.9"]) == 0

    text = (first / "merchants.tsv").read_bytes()
    assert text == (second / "merchants.tsv").read_bytes()
    lines = text.decode().splitlines()
    keys = [line.split("\t")[0] for line in lines[3:]]
    assert keys == sorted(keys, key=str.encode)
    assert keys == [
        "costa",
        "costa coffee",
        "costacoffee",
        "donut hut",
        "donuthut",
        "food lion",
        "foodlion",
        "indigo",
        "oxford bus company",  # a bus network's one-word name ("Oxford") is a town's
        "oxfordbuscompany",
        "quikfill",
        "starbucks",
        "tesco",
        "your move",  # an estate agent's one-word name ("Barnes") is a family's
        "yourmove",
    ]
    assert (first / "LICENSE-name-suggestion-index.md").read_text() == "BSD 3-Clause (fixture)"


def test_the_built_data_answers_lookups(builder: ModuleType, tmp_path: Path) -> None:
    builder.main(["--from", str(FIXTURE), "--out", str(tmp_path), "--version", "9.9"])
    base = MerchantBase((tmp_path / "merchants.tsv").read_bytes(), online={})

    assert base.find("tesco stores").brand.category == "groceries"  # type: ignore[union-attr]
    assert base.find("tesco pfs").brand.category == "fuel"  # type: ignore[union-attr]
    assert base.find("foodlion").brand.name == "Food Lion"  # type: ignore[union-attr]
    assert base.find("lloyds bank") is None  # banks are not shops
    assert base.find("quikfill 0412").brand.category == "fuel"  # type: ignore[union-attr]
    assert base.find("donut hut 12").brand.category == "coffee"  # type: ignore[union-attr]
    indigo = base.find("indigo 280")
    assert indigo is not None and indigo.brand.shared  # books and car parks share the name
    assert base.find("barnes") is None
    assert base.find("metro ticket") is None  # an everyday word first
    assert base.find_cut_short("shrewsbury starbuc").brand.key == "starbucks"  # type: ignore[union-attr]


def test_the_shipped_file_was_built_from_the_pinned_release_and_these_tables(
    builder: ModuleType,
) -> None:
    header = SHIPPED.read_text(encoding="utf-8").splitlines()[:2]

    assert f"name-suggestion-index {builder.NSI_VERSION}," in header[0]
    assert header[1].endswith(f"tables {builder.tables_hash()}")  # rebuild after changing one


def test_every_shipped_name_is_written_as_descriptions_are_cleaned() -> None:
    for line in SHIPPED.read_text(encoding="utf-8").splitlines()[3:]:
        key = line.split("\t")[0]
        assert clean(key) == key, key


def test_the_knowledge_base_is_read_only_when_a_description_gets_that_far() -> None:
    base = MerchantBase()
    categorizer = Categorizer(merchants=base)

    categorizer.categorize("lunch", kind="ATM")
    categorizer.categorize("coffee")  # `sbp add 12.50 coffee`: a keyword says it all

    assert base._data is None
    assert categorizer.categorize("WAFFLE HOUSE 1204").category == "dining"
    assert base._data is not None
