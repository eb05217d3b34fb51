"""`sbp` run inside the test's own process: the same `main()` as the installed script, without a
new interpreter's start-up, for tests that run it hundreds of times (fuzzing, properties).

Output is caught as bytes and decoded strictly, so a command that printed a lone surrogate or
anything else that is not UTF-8 fails the test rather than hiding it. The one binary output is
a PDF asked for on standard output (`sbp report -o -`): it is kept as a line saying its size.
"""

from __future__ import annotations

import gc
import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sbp_process import Run

from sbp.cli import main


class InProcess:
    """`sbp` bound to one SBP_HOME, run in this process."""

    def __init__(self, home: Path) -> None:
        self.home = home

    def __call__(self, *args: str, stdin: bytes = b"") -> Run:
        out, err = io.BytesIO(), io.BytesIO()
        with _streams(stdin, out, err), _environment(SBP_HOME=str(self.home)):
            code = main(list(args))
        gc.unfreeze()  # main() freezes what exists for a quick exit; a test process goes on
        printed = out.getvalue()
        text = f"<a PDF of {len(printed)} bytes>" if printed.startswith(b"%PDF-") else None
        return Run(code, text or printed.decode(), err.getvalue().decode())

    def ok(self, *args: str) -> Run:
        run = self(*args)
        assert run.code == 0, f"sbp {' '.join(args)} exited {run.code}: {run.err}"
        return run


@contextmanager
def _streams(stdin: bytes, out: io.BytesIO, err: io.BytesIO) -> Iterator[None]:
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8", newline="\n", write_through=True)
    sys.stderr = io.TextIOWrapper(err, encoding="utf-8", newline="\n", write_through=True)
    try:
        yield
    finally:
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
            stream.detach()  # keep the bytes readable after the wrapper goes
        sys.stdin, sys.stdout, sys.stderr = saved


@contextmanager
def _environment(**values: str) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in (*values, "NO_COLOR")}
    os.environ.update(values)
    os.environ.pop("NO_COLOR", None)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
