"""Which column is which, from the header names banks use (English and German, the common ones).

Each role lists names best first; a header cell matches a name exactly, or contains it when the
bank adds a unit (`Amount (EUR)`, `Betrag (€)`). The role order matters: `debit` is claimed
before `amount`, so `Debit Amount` is not read as a signed amount.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

ROLES = ("date", "description", "amount", "debit", "credit", "currency", "id", "category", "note")

SYNONYMS: dict[str, tuple[str, ...]] = {
    "date": ("date", "transaction date", "posting date", "posted date", "trans date",
             "booking date", "buchungstag", "buchungsdatum", "datum", "value date", "valuta",
             "wertstellung", "completed date", "started date"),
    "description": ("description", "payee", "merchant", "name", "transaction description",
                    "details", "narrative", "transaction details",
                    "beguenstigter zahlungspflichtiger", "begünstigter zahlungspflichtiger",
                    "auftraggeber empfänger", "auftraggeber begünstigter",
                    "empfänger", "verwendungszweck", "buchungstext", "memo", "reference"),
    "debit": ("debit", "debit amount", "withdrawal", "withdrawals", "paid out", "money out",
              "soll", "ausgang", "out"),
    "credit": ("credit", "credit amount", "deposit", "deposits", "paid in", "money in", "haben",
               "eingang", "in"),
    "amount": ("amount", "betrag", "transaction amount", "umsatz", "value", "amount eur",
               "amount usd", "amount gbp"),
    "currency": ("currency", "währung", "waehrung", "ccy"),
    "id": ("id", "transaction id", "transaction_id", "fitid", "txn id", "unique id",
           "transaction reference"),
    "category": ("category",),
    "note": ("note", "notes"),
}  # fmt: skip

_CONTAINS = {
    "amount": ("amount", "betrag"),
    "date": ("date", "datum"),
    "description": ("description",),
}
_CLEAN = re.compile(r"[^\w ]+")


def clean(cell: str) -> str:
    """A header cell reduced to lower-case words: `Amount (EUR)` -> `amount eur`."""
    return " ".join(_CLEAN.sub(" ", cell.replace("/", " ")).lower().split())


def header_score(cells: Sequence[str]) -> int:
    """How many cells are known header names; a header row scores at least 2."""
    names = {name for names in SYNONYMS.values() for name in names}
    return sum(1 for cell in cells if clean(cell) in names)


def assign_roles(cells: Sequence[str]) -> tuple[dict[str, int], list[int]]:
    """Role -> column index, and every column that could describe the row (best first)."""
    cleaned = [clean(cell) for cell in cells]
    roles: dict[str, int] = {}
    taken: set[int] = set()
    for role in ("debit", "credit", *ROLES):
        if role in roles:
            continue
        index = _find(role, cleaned, taken)
        if index is not None:
            roles[role] = index
            taken.add(index)
    describing = [i for name in SYNONYMS["description"] for i, c in enumerate(cleaned) if c == name]
    return roles, list(dict.fromkeys(describing))


def _find(role: str, cleaned: Sequence[str], taken: set[int]) -> int | None:
    for name in SYNONYMS[role]:
        for index, cell in enumerate(cleaned):
            if index not in taken and cell == name:
                return index
    for word in _CONTAINS.get(role, ()):
        for index, cell in enumerate(cleaned):
            if index not in taken and word in cell.split():
                return index
    return None
