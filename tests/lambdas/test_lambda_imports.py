"""A handler module loads what its function runs on and nothing of the terminal front ends.

Run in a fresh process, as a Lambda container would import it; a static import graph (the
import-linter contract) cannot see what a module imports only when a function runs.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

FRONT_ENDS = {"typer", "textual", "rich", "flask", "sbp.cli", "sbp.tui"}
ROOT = Path(__file__).resolve().parents[2]


def imported_by(module: str) -> set[str]:
    """Every module (and each of its parent packages) a fresh `import module` loaded."""
    code = f"import json, sys, {module}; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


@pytest.mark.parametrize(
    "module", ["lambdas.categorizer", "lambdas.budget_alert", "lambdas.report_generator"]
)
def test_a_handler_loads_no_terminal_front_end(module: str) -> None:
    loaded = imported_by(module)

    assert module in loaded and "aws_lambda_powertools" in loaded
    assert loaded & FRONT_ENDS == set()


def test_the_report_handler_loads_reportlab_only_for_a_good_request() -> None:
    assert "reportlab" not in imported_by("lambdas.report_generator")
    assert "reportlab" in imported_by("sbp.render.pdf")  # the probe would see it
