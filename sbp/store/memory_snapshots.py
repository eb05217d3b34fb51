"""The `Snapshots` port in memory: the fake the sync tests use beside `MemoryReplica`, with the
user's receipts beside the snapshots (`receipts`, by key), as the bucket holds them."""

from __future__ import annotations

from typing import BinaryIO

from sbp.core.errors import NotFound


class MemorySnapshots:
    """Snapshots kept as bytes in this process."""

    def __init__(self, user_id: str) -> None:
        if not user_id:
            raise ValueError("snapshots belong to a user: user_id is empty")
        self.kept: dict[str, bytes] = {}
        self.receipts: dict[str, bytes] = {}
        self.user_id = user_id

    def upload(self, snapshot_id: str, source: BinaryIO) -> None:
        self.kept[snapshot_id] = source.read()

    def download(self, snapshot_id: str, target: BinaryIO) -> None:
        if snapshot_id not in self.kept:
            raise NotFound(f"snapshot {snapshot_id} is not in the cloud")
        target.write(self.kept[snapshot_id])

    def delete_receipt(self, key: str) -> None:
        if not key.startswith(f"receipts/{self.user_id}/"):
            raise ValueError(f"'{key}' is not one of this user's receipts")
        self.receipts.pop(key, None)
