"""Replica records and log entries as DynamoDB items, and back.

The layout is `sbp.cloud.tables`'s: every item's partition key is the user's id; a record's sort
key is `<kind>#<key>` and its fields one JSON text; an expense item also carries `month_key` (the
`by_month` index) and a live budget item `budget_owner` (the sparse `budget_owners` index). A Put
replaces the whole item, so a budget that is deleted leaves the index and an expense that
changes month moves in it.
"""

from __future__ import annotations

from typing import Any

from sbp.cloud.tables import (
    BUDGET_OWNER,
    BUDGET_OWNER_VALUE,
    LOG_PREFIX,
    MONTH_KEY,
    PARTITION,
    SORT,
    log_key,
)
from sbp.core.periods import Month
from sbp.core.sync.codec import expense_month
from sbp.core.sync.log import LogEntry, decode_changes, decode_fields, encode_fields
from sbp.core.sync.records import Change, Kind

Item = dict[str, Any]
"""A DynamoDB item in the low-level client's typed form (`{"S": "..."}`)."""


def text(value: str) -> dict[str, str]:
    return {"S": value}


def record_sort_key(kind: Kind, key: str) -> str:
    """`exp#01KAB...`, `bud#coffee#*`, ..."""
    return f"{kind.value}#{key}"


def item_key(user_id: str, sort_key: str) -> Item:
    """The primary key of one of the user's items."""
    return {PARTITION: text(user_id), SORT: text(sort_key)}


def month_prefix(month: Month) -> str:
    """The start of every `month_key` of a month's expenses."""
    return f"{month}#"


def record_item(user_id: str, record: Change) -> Item:
    """The item holding a record, with the index attributes that record should have."""
    item = item_key(user_id, record_sort_key(record.kind, record.key))
    item["fields"] = text(encode_fields(record.fields))
    if record.kind is Kind.EXPENSE:
        month = expense_month(record)
        if month is not None:
            item[MONTH_KEY] = text(month_prefix(month) + record.key)
    elif record.kind is Kind.BUDGET and not record.deleted:
        item[BUDGET_OWNER] = text(BUDGET_OWNER_VALUE)
    return item


def record_of(item: Item) -> Change:
    """The record an item holds."""
    kind, _, key = item[SORT]["S"].partition("#")
    return Change(Kind(kind), key, decode_fields(item["fields"]["S"]))


def log_item(
    user_id: str, seq: int, origin: str, at: str, encoded_changes: str, snapshot: str | None = None
) -> Item:
    """The item of log entry `seq` (naming a snapshot when it ends a first upload)."""
    item = item_key(user_id, log_key(seq))
    item.update(origin=text(origin), at=text(at), changes=text(encoded_changes))
    if snapshot is not None:
        item["snapshot"] = text(snapshot)
    return item


def entry_of(item: Item) -> LogEntry:
    """The log entry an item holds."""
    seq = int(item[SORT]["S"].removeprefix(LOG_PREFIX))
    changes = decode_changes(item["changes"]["S"])
    snapshot = item["snapshot"]["S"] if "snapshot" in item else None
    return LogEntry(seq, item["origin"]["S"], item["at"]["S"], changes, snapshot)
