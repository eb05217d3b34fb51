"""One sync at a time per store: a lock file beside it.

The background sync after a command gives up at once when another sync holds the lock (that
one pushes what is waiting too); `sbp sync` waits for it. The lock goes with the process, so a
sync that was killed never blocks the next.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_SUFFIX = ".sync-lock"


class SyncRunning(Exception):
    """Another sync holds this store's lock."""


def lock_path(store: Path) -> Path:
    return store.with_name(store.name + LOCK_SUFFIX)


@contextmanager
def one_sync(
    store: Path, wait: float = 0.0, waiting: Callable[[], None] | None = None
) -> Iterator[None]:
    """Hold the store's sync lock; SyncRunning when another sync still holds it after `wait`
    seconds (`waiting` is told once, when the wait begins)."""
    from filelock import FileLock, Timeout

    lock = FileLock(lock_path(store), mode=0o600)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if wait <= 0:
            raise SyncRunning from None
        if waiting is not None:
            waiting()
        try:
            lock.acquire(timeout=wait)
        except Timeout:
            raise SyncRunning from None
    try:
        yield
    finally:
        lock.release()
