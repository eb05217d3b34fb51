"""The key schemas of the gateway's own tables, as the gateway reads and writes them.

The stack creates these tables; the tests and the benchmark create them on moto from here, so
they cannot drift from what the code above expects. TTL attributes are listed for the stack:
DynamoDB deletes expired items late, so the gateway compares every expiry itself.
"""

from __future__ import annotations

from typing import Any

from server.config import GatewayConfig


def _table(name: str, partition: str, sort: str | None = None) -> dict[str, Any]:
    keys = [(partition, "HASH")] + ([(sort, "RANGE")] if sort else [])
    return {
        "TableName": name,
        "AttributeDefinitions": [{"AttributeName": key, "AttributeType": "S"} for key, _ in keys],
        "KeySchema": [{"AttributeName": key, "KeyType": kind} for key, kind in keys],
        "BillingMode": "PAY_PER_REQUEST",
    }


def gateway_tables(config: GatewayConfig) -> list[tuple[dict[str, Any], str | None]]:
    """`CreateTable` arguments of each gateway table, with its TTL attribute (or None)."""
    return [
        (_table(config.users_table, "pk", "sk"), None),
        (_table(config.sessions_table, "user_id", "sk"), "expires_at"),
        (_table(config.attempts_table, "key"), "expires_at"),
    ]


def create_gateway_tables(dynamodb: Any, config: GatewayConfig) -> None:
    """Create the three tables (for tests, benchmarks and a bare moto server)."""
    for definition, ttl in gateway_tables(config):
        dynamodb.create_table(**definition)
        if ttl:
            dynamodb.update_time_to_live(
                TableName=definition["TableName"],
                TimeToLiveSpecification={"Enabled": True, "AttributeName": ttl},
            )
