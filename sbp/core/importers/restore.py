"""sbp's own exports read back: each expense restored as it was exported, not made anew.

A CSV or JSON export of sbp carries, besides what any bank file has, what makes an expense the
same expense in another store:

- its id: an `id` that is a ULID is the expense's own (any other id is a bank's, as in any file);
  a row whose id is already stored is a duplicate, and the stored expense is kept as it is;
- the layer that chose its category (`category_source`): kept where sbp knows it, else the
  category counts as given in the file (`user`), as in any other file;
- its account, else the import's;
- its import key, the fingerprint its bank file knows it by, so that a bank file imported
  before the export is still known after it; an expense without one was typed by hand, and
  stays so (later imports check it for possible duplicates, as before).
"""

from __future__ import annotations

from collections.abc import Sequence

from sbp.core.ids import is_ulid
from sbp.core.importers.rows import RowColumns
from sbp.core.model import CategorySource

KNOWN_SOURCES = frozenset(source.value for source in CategorySource)


class Restored:
    """The restored fields of a chunk of an export's rows, in the chunk's order; each a column
    to put in place of the one a new expense would have."""

    def __init__(self, rows: RowColumns) -> None:
        blank = [""] * len(rows.lines)
        self._ids = rows.bank_ids or blank
        self._given = [is_ulid(text) for text in self._ids]
        self._keys = rows.import_keys or blank
        self._sources = rows.sources or blank
        self._categories = rows.categories or blank
        self._accounts = rows.accounts

    def ids(self, made: Sequence[str]) -> list[str]:
        """Each row's id: its own where it has one, else the one made for it."""
        pairs = zip(self._ids, made, self._given, strict=True)
        return [own if given else new for own, new, given in pairs]

    def keys(self, made: Sequence[str]) -> list[str]:
        """Each row's key: an expense restored keeps its own import key, or none ("": typed
        by hand); a row without an id of sbp's is keyed as in any file."""
        pairs = zip(self._keys, made, self._given, strict=True)
        return [own if given else new for own, new, given in pairs]

    def sources(self, made: Sequence[str]) -> list[str]:
        """Each row's category source: the export's, where sbp knows it and the row names its
        category; else the one chosen for it."""
        rows = zip(self._sources, self._categories, made, strict=True)
        return [own if own in KNOWN_SOURCES and named else new for own, named, new in rows]

    def accounts(self, default: str) -> list[str] | None:
        """Each row's account, the import's where the row names none (None: all the import's)."""
        own = self._accounts
        if own is None or not any(own):
            return None
        return [account or default for account in own]
