"""Help that explains itself, the version, usage errors, and the installed `sbp` script."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sbp_process import Sbp

COMMANDS = [
    ("add",),
    ("list",),
    ("show",),
    ("edit",),
    ("rm",),
    ("undo",),
    ("status",),
    ("categories",),
    ("notifications",),
    ("budget",),
    ("budget", "set"),
    ("budget", "list"),
    ("budget", "rm"),
    ("rules",),
    ("rules", "add"),
    ("rules", "list"),
    ("rules", "rm"),
    ("rules", "test"),
]


def test_root_help_lists_every_command_with_examples(sbp: Sbp) -> None:
    run = sbp.ok("--help")

    examples = [line.strip().split("  ")[0] for line in run.lines if line.startswith("    sbp")]
    assert examples == ['sbp add 12.50 "coffee"', "sbp budget set coffee 60", "sbp status"]
    listed = {line.split()[0] for line in run.lines if line.startswith("  ") and line.split()}
    assert {c[0] for c in COMMANDS} <= listed


def test_every_command_explains_itself_with_an_example(sbp: Sbp) -> None:
    for command in COMMANDS:
        run = sbp.ok(*command, "--help")
        assert f"Usage: sbp {' '.join(command)}" in run.out
        assert "Example" in run.out, command
        assert f"sbp {' '.join(command)}" in run.out.split("Example", 1)[1], command


def test_every_date_option_says_which_forms_it_takes(sbp: Sbp) -> None:
    for command in ("add", "edit"):
        run = sbp.ok(command, "--help")
        assert "YYYY-MM-DD, today, yesterday or -3d" in " ".join(run.out.split()), command


def test_version_prints_the_version(sbp: Sbp) -> None:
    from sbp import __version__

    assert sbp.ok("--version").out == f"sbp {__version__}\n"


@pytest.mark.parametrize("args", [("frobnicate",), ("list", "--colour")])
def test_usage_errors_exit_2(sbp: Sbp, args: tuple[str, ...]) -> None:
    run = sbp(*args)

    assert run.code == 2
    assert "No such" in run.err


def _installed_script() -> Path | None:
    beside = Path(sys.executable).with_name("sbp")
    if beside.exists():
        return beside
    found = shutil.which("sbp")
    return Path(found) if found else None


def test_the_installed_sbp_script_records_and_lists(sbp: Sbp) -> None:
    script = _installed_script()
    if script is None:
        pytest.skip("sbp is not installed as a script")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(script), *args], env=sbp.env, capture_output=True, text=True, timeout=60
        )

    added = run("add", "12.50", "coffee")
    listed = run("list", "--json")

    assert added.returncode == 0 and added.stdout.startswith("added ")
    assert '"description": "coffee"' in listed.stdout
