"""The `Snapshots` port in memory: the fake the sync tests use beside `MemoryReplica`."""

from __future__ import annotations

from typing import BinaryIO

from sbp.core.errors import NotFound


class MemorySnapshots:
    """Snapshots kept as bytes in this process."""

    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}

    def upload(self, snapshot_id: str, source: BinaryIO) -> None:
        self.kept[snapshot_id] = source.read()

    def download(self, snapshot_id: str, target: BinaryIO) -> None:
        if snapshot_id not in self.kept:
            raise NotFound(f"snapshot {snapshot_id} is not in the cloud")
        target.write(self.kept[snapshot_id])
