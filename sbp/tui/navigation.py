"""The places of `sbp ui` and the keys that go to them, in one list: the app's keys, the bar
at the top of every screen and the `?` screen all read it, so they always say the same."""

from __future__ import annotations

from typing import NamedTuple


class Place(NamedTuple):
    """A screen a key goes to: the key, the screen's mode, and its name as shown."""

    key: str
    mode: str
    label: str


PLACES = (
    Place("d", "dashboard", "Dashboard"),
    Place("e", "expenses", "Expenses"),
    Place("b", "budgets", "Budgets"),
    Place("c", "rules", "Rules"),
    Place("n", "notifications", "Alerts"),
    Place("i", "imports", "Import"),
    Place("r", "reports", "Reports"),
)
