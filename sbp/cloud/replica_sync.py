"""The `SyncReplica` port on DynamoDB: what devices do besides committing and pulling.

- The head item carries the markers: `loading` while a first upload fills an empty replica
  (every commit's condition requires it absent, so nobody writes records meanwhile),
  `snapshot`/`snapshot_seq` for the newest snapshot, `purged_through` for the purge horizon.
- A first upload begins with log entry 1 (setting `loading`), puts records with BatchWriteItem
  (no transactions: a million records would take hours of transactional writes, and moto copies
  the table on every transaction), and ends with the entry naming its snapshot.
- Each device keeps `device#<node>` (its cursor, when it last synced, its name), which is what
  the purge horizon is measured against.
- The cloud's clock comes from the `Date` header of the head's read, so a device can check its
  own before it stamps or pushes anything.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from email.utils import parsedate_to_datetime
from typing import Any

from sbp.cloud.aws_errors import aws_call, error_code
from sbp.cloud.items import Item, item_key, log_item, record_item, text
from sbp.cloud.replica import LOADING, DynamoReplica
from sbp.cloud.tables import HEAD, log_key
from sbp.core.errors import CloudUnavailable, Conflict, ReplicaNotEmpty, UploadInProgress
from sbp.core.sync.hlc import epoch_millis
from sbp.core.sync.ports import DeviceCursor, ReplicaMeta
from sbp.core.sync.records import Change

BATCH_WRITE_LIMIT = 25
DEVICE_PREFIX = "device#"


class DynamoSyncReplica(DynamoReplica):
    """A user's replica as a device syncs with it (see the module's notes)."""

    def meta(self) -> ReplicaMeta:
        with aws_call("reading the cloud replica"):
            found = self.client.get_item(
                TableName=self.table, Key=item_key(self.user_id, HEAD), ConsistentRead=True
            )
        item: Item = found.get("Item") or {}
        return ReplicaMeta(
            head=_number(item, "seq"),
            loading=_text(item, LOADING),
            snapshot=_text(item, "snapshot"),
            snapshot_seq=_number(item, "snapshot_seq"),
            purged_through=_number(item, "purged_through"),
            server_ms=_server_ms(found),
        )

    # a first upload ---------------------------------------------------------------------
    def begin_load(self, load_id: str, origin: str, at: str) -> None:
        head = {
            "TableName": self.table,
            "Key": item_key(self.user_id, HEAD),
            "UpdateExpression": f"SET seq = :one, {LOADING} = :load",
            "ConditionExpression": "attribute_not_exists(seq)",
            "ExpressionAttributeValues": {":one": {"N": "1"}, ":load": text(load_id)},
        }
        entry = log_item(self.user_id, 1, origin, at, "[]")
        if self._transaction([{"Update": head}, {"Put": {"TableName": self.table, "Item": entry}}]):
            return
        meta = self.meta()
        if meta.loading == load_id:
            return  # begun before: this is the same upload, resumed
        if meta.loading is not None:
            raise UploadInProgress()
        raise ReplicaNotEmpty()

    def load_records(self, records: Sequence[Change]) -> None:
        for start in range(0, len(records), BATCH_WRITE_LIMIT):
            puts = [
                {"PutRequest": {"Item": record_item(self.user_id, record)}}
                for record in records[start : start + BATCH_WRITE_LIMIT]
            ]
            self._batch_write(puts)

    def finish_load(self, load_id: str, origin: str, at: str) -> int:
        meta = self.meta()
        if meta.loading is None and meta.snapshot == load_id:
            return meta.snapshot_seq  # finished before: resumed after the last step
        if meta.loading != load_id:
            raise Conflict(f"no upload {load_id} is in progress")
        seq = meta.head + 1
        head = {
            "TableName": self.table,
            "Key": item_key(self.user_id, HEAD),
            "UpdateExpression": f"SET seq = :new, #snapshot = :load, snapshot_seq = :new"
            f" REMOVE {LOADING}",
            "ConditionExpression": f"seq = :old AND {LOADING} = :load",
            "ExpressionAttributeNames": {"#snapshot": "snapshot"},
            "ExpressionAttributeValues": {
                ":new": {"N": str(seq)},
                ":old": {"N": str(meta.head)},
                ":load": text(load_id),
            },
        }
        entry = log_item(self.user_id, seq, origin, at, "[]", snapshot=load_id)
        if not self._transaction(
            [{"Update": head}, {"Put": {"TableName": self.table, "Item": entry}}]
        ):
            return self.finish_load(load_id, origin, at)  # it landed before: read it back
        return seq

    # snapshots, devices and the purge ---------------------------------------------------
    def set_snapshot(self, snapshot_id: str, seq: int) -> None:
        self._update_head(
            "SET #snapshot = :id, snapshot_seq = :seq",
            "attribute_exists(seq) AND (attribute_not_exists(snapshot_seq) OR snapshot_seq < :seq)",
            {":id": text(snapshot_id), ":seq": {"N": str(seq)}},
        )

    def report_device(self, device: DeviceCursor) -> None:
        item = item_key(self.user_id, DEVICE_PREFIX + device.node)
        item.update(
            cursor={"N": str(device.cursor)}, seen=text(device.seen), name=text(device.name)
        )
        with aws_call("writing to the cloud replica"):
            self.client.put_item(TableName=self.table, Item=item)

    def devices(self) -> Sequence[DeviceCursor]:
        items = self._query("begins_with(sk, :device)", {":device": text(DEVICE_PREFIX)})
        return [
            DeviceCursor(
                item["sk"]["S"].removeprefix(DEVICE_PREFIX),
                int(item["cursor"]["N"]),
                item["seen"]["S"],
                item.get("name", {}).get("S", ""),
            )
            for item in items
        ]

    def purge(self, through: int, dropped: Callable[[Change], None] | None = None) -> int:
        moved = self._update_head(
            "SET purged_through = :through",
            "attribute_exists(seq) AND seq >= :through AND"
            " (attribute_not_exists(purged_through) OR purged_through < :through)",
            {":through": {"N": str(through)}},
        )
        if not moved:
            return 0
        gone = 0
        while entries := self.entries_after(0, 100):
            entries = [e for e in entries if e.seq <= through]
            if not entries:
                break
            for entry in entries:
                for change in entry.changes:
                    gone_record = self._drop_tombstone(change) if change.deleted else None
                    if gone_record is not None and dropped is not None:
                        dropped(gone_record)
            self._batch_write(
                [
                    {"DeleteRequest": {"Key": item_key(self.user_id, log_key(e.seq))}}
                    for e in entries
                ]
            )
            gone += len(entries)
        return gone

    def _drop_tombstone(self, change: Change) -> Change | None:
        """Delete the record a tombstone deleted, on condition nothing wrote it since; the
        record as it stood, or None when it was not deleted (rewritten, or gone already)."""
        held = self.record(change.kind, change.key)
        if held is None or not held.deleted or held.newest != change.newest:
            return None
        stored = record_item(self.user_id, held)
        from botocore.exceptions import ClientError

        try:
            with aws_call("purging the cloud replica"):
                self.client.delete_item(
                    TableName=self.table,
                    Key=item_key(self.user_id, stored["sk"]["S"]),
                    ConditionExpression="#fields = :fields",
                    ExpressionAttributeNames={"#fields": "fields"},
                    ExpressionAttributeValues={":fields": stored["fields"]},
                )
        except ClientError as exc:
            if error_code(exc) != "ConditionalCheckFailedException":
                raise
            return None
        return held

    # requests -----------------------------------------------------------------------------
    def _transaction(self, actions: list[dict[str, Any]]) -> bool:
        """Run a transaction; False when its condition failed."""
        from botocore.exceptions import ClientError

        try:
            with aws_call("writing to the cloud replica"):
                self.client.transact_write_items(TransactItems=actions)
        except ClientError as exc:
            if error_code(exc) == "TransactionCanceledException":
                return False
            raise
        return True

    def _update_head(self, update: str, condition: str, values: dict[str, Any]) -> bool:
        """Update the head on a condition; False when it did not hold."""
        from botocore.exceptions import ClientError

        names = {"#snapshot": "snapshot"} if "#snapshot" in update else {}
        try:
            with aws_call("writing to the cloud replica"):
                self.client.update_item(
                    TableName=self.table,
                    Key=item_key(self.user_id, HEAD),
                    UpdateExpression=update,
                    ConditionExpression=condition,
                    ExpressionAttributeValues=values,
                    **({"ExpressionAttributeNames": names} if names else {}),
                )
        except ClientError as exc:
            if error_code(exc) == "ConditionalCheckFailedException":
                return False
            raise
        return True

    def _batch_write(self, requests: list[dict[str, Any]]) -> None:
        """BatchWriteItem, asking again for unprocessed items with backoff; gives up only after
        `backoff.attempts` rounds in a row that made no progress."""
        pending = requests
        idle = 0
        while pending:
            with aws_call("writing to the cloud replica"):
                page = self.client.batch_write_item(RequestItems={self.table: pending})
            left = page.get("UnprocessedItems", {}).get(self.table) or []
            idle = idle + 1 if len(left) == len(pending) else 0
            if idle >= self.backoff.attempts:
                raise CloudUnavailable(
                    "the cloud is busy: writing to the replica made no progress",
                    hint="try again in a minute; the upload carries on where it stopped",
                )
            if left:
                self.backoff.pause(idle)
            pending = left


def _number(item: Item, name: str) -> int:
    return int(item[name]["N"]) if name in item else 0


def _text(item: Item, name: str) -> str | None:
    return str(item[name]["S"]) if name in item else None


def _server_ms(response: dict[str, Any]) -> int | None:
    """The cloud's clock from a response's Date header (whole seconds), if it has one."""
    date = response.get("ResponseMetadata", {}).get("HTTPHeaders", {}).get("date")
    if not date:
        return None
    try:
        return epoch_millis(parsedate_to_datetime(date))
    except (TypeError, ValueError):
        return None
