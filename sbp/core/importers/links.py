"""What an import writes down about its rows and the expenses typed by hand they look like.

A row that looks like an expense typed by hand is not added (it is reported); the import
links its key to that expense, a synced record, so another device that imported the row
before it held the expense folds its copy into it after they sync (`sbp.core.sync.folding`).
One expense stands for one row: an expense a link names already is not linked again. A row
added anyway (`--force`) unlinks its key, so no device folds the copies the person wants kept.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sbp.core.sync.hlc import epoch_millis
from sbp.core.sync.local import LocalEdit
from sbp.core.sync.records import DELETED, Kind

if TYPE_CHECKING:
    from sbp.core.ports import Ledger


def link_known(ledger: Ledger, key: str) -> bool:
    """Whether an import key is linked, or was unlinked by the person (`--force`): either
    way it is not matched again."""
    return bool(ledger.import_links([key]) or ledger.held_records(Kind.LINK, [key]))


class RowLinks:
    """Links (and unlinks) one import's rows, inside the import's transaction."""

    def __init__(self, ledger: Ledger, now: datetime) -> None:
        self.ledger = ledger
        self.now_ms = epoch_millis(now)
        self._named: set[str] = set()

    def matched(self, key: str, expense_id: str) -> None:
        """The row keyed `key` was taken for the expense typed by hand `expense_id`."""
        if not key or expense_id in self._named:
            return
        ledger = self.ledger
        if link_known(ledger, key) or ledger.links_naming([expense_id]):
            return
        self._named.add(expense_id)
        ledger.put_import_link(key, expense_id)
        ledger.record_changes([LocalEdit(Kind.LINK, key)], self.now_ms)

    def forced(self, key: str) -> None:
        """The row keyed `key` was added although it looks like an expense typed by hand."""
        if not key:
            return
        self.ledger.remove_import_link(key)
        self.ledger.record_changes([LocalEdit(Kind.LINK, key, frozenset({DELETED}))], self.now_ms)
