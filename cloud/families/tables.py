"""DynamoDB tables: on-demand, point-in-time recovery on, TTL where items expire, tagged.

A table's keys and indexes cannot change in place; apply stops and says so rather than
dropping a table full of data.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cloud.aws import StackError, carries_tags, tag_dict, tag_list, unless_missing
from cloud.families.deployment import Deployment, own_tags
from cloud.plan import Settings

_MISSING = ("ResourceNotFoundException",)


def _keys_view(table: dict[str, Any]) -> dict[str, Any]:
    """Keys and indexes in one comparable shape, from a spec or from DescribeTable."""

    def index(i: dict[str, Any]) -> dict[str, Any]:
        return {k: i[k] for k in ("IndexName", "KeySchema", "Projection")}

    return {
        "attributes": sorted(
            (a["AttributeName"], a["AttributeType"]) for a in table["AttributeDefinitions"]
        ),
        "key": table["KeySchema"],
        "local": sorted((index(i) for i in table.get("LocalSecondaryIndexes", [])), key=str),
        "global": sorted((index(i) for i in table.get("GlobalSecondaryIndexes", [])), key=str),
    }


class Tables:
    """The stack's DynamoDB tables."""

    kind = "table"

    def __init__(self, deployment: Deployment) -> None:
        self.deployment = deployment
        self.client = deployment.aws.client("dynamodb")
        self.specs = {t.name: t for t in deployment.stack.tables}

    def wanted(self) -> dict[str, Settings]:
        return {
            t.name: {
                "keys": _keys_view(t.keys),
                "billing": "PAY_PER_REQUEST",
                "recovery": True,
                "ttl": t.ttl_attribute,
                "tags": self.deployment.tags,
            }
            for t in self.specs.values()
        }

    def _names(self) -> set[str]:
        names = set(self.specs)
        for page in self.client.get_paginator("list_tables").paginate():
            names |= {n for n in page["TableNames"] if self.deployment.stack.names.owns(n)}
        return names

    def found(self) -> dict[str, Settings]:
        result = {}
        for name in sorted(self._names()):
            found = unless_missing(self.client.describe_table, _MISSING, TableName=name)
            if found is None:
                continue
            table = found["Table"]
            tags = self._tags(table["TableArn"])
            if name in self.specs or carries_tags(tags, self.deployment.tags):
                result[name] = self._settings(table, tags)
        return result

    def _tags(self, arn: str) -> dict[str, str]:
        tags: list[dict[str, str]] = []
        for page in self.client.get_paginator("list_tags_of_resource").paginate(ResourceArn=arn):
            tags += page.get("Tags", [])
        return tag_dict(tags)

    def _ttl(self, name: str) -> str | None:
        ttl = self.client.describe_time_to_live(TableName=name)["TimeToLiveDescription"]
        enabled = ttl.get("TimeToLiveStatus") in ("ENABLED", "ENABLING")
        return str(ttl["AttributeName"]) if enabled else None

    def _settings(self, table: dict[str, Any], tags: dict[str, str]) -> Settings:
        name = table["TableName"]
        backups = self.client.describe_continuous_backups(TableName=name)
        recovery = backups["ContinuousBackupsDescription"].get("PointInTimeRecoveryDescription", {})
        return {
            "keys": _keys_view(table),
            "billing": table.get("BillingModeSummary", {}).get("BillingMode", "PROVISIONED"),
            "recovery": recovery.get("PointInTimeRecoveryStatus") == "ENABLED",
            "ttl": self._ttl(name),
            "tags": own_tags(tags, self.deployment.tags),
        }

    def create(self, name: str) -> None:
        spec = self.specs[name]
        self.client.create_table(
            TableName=name,
            BillingMode="PAY_PER_REQUEST",
            Tags=tag_list(self.deployment.tags),
            **spec.keys,
        )
        self.client.get_waiter("table_exists").wait(TableName=name)
        self.update(name, ("recovery", "ttl"))

    def update(self, name: str, keys: Sequence[str]) -> None:
        spec = self.specs[name]
        if "keys" in keys:
            raise StackError(
                f"table {name} has other keys or indexes than the stack describes; they cannot "
                "change in place: copy its items elsewhere, delete it, and apply again"
            )
        if "billing" in keys:
            self.client.update_table(TableName=name, BillingMode="PAY_PER_REQUEST")
        if "recovery" in keys:
            self.client.update_continuous_backups(
                TableName=name,
                PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True},
            )
        if "ttl" in keys:
            self._set_ttl(name, spec.ttl_attribute)
        if "tags" in keys:
            arn = self.deployment.stack.arns.table(name)
            self.client.tag_resource(ResourceArn=arn, Tags=tag_list(self.deployment.tags))

    def _set_ttl(self, name: str, attribute: str | None) -> None:
        # A table has at most one TTL attribute: switch the old one off before another.
        current = self._ttl(name)
        if current and current != attribute:
            self.client.update_time_to_live(
                TableName=name, TimeToLiveSpecification={"Enabled": False, "AttributeName": current}
            )
        if attribute and current != attribute:
            self.client.update_time_to_live(
                TableName=name,
                TimeToLiveSpecification={"Enabled": True, "AttributeName": attribute},
            )

    def delete(self, name: str) -> None:
        self.client.delete_table(TableName=name)
        self.client.get_waiter("table_not_exists").wait(TableName=name)
