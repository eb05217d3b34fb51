"""Versioned records and how two of them merge: the newer version wins, field by field.

A record is one expense, budget, rule, correction, notification, setting or import link,
identified by its kind and key, holding each field's value beside the version of the write that
set it. A change
has the same shape with only the fields it sets. Merging takes, per field, the value with the
larger version, so merges commute and repeat: every replica that has seen the same changes holds
the same records, whatever the order they arrived in, and a change applied twice changes nothing.
A deletion is the field `deleted` set to true; it hides the record while leaving its fields in
place, so a concurrent edit of another field cannot bring it back (only a newer `deleted: false`,
an undo, can).
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each string annotation
# of its fields when the class is made, which costs every run of sbp start-up time.

from collections.abc import Mapping
from enum import StrEnum
from typing import NamedTuple

Value = str | int | bool | None
"""What a field holds: JSON scalars only (money as integer minor units, dates as ISO text)."""

DELETED = "deleted"


class Kind(StrEnum):
    """The kinds of synced record; the value prefixes the record's key in the cloud."""

    EXPENSE = "exp"
    BUDGET = "bud"
    RULE = "rul"
    CORRECTION = "cor"
    NOTIFICATION = "ntf"
    SETTING = "set"
    LINK = "lnk"
    """An import key and the expense typed by hand that stands for its bank row
    (`sbp.core.sync.folding`)."""


SYNCED_SETTINGS = ("base_currency",)
"""The store settings every device must agree on; the rest (import profiles, account names)
belong to one device."""


class Stamped(NamedTuple):
    """One field's value and the version of the write that set it."""

    value: Value
    version: str


class Change(NamedTuple):
    """Fields of one record as a write set them (a whole record when it holds every field)."""

    kind: Kind
    key: str
    fields: Mapping[str, Stamped]

    @property
    def deleted(self) -> bool:
        stamped = self.fields.get(DELETED)
        return bool(stamped and stamped.value)

    def value(self, name: str, default: Value = None) -> Value:
        """The field's value, or `default` when the record has no such field."""
        stamped = self.fields.get(name)
        return default if stamped is None else stamped.value

    @property
    def newest(self) -> str:
        """The largest version among the fields (the record's last write)."""
        return max((s.version for s in self.fields.values()), default="")


def stamp_all(kind: Kind, key: str, values: Mapping[str, Value], version: str) -> Change:
    """A change that sets every given field with one version."""
    return Change(kind, key, {name: Stamped(value, version) for name, value in values.items()})


def merge(current: Change | None, incoming: Change) -> Change | None:
    """`current` with `incoming` merged in, or None when `incoming` changes nothing."""
    if current is None:
        return incoming if incoming.fields else None
    if (current.kind, current.key) != (incoming.kind, incoming.key):
        raise ValueError(
            f"cannot merge {incoming.kind}:{incoming.key} into {current.kind}:{current.key}"
        )
    merged = dict(current.fields)
    changed = False
    for name, stamped in incoming.fields.items():
        held = merged.get(name)
        if held is None or stamped.version > held.version:
            merged[name] = stamped
            changed = True
    return Change(current.kind, current.key, merged) if changed else None


def record_id(change: Change) -> tuple[Kind, str]:
    """What identifies the record a change belongs to."""
    return change.kind, change.key
