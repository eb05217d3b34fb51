"""How the main screens of `sbp ui` look at 80x24, 100x30 and 120x40, dark and light.

Pictures are kept in `__snapshots__`; after a deliberate change to the look, review the diff
report and refresh them with `pytest tests/tui --snapshot-update`.
"""

from __future__ import annotations

from typing import Any

import pytest

from sbp.planner import Planner
from sbp.tui.app import SbpApp

SIZES = [(80, 24), (100, 30), (120, 40)]
SCREENS = {
    "dashboard": [],
    "expenses": ["e"],
    "add_form": ["e", "a", *"12.345"],
    "budgets": ["b"],
    "rules": ["c"],
    "notifications": ["n"],
    "imports": ["i"],
    "keys": ["e", "question_mark"],
}  # the reports screen shows `sbp report`'s own Markdown, pictured by that command's tests


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("keys", SCREENS.values(), ids=SCREENS.keys())
def test_screen_looks_right(
    snap_compare: Any, planner: Planner, keys: list[str], size: Any
) -> None:
    assert snap_compare(SbpApp(planner, poll_seconds=0), press=keys, terminal_size=size)


@pytest.mark.parametrize("keys", [[], ["e"]], ids=["dashboard", "expenses"])
def test_the_light_theme_reads_well(snap_compare: Any, planner: Planner, keys: list[str]) -> None:
    app = SbpApp(planner, theme="light", poll_seconds=0)
    assert snap_compare(app, press=keys, terminal_size=(80, 24))
