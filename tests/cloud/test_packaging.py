"""The functions' zip is reproducible and holds sbp's Lambda parts only; the layer is built by
pip for Lambda's platform."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from cloud.packaging import (
    FUNCTION_SOURCES,
    REPO,
    build_layer,
    code_sha256,
    function_zip,
    layer_fingerprint,
    pip_command,
)
from cloud.specs import Layer
from cloud.stack import LAYER_REQUIREMENTS, RUNTIME

LAYER = Layer("sbp-dev-runtime", LAYER_REQUIREMENTS, RUNTIME)


def names_in(code: bytes) -> list[str]:
    return zipfile.ZipFile(io.BytesIO(code)).namelist()


def copy_sources(target: Path) -> Path:
    for source in FUNCTION_SOURCES:
        origin = REPO / source
        if origin.is_dir():
            shutil.copytree(origin, target / source, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (target / source).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(origin, target / source)
    return target


def test_the_same_sources_give_the_same_bytes_whatever_their_times_and_modes(
    tmp_path: Path,
) -> None:
    first = copy_sources(tmp_path / "first")
    second = copy_sources(tmp_path / "second")
    for path in second.rglob("*.py"):
        os.utime(path, (1_000_000_000, 1_000_000_000))
        path.chmod(0o600)
    (second / "sbp" / "core" / "__pycache__").mkdir(exist_ok=True)
    (second / "sbp" / "core" / "__pycache__" / "money.cpython-311.pyc").write_bytes(b"\0")
    assert function_zip(first) == function_zip(second)
    assert function_zip() == function_zip()


def test_a_changed_source_changes_the_zip_and_its_digest(tmp_path: Path) -> None:
    root = copy_sources(tmp_path)
    before = function_zip(root)
    with (root / "sbp" / "core" / "money.py").open("a") as source:
        source.write("\n# changed\n")
    after = function_zip(root)
    assert after != before
    assert code_sha256(after) != code_sha256(before)


def test_entries_are_sorted_with_one_time_and_one_mode() -> None:
    archive = zipfile.ZipFile(io.BytesIO(function_zip()))
    infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}


def test_the_zip_holds_the_handlers_and_the_parts_of_sbp_they_run() -> None:
    names = names_in(function_zip())
    for expected in (
        "lambdas/__init__.py",
        "sbp/__init__.py",
        "sbp/core/money.py",
        "sbp/core/sync/view.py",
        "sbp/render/pdf.py",
        "sbp/render/fonts/DejaVuSans.ttf",
        "sbp/render/fonts/LICENSE",
        "sbp/cloud/tables.py",
    ):
        assert expected in names
    for name in names:
        assert not name.startswith(("sbp/cli", "sbp/tui", "sbp/store", "sbp/planner")), name
        assert not name.startswith(("typer", "textual", "rich", "cloud/")), name
        assert "__pycache__" not in name and not name.endswith(".pyc"), name


def test_sbp_imports_from_the_zip_alone_without_any_terminal_library(tmp_path: Path) -> None:
    zipfile.ZipFile(io.BytesIO(function_zip())).extractall(tmp_path / "task")
    check = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "import lambdas, sbp, sbp.core.sync.view, sbp.render.pdf, sbp.cloud.tables;"
        "assert sbp.__file__.startswith(sys.argv[1]), sbp.__file__;"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'typer', 'textual', 'rich'}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", check, str(tmp_path / "task")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.strip() == "[]"


def test_a_missing_lambdas_package_is_named(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="lambdas"):
        function_zip(tmp_path)


def test_the_layer_is_pip_installed_for_linux_x86_64_and_zipped_under_python(
    tmp_path: Path,
) -> None:
    commands: list[list[str]] = []

    def pip(command: list[str]) -> None:
        # Stands in for the download: what pip would leave in --target.
        commands.append(command)
        target = Path(command[command.index("--target") + 1])
        (target / "reportlab" / "__pycache__").mkdir(parents=True)
        (target / "reportlab" / "__init__.py").write_text("Version = '4.2'\n")
        (target / "reportlab" / "__pycache__" / "x.pyc").write_bytes(b"\0")

    first = build_layer(LAYER, run=pip)
    second = build_layer(LAYER, run=pip)
    assert first == second
    assert names_in(first) == ["python/reportlab/__init__.py"]
    command = commands[0]
    assert command[:4] == [sys.executable, "-m", "pip", "install"]
    assert Path(command[command.index("--target") + 1]).name == "python"
    for flag, value in (
        ("--platform", "manylinux2014_x86_64"),
        ("--python-version", "3.12"),
        ("--implementation", "cp"),
    ):
        assert command[command.index(flag) + 1] == value
    assert "--only-binary=:all:" in command
    assert command[-len(LAYER_REQUIREMENTS) :] == list(LAYER_REQUIREMENTS)
    assert pip_command(LAYER, tmp_path / "python") == [
        *command[: command.index("--target") + 1],
        str(tmp_path / "python"),
        *command[command.index("--target") + 2 :],
    ]


def test_a_new_layer_is_built_only_when_its_requirements_change() -> None:
    assert layer_fingerprint(LAYER) == layer_fingerprint(Layer("x", LAYER_REQUIREMENTS, RUNTIME))
    newer = Layer(LAYER.name, (*LAYER_REQUIREMENTS, "ulid-py>=1"), RUNTIME)
    assert layer_fingerprint(newer) != layer_fingerprint(LAYER)
    assert layer_fingerprint(Layer(LAYER.name, LAYER_REQUIREMENTS, "python3.13")) != (
        layer_fingerprint(LAYER)
    )
