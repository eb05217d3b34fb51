"""Fuzzing the command line: any arguments, of any command, end with an exit code README
documents, never a traceback; an error is one line on stderr and leaves the store as it was;
nothing printed carries a control character or bidi override raw.

The commands and their options are read from the real command tree, so a new command or option
is fuzzed as soon as it exists. Runs in this process (`inprocess.py`): a few hundred cases take
seconds rather than minutes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import typer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from inprocess import InProcess
from sbp_process import Run, Sbp
from test_text_doors import unprintable

from sbp.cli import build_app
from sbp.cli.errors import ExitCode

DOCUMENTED = {int(code) for code in ExitCode}
NOT_FUZZED = {"ui"}  # a full-screen program, driven by the TUI tests
NOT_FUZZED_OPTIONS = {"--open"}  # starts the desktop's viewer
PATH_PARAMS = {"files", "out", "output"}


class Spec(NamedTuple):
    """One command: its words, its options (name, takes a value) and its arguments."""

    words: tuple[str, ...]
    options: tuple[tuple[str, bool], ...]
    arguments: tuple[str, ...]


def leaves(command: Any, words: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    children = getattr(command, "commands", None)
    if not children:
        yield words, command
        return
    for name, child in children.items():
        yield from leaves(child, (*words, name))


def specs() -> list[Spec]:
    found = []
    for words, command in leaves(typer.main.get_command(build_app())):
        if " ".join(words) in NOT_FUZZED:
            continue
        options = [
            (param.opts[-1], not (param.is_flag or param.count))
            for param in command.params
            if param.param_type_name == "option" and param.opts[-1] not in NOT_FUZZED_OPTIONS
        ]
        options.append(("--help", False))
        arguments = tuple(p.name for p in command.params if p.param_type_name == "argument")
        found.append(Spec(words, tuple(options), arguments))
    return found


SPECS = specs()
ODD = [
    "", " ", "-", "--", "0", "-1", "-3d", "9223372036854775808", "-9223372036854775809",
    "1e309", "NaN", "12,345.678", "1.234,56", "$4.20", "4.20EUR", "4.20XYZ", "2026-11-31",
    "2026-13", "2026-W60", "today", "yesterday", "01M9", "0000", "\x1b[2J", "\x1b]0;x\x07",
    "\u202egnp", "\u200b", "caf\udce9", "a{99999999999}", "(a+)+$", "[", "x" * 300,
    "date=Buchungstag", "a=b,c", "=1+1", "-weird-", "coffee",
]  # fmt: skip
TEXT = st.text(st.characters(blacklist_characters="/\x00"), max_size=12)
VALUE = st.one_of(st.sampled_from(ODD), TEXT, st.integers().map(str))


def path_values(folder: Path) -> list[str]:
    """Files and folders an import or an -o may name: good, bad and impossible ones."""
    bank = folder / "bank.csv"
    bank.write_text("Date,Amount,Description\n2026-11-04,-3.20,Blue Bottle\n2026-11-05,x,bad\n")
    (folder / "empty.csv").write_text("")
    (folder / "binary.dat").write_bytes(bytes(range(256)) * 4)
    (folder / "deep.json").write_text("[" * 50_000 + "]" * 50_000)
    (folder / "list.json").write_text('[{"date": "2026-11-06", "amount": "1e400"}]')
    (folder / "a-folder").mkdir(exist_ok=True)
    return [
        str(bank), str(folder / "empty.csv"), str(folder / "binary.dat"),
        str(folder / "deep.json"), str(folder / "list.json"), str(folder / "a-folder"),
        str(folder / "missing.csv"), str(folder / "out.csv"), str(folder / "out" / "x.pdf"),
        str(folder / ("n" * 300)), "-", "", ".", "/",
    ]  # fmt: skip


@st.composite
def command_lines(draw: st.DrawFn, paths: list[str]) -> list[str]:
    spec = draw(st.sampled_from(SPECS))
    words = list(spec.words)
    for argument in spec.arguments:
        pool = st.sampled_from(paths) if argument in PATH_PARAMS else VALUE
        if draw(st.integers(0, 9)):  # now and then an argument is left out
            words.append(draw(pool))
    for name, takes_value in draw(st.lists(st.sampled_from(spec.options), max_size=3)):
        words.append(name)
        if takes_value:
            is_path = name.lstrip("-") in PATH_PARAMS
            words.append(draw(st.sampled_from(paths) if is_path else VALUE))
    if draw(st.integers(0, 9)) == 0:
        words.insert(draw(st.integers(0, len(words))), draw(VALUE))  # a stray word
    return words


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[InProcess, Sbp, list[str]]:
    folder = tmp_path_factory.mktemp("fuzz")
    home = folder / "home"
    home.mkdir()
    (home / "config.toml").write_text('base_currency = "USD"\n')
    sbp = InProcess(home)
    sbp.ok("add", "12.50", "Blue Bottle", "-d", "2026-11-02")
    sbp.ok("add", "40", "groceries", "-c", "groceries", "-d", "2026-11-03")
    sbp.ok("budget", "set", "coffee", "20")
    sbp.ok("rules", "add", "blue bottle", "coffee")
    return sbp, Sbp(home), path_values(folder)


def check(args: list[str], run: Run, changed: bool, paths: list[str]) -> None:
    said = f"sbp {args!r} exited {run.code}: {run.err!r}"
    assert run.code in DOCUMENTED, said
    assert "Traceback" not in run.err and "Error:" not in run.out, said
    assert unprintable(run.out + run.err) == [], said  # what was typed is never echoed raw
    if run.code == 0:
        return
    # each file of an import is a batch of its own: after a bad one, the good ones stay
    importing = "import" in args[:3]
    several_files = importing and sum(a in paths for a in args) > 1
    assert not changed or several_files, f"{said}: the store changed"
    if run.code == ExitCode.USAGE:
        assert "Usage:" in run.err + run.out, said
        return
    lines = run.err.splitlines()
    if importing:  # an import lists the file's bad rows, then says why it stopped
        assert all(not line.startswith((" ", "\t")) for line in lines), said
        return
    assert len(lines) == 1 and lines[0].startswith("sbp: error: "), said


@settings(
    max_examples=int(os.environ.get("SBP_FUZZ_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_command_line_ends_with_a_documented_code_and_no_traceback(
    data: st.DataObject,
    world: tuple[InProcess, Sbp, list[str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sbp, store, paths = world
    monkeypatch.chdir(Path(paths[0]).parent)  # a report written "here" lands in the test's folder
    args = data.draw(command_lines(paths))
    before = store.snapshot()

    run = sbp(*args)

    check(args, run, store.snapshot() != before, paths)
