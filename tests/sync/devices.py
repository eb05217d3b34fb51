"""Simulated devices for sync tests: each its own SQLite store (an SBP_HOME of its own) and
clock, all syncing with one user's replica and snapshots (memory, or DynamoDB and S3 on moto).

`World` holds the true time; a device's clock may run ahead of it. `device.state()` is what a
person could compare between devices: the export, budgets, rules, corrections and alerts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sbp.cloud.local_receipts import LocalReceipts
from sbp.core.model import Expense
from sbp.core.sync.hlc import epoch_millis
from sbp.core.sync.ports import Snapshots, SyncReplica
from sbp.planner import Planner
from sbp.store.sqlite import SqliteLedger
from sbp.sync.engine import Syncer
from sbp.sync.report import SyncReport

USER = "01KAY5ER00000000000000000A"  # a ULID, as user ids are


def _now() -> datetime:
    # the cloud on moto tells the real time (its Date header): the world starts there
    return datetime.now(UTC).replace(microsecond=0)


@dataclass
class World:
    """The true time every clock is measured against (it moves only when told to)."""

    instant: datetime = field(default_factory=_now)

    def advance(self, **delta: float) -> None:
        self.instant += timedelta(**delta)

    def millis(self) -> int:
        return epoch_millis(self.instant)


@dataclass
class DeviceClock:
    """A device's clock: the world's time, plus how far it is off."""

    world: World
    offset: timedelta = field(default_factory=timedelta)

    def now(self) -> datetime:
        return self.world.instant + self.offset

    def today(self) -> date:
        return self.now().date()


class Device:
    """One device: a store in its own folder, a Planner over it, and its sync."""

    def __init__(
        self, name: str, folder: Path, world: World, replica: SyncReplica, snapshots: Snapshots
    ) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.name = name
        self.folder = folder
        self.clock = DeviceClock(world)
        self.ledger = SqliteLedger(folder / "sbp.db")
        self.planner = Planner(self.ledger, self.clock, base_currency="USD")
        self.replica = replica
        self.snapshots = snapshots
        self.kept = LocalReceipts(folder)  # the receipts kept in its data folder

    def syncer(self) -> Syncer:
        return Syncer(
            self.ledger, self.replica, self.snapshots, self.clock, device_name=self.name,
            kept=self.kept,
        )  # fmt: skip

    def sync(self, upload: bool = False) -> SyncReport:
        return self.syncer().sync(upload=upload)

    def export(self) -> Any:
        """`sbp export --format json`, parsed."""
        import json

        return json.loads("".join(self.planner.export("json")))

    def state(self) -> dict[str, Any]:
        """Everything synced, as a person could compare it between devices."""
        return {
            "expenses": self.export(),
            "budgets": sorted(self.planner.budgets()),
            "rules": [(r.key, r.pattern, r.category, r.is_regex) for r in self.planner.rules()],
            "learned": dict(sorted(self.ledger.learned().items())),
            "alerts": sorted(
                (n.dedupe_key, n.message, n.read) for n in self.planner.notifications()
            ),
            "currency": self.ledger.setting("base_currency"),
            "links": dict(sorted(self.ledger.import_links().items())),
        }

    def close(self) -> None:
        self.ledger.close()


def seen_by_both(laptop: Device, phone: Device, *args: Any, **kwargs: Any) -> Expense:
    """An expense added on the laptop once both devices have synced, then pulled by the phone."""
    laptop.sync()
    phone.sync()
    added = laptop.planner.add_expense(*args, **kwargs).expense
    laptop.sync()
    phone.sync()
    return added
