"""The `Replica` port on DynamoDB: one user's records and change log in the replica table.

Commit algorithm (the same meaning as the memory adapter, held to it by tests/contract):
a consistent read of the `head` item (the number of the last log entry), a consistent
BatchGetItem of the records the changes touch, `plan_merge`, and, when something moved, one
TransactWriteItems that sets `head` to N+1 on condition that it still reads N, puts log entry
N+1 and puts every merged record. A writer that lost the race on `head` starts again from the
reads after a jittered pause. A commit larger than one transaction (98 records besides the head
and the entry, or about 350 KB of changes) becomes several consecutive entries, each atomic;
repeating any of them merges to nothing, so a retry never doubles anything.

No gaps: entry N+1 can only commit once `head` reads N, that is after entry N's transaction
committed; a strongly consistent query sees every committed transaction, so what `entries_after`
returns is always a gap-free run of the log.

Every request names the user's own partition key (the only keys IAM lets scoped credentials
reach); nothing here scans.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from sbp.cloud.aws_errors import aws_call, error_code
from sbp.cloud.backoff import Backoff
from sbp.cloud.items import (
    Item,
    entry_of,
    item_key,
    log_item,
    month_prefix,
    record_item,
    record_of,
    record_sort_key,
    text,
)
from sbp.cloud.tables import HEAD, LOG_PREFIX, MONTH_INDEX, MONTH_KEY, PARTITION, log_key
from sbp.core.errors import CloudUnavailable, InvalidInput, UploadInProgress
from sbp.core.periods import Month
from sbp.core.sync.log import Commit, LogEntry, MergePlan, encode_changes, plan_merge
from sbp.core.sync.records import Change, Kind

MAX_RECORDS = 98
"""Records per transaction: DynamoDB allows 100 actions, and the head and the entry take two."""
MAX_CHANGE_BYTES = 350_000
"""Encoded changes per log entry, below DynamoDB's 400 KB item limit with room for the rest."""
BATCH_GET_LIMIT = 100
_CONTENDED = frozenset({"ConditionalCheckFailed", "TransactionConflict"})
_BUSY = frozenset({"ThrottlingError", "ProvisionedThroughputExceeded"})
_USER = ":user"
LOADING = "loading"
"""The head's mark of a first upload in progress (its id)."""


class _Applied(NamedTuple):
    """What one chunk's transaction did (entry None when it merged to nothing)."""

    head: int
    entry: int | None
    plan: MergePlan | None


class _HeadMoved(Exception):
    """Another writer committed between this writer's reads and its transaction."""


def chunks(changes: Sequence[Change]) -> Iterator[list[Change]]:
    """The changes in order, cut where a transaction would pass 98 records or ~350 KB."""
    chunk: list[Change] = []
    records: set[tuple[Kind, str]] = set()
    size = 0
    for change in changes:
        cost = len(encode_changes([change]).encode())
        if cost > MAX_CHANGE_BYTES:
            raise InvalidInput(
                f"a change to {change.kind.value}:{change.key} is {cost // 1000} KB,"
                f" more than one cloud record holds ({MAX_CHANGE_BYTES // 1000} KB)"
            )
        rid = (change.kind, change.key)
        new_record = rid not in records
        if chunk and (
            size + cost > MAX_CHANGE_BYTES or (new_record and len(records) == MAX_RECORDS)
        ):
            yield chunk
            chunk, records, size = [], set(), 0
        chunk.append(change)
        records.add(rid)
        size += cost
    if chunk:
        yield chunk


class DynamoReplica:
    """One user's replica in the DynamoDB replica table.

    `client` is a boto3 DynamoDB client (made on first use when not given, so importing this
    module loads no boto3); `page_size` caps the items a query page asks for (tests use it to
    make pagination happen on little data).
    """

    def __init__(
        self,
        user_id: str,
        table: str,
        client: Any | None = None,
        *,
        backoff: Backoff | None = None,
        page_size: int | None = None,
    ) -> None:
        if not user_id:
            raise ValueError("a replica belongs to a user: user_id is empty")
        self._user_id = user_id
        self.table = table
        self._client = client
        self.backoff = backoff or Backoff()
        self.page_size = page_size

    @property
    def user_id(self) -> str:
        return self._user_id

    @property
    def client(self) -> Any:
        if self._client is None:
            from sbp.cloud.clients import aws_client

            self._client = aws_client("dynamodb")
        return self._client

    # writes -------------------------------------------------------------------------------
    def commit(self, changes: Sequence[Change], origin: str, at: str) -> Commit:
        entries: list[int] = []
        created: set[tuple[Kind, str]] = set()
        changed = 0
        head: int | None = None
        for chunk in chunks(changes):
            applied = self._commit_chunk(chunk, origin, at)
            head = applied.head
            if applied.entry is not None and applied.plan is not None:
                entries.append(applied.entry)
                created |= applied.plan.created
                changed += len(applied.plan.records)
        if head is None:
            head = self.head()
        return Commit(head, tuple(entries), frozenset(created), changed)

    def _commit_chunk(self, chunk: Sequence[Change], origin: str, at: str) -> _Applied:
        for attempt in range(self.backoff.attempts):
            head = self._get(HEAD) or {}
            if LOADING in head:
                raise UploadInProgress()
            seq = int(head["seq"]["N"]) if "seq" in head else 0
            plan = plan_merge(self._current(chunk), chunk)
            if not plan.effective:
                return _Applied(seq, None, None)
            try:
                self._transact(seq, plan, origin, at)
            except _HeadMoved:
                self.backoff.pause(attempt)
                continue
            return _Applied(seq + 1, seq + 1, plan)
        raise CloudUnavailable(
            f"other devices kept writing: a commit gave up after {self.backoff.attempts} tries",
            hint="try again in a minute",
        )

    def _transact(self, seq: int, plan: MergePlan, origin: str, at: str) -> None:
        head: dict[str, Any] = {
            "TableName": self.table,
            "Key": item_key(self._user_id, HEAD),
            "UpdateExpression": "SET seq = :new",
            "ExpressionAttributeValues": {":new": {"N": str(seq + 1)}},
        }
        # nobody writes records while a first upload is loading the replica (see replica_sync)
        if seq == 0:
            head["ConditionExpression"] = (
                f"attribute_not_exists(seq) AND attribute_not_exists({LOADING})"
            )
        else:
            head["ConditionExpression"] = f"seq = :old AND attribute_not_exists({LOADING})"
            head["ExpressionAttributeValues"][":old"] = {"N": str(seq)}
        entry = log_item(self._user_id, seq + 1, origin, at, encode_changes(plan.effective))
        actions: list[dict[str, Any]] = [
            {"Update": head},
            {"Put": {"TableName": self.table, "Item": entry}},
        ]
        actions += (
            {"Put": {"TableName": self.table, "Item": record_item(self._user_id, record)}}
            for record in plan.records
        )
        from botocore.exceptions import ClientError

        try:
            with aws_call("writing to the cloud replica"):
                self.client.transact_write_items(TransactItems=actions)
        except ClientError as exc:
            if error_code(exc) == "TransactionCanceledException" and _worth_retrying(exc):
                raise _HeadMoved from None
            raise

    # reads --------------------------------------------------------------------------------
    def head(self) -> int:
        item = self._get(HEAD)
        return 0 if item is None else int(item["seq"]["N"])

    def entries_after(self, seq: int, limit: int = 100) -> Sequence[LogEntry]:
        if limit <= 0:
            return []
        items = self._query(
            "sk BETWEEN :first AND :last",
            {":first": text(log_key(max(seq, 0) + 1)), ":last": text(LOG_PREFIX + "~")},
            limit=limit,
        )
        return [entry_of(item) for item in items]

    def record(self, kind: Kind, key: str) -> Change | None:
        item = self._get(record_sort_key(kind, key))
        return None if item is None else record_of(item)

    def records(self, kind: Kind) -> Sequence[Change]:
        if kind is Kind.EXPENSE:
            raise ValueError("expenses are read a month at a time: use month_expenses")
        items = self._query("begins_with(sk, :kind)", {":kind": text(f"{kind.value}#")})
        return sorted((record_of(item) for item in items), key=lambda r: r.key)

    def month_expenses(self, month: Month) -> Sequence[Change]:
        items = self._query(
            f"begins_with({MONTH_KEY}, :month)",
            {":month": text(month_prefix(month))},
            index=MONTH_INDEX,
        )
        return sorted((record_of(item) for item in items), key=lambda r: r.key)

    def _get(self, sort_key: str) -> Item | None:
        with aws_call("reading the cloud replica"):
            found = self.client.get_item(
                TableName=self.table, Key=item_key(self._user_id, sort_key), ConsistentRead=True
            )
        item: Item | None = found.get("Item")
        return item

    def _query(
        self,
        sort_condition: str,
        values: dict[str, Any],
        *,
        index: str | None = None,
        limit: int | None = None,
    ) -> list[Item]:
        """Every item (up to `limit`) of the user's partition meeting the condition, page by
        page, strongly consistent (the base table and its local index both allow it)."""
        params: dict[str, Any] = {
            "TableName": self.table,
            "KeyConditionExpression": f"{PARTITION} = {_USER} AND {sort_condition}",
            "ExpressionAttributeValues": {_USER: text(self._user_id), **values},
            "ConsistentRead": True,
        }
        if index is not None:
            params["IndexName"] = index
        found: list[Item] = []
        while limit is None or len(found) < limit:
            caps = [self.page_size] if self.page_size else []
            if limit is not None:
                caps.append(limit - len(found))
            if caps:
                params["Limit"] = min(caps)
            with aws_call("reading the cloud replica"):
                page = self.client.query(**params)
            found += page.get("Items", [])
            last = page.get("LastEvaluatedKey")
            if not last:
                break
            params["ExclusiveStartKey"] = last
        return found if limit is None else found[:limit]

    def _current(self, chunk: Sequence[Change]) -> dict[tuple[Kind, str], Change]:
        """The stored records the chunk touches, read consistently in batches."""
        wanted = list(dict.fromkeys(record_sort_key(c.kind, c.key) for c in chunk))
        current: dict[tuple[Kind, str], Change] = {}
        for start in range(0, len(wanted), BATCH_GET_LIMIT):
            keys = [item_key(self._user_id, sk) for sk in wanted[start : start + BATCH_GET_LIMIT]]
            for item in self._batch_get(keys):
                record = record_of(item)
                current[(record.kind, record.key)] = record
        return current

    def _batch_get(self, keys: list[Item]) -> list[Item]:
        """The items of `keys`, asking again for unprocessed keys with backoff; gives up only
        after `backoff.attempts` rounds in a row that made no progress."""
        request = {self.table: {"Keys": keys, "ConsistentRead": True}}
        found: list[Item] = []
        idle = 0
        while True:
            with aws_call("reading the cloud replica"):
                page = self.client.batch_get_item(RequestItems=request)
            got = page.get("Responses", {}).get(self.table, [])
            found += got
            pending = page.get("UnprocessedKeys", {}).get(self.table)
            if not pending or not pending.get("Keys"):
                return found
            idle = 0 if got else idle + 1
            if idle >= self.backoff.attempts:
                raise CloudUnavailable(
                    "the cloud is busy: reading the replica made no progress",
                    hint="try again in a minute",
                )
            self.backoff.pause(idle)
            request = {self.table: pending}


def _worth_retrying(error: Exception) -> bool:
    """A cancelled transaction that another try can fix: the head moved, a concurrent
    transaction, or throttling of one of its items."""
    response: Any = getattr(error, "response", {})
    reasons = [r.get("Code") for r in response.get("CancellationReasons") or [] if r]
    if not reasons:  # older clients give the reasons in the message only
        message = str(response.get("Error", {}).get("Message", ""))
        return any(code in message for code in _CONTENDED | _BUSY)
    return any(code in _CONTENDED | _BUSY for code in reasons)
