"""A store whose tables another program changed (a table dropped, a column renamed, a value sbp
never writes), said in one line with what to do, instead of a traceback at the first query or
row that meets the change."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sbp.core.errors import InvalidInput, StoreUnavailable

_SIGNS = ("no such table", "no such column", "has no column named", "no such index")


def changed_tables(error: sqlite3.Error, path: Path) -> StoreUnavailable | None:
    """The error to report when `error` shows that the store's tables are not sbp's, else None."""
    said = str(error)
    if not any(sign in said for sign in _SIGNS):
        return None
    return tables_changed(path, said)


def tables_changed(path: Path, detail: str) -> StoreUnavailable:
    """The store at `path` is not as sbp made it (`detail` says how)."""
    return StoreUnavailable(
        f"the store at {path} is not as sbp made it ({detail}): another program changed it",
        hint="restore it from a backup, or move it away and sbp starts a new one",
    )


UNREADABLE = (ValueError, TypeError, ArithmeticError, InvalidInput)
"""What turning a stored value into sbp's own raises when the value is not one sbp writes."""


def unreadable(what: str, error: Exception) -> StoreUnavailable:
    """`what` (`expense 01KAB3...`) holds a value another program wrote (`error` says which)."""
    said = str(error) if isinstance(error, ValueError | InvalidInput) else ""
    detail = f" ({said})" if said and not isinstance(error, ArithmeticError) else ""
    return StoreUnavailable(
        f"{what} in the store holds a value sbp never writes{detail}: another program changed it",
        hint="restore the store from a backup",
    )
