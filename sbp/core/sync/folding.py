"""Two copies of one bank row, folded into one expense, alike on every device.

An imported row's id comes from its day and its import key, so one bank file imported on two
devices is one expense a row. Two ways remain to hold a row twice after a sync:

- a device matched the row to an expense typed by hand (so its import added nothing for it)
  while another device, which did not hold that expense yet, imported the row;
- stores that imported before ids were keyed gave two devices' copies of a row random ids.

The first is written down where it is seen, as a synced link record (kind `LINK`, keyed by the
import key, naming the expense): "bank row F is expense X". The second needs nothing written:
it is two live expenses with one import key. From what a store holds, `fold_plan` decides which
copy stays (the keeper) and which go, and `carried` what a departing copy gives the keeper.
Each is a function of the records alone, so every device that holds them decides alike:

- While a link is live and its expense too, that expense is the keeper (the one the person
  typed: their own words, category and receipt). Otherwise the smallest id among the live
  copies stays: a link whose expense was deleted (or is not pulled yet) folds nothing, so a
  row imported again after the person removed the expense it was matched to stays.
- A copy that goes gives the keeper each field it had edited after it was made (its version
  newer than its `created` field's; between two imported copies of a row, any field they hold
  differently, as the first upload of a store stamps every field alike) that is newer than the
  keeper's, with the version it was written at, never a new one: two devices folding the same
  copy write the same fields, and a later edit of the keeper still wins. A category the person
  chose stays unless they chose one on the copy too (a categorizer's guess on the copy never
  replaces it). Then the copy is deleted, like `sbp rm`.
- A link's tombstone ("these are not the same", written by `sbp import --force`) stops the
  matching: the copies of its key fold only among themselves. So does a link that names an
  expense a link with a smaller key names too (two devices matched one expense to two rows at
  once): one expense stands for one row. A copy folded under a link before it stopped
  standing comes back (`sbp.sync.restoring`): the fold writes the link's `COPY` with the
  copy's tombstone, at one version, so the copy can be told from one the person removed.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING

from sbp.core.model import CategorySource
from sbp.core.sync.local import Versions, field_version
from sbp.core.sync.records import DELETED, Change, Kind, Value, stamp_all

if TYPE_CHECKING:
    from sbp.core.ports import Ledger

CARRIED = (
    "date", "amount", "currency", "description", "category", "source", "note", "receipt",
    "account", "updated",
)  # fmt: skip
"""The fields a folded copy can give its keeper (never its id, import key, batch, creation
time or tombstone)."""
EXPENSE = "expense"
COPY = "copy"
"""A link's field naming the copy of its row last folded under it, written with the copy's
tombstone (one version for both): while they still share that version, the copy is gone only
because of the fold, and comes back if the link stops standing (`sbp.sync.restoring`)."""


def link_record(key: str, expense_id: str, version: str, copy_id: str | None = None) -> Change:
    """A change linking an import key to the expense that stands for its row."""
    values: dict[str, Value] = {EXPENSE: expense_id, DELETED: False}
    if copy_id is not None:
        values[COPY] = copy_id
    return stamp_all(Kind.LINK, key, values, version)


def in_force(links: Mapping[str, str], ledger: Ledger) -> dict[str, str]:
    """The links among `links` (import key to expense) that fold copies: of two links naming
    one expense (two devices matched it to two rows at once), only the smallest key's."""
    naming = ledger.links_naming(sorted(set(links.values())))
    first: dict[str, str] = {}
    for key, expense_id in sorted(naming.items()):
        first.setdefault(expense_id, key)
    return {key: expense_id for key, expense_id in links.items() if first.get(expense_id) == key}


def fold_plan(copies: Collection[str], linked: str | None) -> tuple[str | None, list[str]]:
    """(the keeper, the copies that fold into it) for one import key.

    `copies` are the ids of the live expenses with that key, `linked` the live expense its
    link in force names (None: no such link, or the store does not hold that expense live)."""
    if linked is not None:
        return linked, sorted(c for c in copies if c != linked)
    ordered = sorted(copies)
    return (ordered[0] if ordered else None), ordered[1:]


def carried(
    copy: Versions | None,
    keeper: Versions | None,
    base: str,
    values: tuple[Mapping[str, Value], Mapping[str, Value]],
) -> dict[str, str]:
    """The fields (and their versions) a folding copy gives its keeper: those it edited after
    it was made, and when both copies were imported (the same row: what differs between them
    was edited on one), those it holds otherwise, in each case only where the copy's version
    is the newer (`None`: a record without a versions row, every field at `base`). A category
    the person chose on the keeper gives way only to one they chose on the copy, never to a
    guess. `values` are the copy's, then the keeper's."""
    theirs, mine = values
    same_row = bool(mine.get("fingerprint")) and mine.get("fingerprint") == theirs.get(
        "fingerprint"
    )
    made = field_version(copy, "created", base)
    gives: dict[str, str] = {}
    for name in CARRIED:
        version = field_version(copy, name, base)
        edited = version > made or (same_row and theirs.get(name) != mine.get(name))
        if edited and version > field_version(keeper, name, base):
            gives[name] = version
    if mine.get("source") == CategorySource.USER and theirs.get("source") != CategorySource.USER:
        gives.pop("category", None)
        gives.pop("source", None)
    return gives
