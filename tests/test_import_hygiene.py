"""Heavy libraries stay off the everyday paths: run sbp in a subprocess, then read sys.modules.

A static import graph cannot tell a top-level import from one deferred into a function, so this
runs the real commands and looks at what was actually imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

NEVER = {"textual", "boto3", "botocore", "reportlab", "flask"}
NOT_ON_THE_QUICK_PATHS = NEVER | {"rich"}

RUN_AND_LIST_MODULES = """
import json, sys
from sbp.cli import main
report, args = sys.argv[1], sys.argv[2:]
code = main(args)
with open(report, "w") as handle:
    json.dump({"code": code, "modules": sorted(sys.modules)}, handle)
"""


def imported_by(home: Path, *args: str) -> set[str]:
    """The top-level packages imported by running `sbp args` in a fresh process."""
    report = home / "modules.json"
    subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST_MODULES, str(report), *args],
        env={**os.environ, "SBP_HOME": str(home)},
        capture_output=True,
        check=True,
        timeout=60,
    )
    found = json.loads(report.read_text())
    assert found["code"] == 0
    return {name.split(".")[0] for name in found["modules"]}


@pytest.mark.parametrize(
    ("args", "forbidden"),
    [
        # the regex engine and the merchant code names load only for rules and files that need them
        (("add", "12.50", "coffee"), NOT_ON_THE_QUICK_PATHS | {"re2", "iso18245"}),
        (("status",), NOT_ON_THE_QUICK_PATHS),
        (("--version",), NOT_ON_THE_QUICK_PATHS),
        (("--help",), NEVER),
    ],
)
def test_heavy_libraries_are_not_imported(
    tmp_path: Path, args: tuple[str, ...], forbidden: set[str]
) -> None:
    assert imported_by(tmp_path, *args) & forbidden == set()


def test_the_check_would_see_a_heavy_import(tmp_path: Path) -> None:
    """The probe sees what a command really imports, so the empty answers above mean something."""
    modules = imported_by(tmp_path, "list")

    assert {"sbp", "typer", "sqlite3"} <= modules
