"""The functions' zip and the runtime layer, built reproducibly.

The same sources give the same zip bytes (entries sorted, one fixed time stamp and mode), so
Lambda's CodeSha256 changes only when the code does and a second apply uploads nothing. The
zip holds `lambdas/` and the parts of sbp the functions run (core, render with its fonts,
cloud); never the CLI or the TUI, nor their libraries. Third-party packages go into a layer
built by pip for the Lambda platform, at deploy time only.
"""

from __future__ import annotations

import base64
import hashlib
import io
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from cloud.specs import Layer

REPO = Path(__file__).resolve().parent.parent
FUNCTION_SOURCES = ("lambdas", "sbp/__init__.py", "sbp/core", "sbp/render", "sbp/cloud")
PLATFORM = "manylinux2014_x86_64"
_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
_FILE_MODE = 0o100644 << 16  # a regular file, rw-r--r--


def _skipped(path: Path) -> bool:
    return (
        "__pycache__" in path.parts
        or path.suffix in (".pyc", ".pyo")
        or any(part.startswith(".") for part in path.parts)
        or path.name.endswith("~")
    )


def source_files(root: Path, sources: Iterable[str]) -> list[tuple[str, Path]]:
    """(name in the zip, file) for every file under `sources`, sorted by name."""
    files = []
    for source in sources:
        start = root / source
        found = [start] if start.is_file() else sorted(p for p in start.rglob("*") if p.is_file())
        for path in found:
            relative = path.relative_to(root)
            if not _skipped(relative):
                files.append((relative.as_posix(), path))
    return sorted(files)


def reproducible_zip(entries: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip whose bytes depend only on the entries' names and contents."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.external_attr = _FILE_MODE
            info.create_system = 3  # Unix, so the mode above is read as one
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()


def function_zip(root: Path = REPO) -> bytes:
    """The code every function of the stack runs (one zip, one handler each)."""
    if not (root / "lambdas").is_dir():
        raise FileNotFoundError(f"no lambdas/ package under {root}")
    return reproducible_zip(
        (name, path.read_bytes()) for name, path in source_files(root, FUNCTION_SOURCES)
    )


def code_sha256(code: bytes) -> str:
    """The digest Lambda reports as CodeSha256 (base64 of SHA-256)."""
    return base64.b64encode(hashlib.sha256(code).digest()).decode()


def layer_fingerprint(layer: Layer) -> str:
    """Names a layer build by what went into it; a new one is built only when this changes."""
    recipe = "\n".join((layer.runtime, PLATFORM, *sorted(layer.requirements)))
    return hashlib.sha256(recipe.encode()).hexdigest()[:16]


def pip_command(layer: Layer, target: Path) -> list[str]:
    """pip, installing Linux x86-64 wheels for the layer's Python into `target`."""
    version = layer.runtime.removeprefix("python")
    return [
        sys.executable, "-m", "pip", "install", "--quiet", "--no-compile",
        "--target", str(target),
        "--platform", PLATFORM,
        "--implementation", "cp",
        "--python-version", version,
        "--only-binary=:all:",
        *layer.requirements,
    ]  # fmt: skip


Runner = Callable[[list[str]], object]


def _run(command: list[str]) -> object:
    return subprocess.run(command, check=True)


def build_layer(layer: Layer, run: Runner = _run) -> bytes:
    """Download the layer's packages for Lambda with pip and zip them under `python/`."""
    with tempfile.TemporaryDirectory(prefix="sbp-layer-") as folder:
        target = Path(folder) / "python"
        run(pip_command(layer, target))
        entries = source_files(Path(folder), ("python",))
        return reproducible_zip((name, path.read_bytes()) for name, path in entries)
