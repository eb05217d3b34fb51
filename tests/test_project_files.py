"""What README and pyproject.toml promise about the project itself stays true."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).parent.parent
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def test_readme_names_every_tool_whose_tests_skip_without_it() -> None:
    sources = "".join(path.read_text() for path in (ROOT / "tests").rglob("*.py"))
    tools = set(re.findall(r"shutil\.which\(\"([\w-]+)\"\) is None", sources))  # a skip
    readme = " ".join((ROOT / "README.md").read_text().split())

    said = re.search(r"the (\w+) tests that drive (.*?) skip when those are missing", readme)

    assert said is not None
    assert NUMBERS[said[1]] == len(tools)
    assert set(re.findall(r"`([\w-]+)`", said[2])) == tools


def test_the_licence_is_an_spdx_expression_for_a_setuptools_that_reads_it() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())

    assert project["project"]["license"] == "MIT"  # a table is deprecated, refused from 2027
    [setuptools] = [r for r in project["build-system"]["requires"] if r.startswith("setuptools")]
    assert setuptools == "setuptools>=77"
