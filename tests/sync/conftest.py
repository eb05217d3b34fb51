"""Devices that sync: several stores, one user's replica (memory by default)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sbp.store.memory_replica import MemoryReplica
from sbp.store.memory_snapshots import MemorySnapshots
from tests.sync.devices import USER, Device, World

MakeDevice = Callable[[str], Device]


@pytest.fixture
def world() -> World:
    return World()


@pytest.fixture
def replica(world: World) -> MemoryReplica:
    return MemoryReplica(USER, server_clock=world.millis)


@pytest.fixture
def snapshots() -> MemorySnapshots:
    return MemorySnapshots()


@pytest.fixture
def device(
    tmp_path: Path, world: World, replica: MemoryReplica, snapshots: MemorySnapshots
) -> Iterator[MakeDevice]:
    """Makes devices by name, each in a folder of its own."""
    made: list[Device] = []

    def make(name: str) -> Device:
        made.append(Device(name, tmp_path / name, world, replica, snapshots))
        return made[-1]

    yield make
    for one in made:
        one.close()
