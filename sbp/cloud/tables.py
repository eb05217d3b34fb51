"""The replica table's keys and indexes: one place that the adapter and the stack both read.

One table holds every user's replica. Every item's partition key is the user's id, so one IAM
condition (`dynamodb:LeadingKeys`) confines a user's scoped credentials to their own items;
sort keys say what an item is:

- `head`: the number of the user's last log entry (`seq`), the item every commit conditions on;
- `log#000000000042`: log entry 42 (origin, time, the encoded changes);
- `exp#<id>`, `bud#<category>#<month or *>`, `rul#<id>`, `cor#<key>`, `ntf#<dedupe key>`,
  `set#<name>`: the current records, fields and versions as one JSON text (`fields`).

The local secondary index `by_month` (sort key `month_key` = `2026-11#<expense id>`, only on
expense items) reads a month's expenses by key condition. Its partition key is the user's id
too, so the same condition confines it. The sparse global index `budget_owners` (partition
`budget_owner`, present only on live budget items) lists which users have budgets, for the
daily alert, without scanning anyone's expenses.
"""

from __future__ import annotations

from typing import Any

PARTITION = "user_id"
SORT = "sk"
MONTH_INDEX = "by_month"
MONTH_KEY = "month_key"
BUDGET_INDEX = "budget_owners"
BUDGET_OWNER = "budget_owner"
BUDGET_OWNER_VALUE = "budgets"
HEAD = "head"
LOG_PREFIX = "log#"
LOG_DIGITS = 12


def log_key(seq: int) -> str:
    """The sort key of log entry `seq`, fixed-width so keys sort by number."""
    return f"{LOG_PREFIX}{seq:0{LOG_DIGITS}d}"


def replica_table_definition() -> dict[str, Any]:
    """The `CreateTable` arguments of the replica table, but for its name and billing."""
    return {
        "AttributeDefinitions": [
            {"AttributeName": PARTITION, "AttributeType": "S"},
            {"AttributeName": SORT, "AttributeType": "S"},
            {"AttributeName": MONTH_KEY, "AttributeType": "S"},
            {"AttributeName": BUDGET_OWNER, "AttributeType": "S"},
        ],
        "KeySchema": [
            {"AttributeName": PARTITION, "KeyType": "HASH"},
            {"AttributeName": SORT, "KeyType": "RANGE"},
        ],
        "LocalSecondaryIndexes": [
            {
                "IndexName": MONTH_INDEX,
                "KeySchema": [
                    {"AttributeName": PARTITION, "KeyType": "HASH"},
                    {"AttributeName": MONTH_KEY, "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "ALL"},
            }
        ],
        "GlobalSecondaryIndexes": [
            {
                "IndexName": BUDGET_INDEX,
                "KeySchema": [
                    {"AttributeName": BUDGET_OWNER, "KeyType": "HASH"},
                    {"AttributeName": PARTITION, "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "KEYS_ONLY"},
            }
        ],
    }
