"""Which users have budgets: the sparse `budget_owners` index, read page by page.

Only live budget items carry `budget_owner`, so the index holds one small key per budget and
nothing else; the daily alert reads it instead of scanning anyone's expenses. Index reads are
eventually consistent, which a daily check can afford (a budget set a second ago is seen
tomorrow). Used by the budget alert Lambda, never with a user's scoped credentials.
"""

from __future__ import annotations

from typing import Any

from sbp.cloud.aws_errors import aws_call
from sbp.cloud.tables import BUDGET_INDEX, BUDGET_OWNER, BUDGET_OWNER_VALUE, PARTITION


def budget_owners(client: Any, table: str, page_size: int | None = None) -> list[str]:
    """The ids of every user with at least one live budget, each once, in index order."""
    params: dict[str, Any] = {
        "TableName": table,
        "IndexName": BUDGET_INDEX,
        "KeyConditionExpression": f"{BUDGET_OWNER} = :owner",
        "ExpressionAttributeValues": {":owner": {"S": BUDGET_OWNER_VALUE}},
        "ProjectionExpression": PARTITION,
    }
    if page_size:
        params["Limit"] = page_size
    owners: dict[str, None] = {}
    while True:
        with aws_call("listing the users with budgets"):
            page = client.query(**params)
        owners.update((item[PARTITION]["S"], None) for item in page.get("Items", []))
        last = page.get("LastEvaluatedKey")
        if not last:
            return list(owners)
        params["ExclusiveStartKey"] = last
