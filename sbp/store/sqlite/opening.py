"""Opening the store's file with the pragmas sbp relies on, and never mistaking a broken file
for a new store.

- A new store is made whole under a temporary name and linked into place, so no sbp ever sees
  a half-made one, and an empty `sbp.db` is never one sbp made: it is refused, not filled.
- A store found damaged (see `damage`) opens for reading only.
- A store sbp may not write (a read-only disk or folder, or a disk too full to open it for
  writing) opens for reading, so listings, reports and exports still work; writes are
  refused with a clear error.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from sbp.core.errors import StoreDamaged, StoreFull, StoreReadOnly, StoreUnavailable
from sbp.store.files import private_store
from sbp.store.sqlite.damage import check, damage_on_record, read_only_uri, record_damage
from sbp.store.sqlite.failures import is_damage, store_error
from sbp.store.sqlite.schema import add_functions, is_current, migrate

if TYPE_CHECKING:
    from sbp.core.ports import Notices

BUSY_TIMEOUT_MS = 15_000
PAGE_BYTES = 16384


class OpenStore(NamedTuple):
    """An open connection, and why writes through it are refused (None: they are not)."""

    conn: sqlite3.Connection
    refusal: StoreUnavailable | None


def open_store(path: Path, notices: Notices | None = None) -> OpenStore:
    """The store at `path`, made if there is none, migrated to the current schema; slow work
    on the way (an upgrade, a check for damage) is told to `notices`."""
    try:
        if not path.exists():
            with private_store(path):  # a new store's folder 0700, its files 0600
                _create(path)
        empty = path.stat().st_size == 0
    except OSError as exc:
        raise StoreUnavailable(f"cannot open the store at {path}: {exc}") from None
    if empty:
        raise StoreDamaged(
            f"the store at {path} is empty (0 bytes): it was cut short, so sbp will not use it",
            hint="restore it from a backup, or delete the empty file to start a new store",
        )
    damage = damage_on_record(path, notices)
    if damage is not None:
        return OpenStore(_read_only(path, damage), damage)
    try:
        conn = connect(path)
    except StoreUnavailable as exc:
        refusal = _why_only_reading(exc, path)
        if refusal is None:
            raise
        return OpenStore(_read_only(path, refusal), refusal)
    try:
        migrate(conn, notices, path)
    except sqlite3.Error as exc:
        conn.close()
        if is_damage(exc):
            raise record_damage(path, check(path, notices) or [str(exc)]) from None
        raise store_error(exc, path) or StoreUnavailable(
            f"cannot prepare the store at {path}: {exc}"
        ) from None
    except BaseException:
        conn.close()
        raise
    return OpenStore(conn, None)


def connect(path: Path, shown: Path | None = None) -> sqlite3.Connection:
    """Open the store at `path` for reading and writing, with sbp's pragmas; errors name
    `shown` (default: `path`)."""
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # For a new store only (an existing one keeps its size): bigger pages make big
        # imports faster, at no cost a person could notice on a single write.
        conn.execute(f"PRAGMA page_size = {PAGE_BYTES}")
        _use_wal(conn)
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        add_functions(conn)
    except sqlite3.Error as exc:
        named = shown or path
        if is_damage(exc):
            raise StoreDamaged(
                f"cannot open the store at {named}: {exc}",
                hint="it is damaged or not an sbp store; restore it from a backup",
            ) from None
        raise store_error(exc, named) or StoreUnavailable(
            f"cannot open the store at {named}: {exc}"
        ) from None
    return conn


def _create(path: Path) -> None:
    """Make a new, migrated store at `path`, unless another sbp makes one there first."""
    temporary = path.with_name(f".{path.name}.new-{os.getpid()}")
    try:
        conn = connect(temporary, shown=path)
        try:
            migrate(conn)
        finally:
            conn.close()  # the last connection folds its WAL into the file and removes it
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass  # another sbp made it first: this one uses theirs
        except OSError:  # a file system without hard links
            if not path.exists():
                os.replace(temporary, path)
    except sqlite3.Error as exc:
        raise store_error(exc, path) or StoreUnavailable(
            f"cannot create the store at {path}: {exc}"
        ) from None
    finally:
        for leftover in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(OSError):
                os.unlink(f"{temporary}{leftover}")


def _read_only(path: Path, refusal: StoreUnavailable) -> sqlite3.Connection:
    """The store opened for reading only; without locks when even they cannot be written."""
    last: sqlite3.Error | None = None
    for immutable in (False, True):
        try:
            conn = sqlite3.connect(
                read_only_uri(path, immutable), uri=True, isolation_level=None,
                timeout=BUSY_TIMEOUT_MS / 1000,
            )  # fmt: skip
            add_functions(conn)
            current = is_current(conn)
        except sqlite3.Error as exc:
            last = exc
            continue
        if not current:
            conn.close()
            raise type(refusal)(
                f"{refusal.message}, and this sbp needs to upgrade it before reading it",
                hint=refusal.hint,
            )
        return conn
    error = None if last is None else store_error(last, path)
    raise error or StoreUnavailable(f"cannot open the store at {path}: {last}")


def _why_only_reading(failure: StoreUnavailable, path: Path) -> StoreUnavailable | None:
    """Why a store that could not be opened for writing is opened for reading (the refusal
    every write then meets), or None when it cannot be read either."""
    if isinstance(failure, StoreFull):
        return failure  # no room even for SQLite's shared-memory file: reading needs none
    if isinstance(failure, StoreDamaged | StoreReadOnly) or not _unwritable(path):
        return None
    return StoreReadOnly(
        f"the store at {path} is read-only (its folder or disk cannot be written)",
        hint="reading works; to record changes, make the folder writable",
    )


def _unwritable(path: Path) -> bool:
    """Whether sbp may not write the store's file, its folder, or the disk under them."""
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        return True
    try:
        return bool(os.statvfs(path.parent).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs (Windows)
        return False


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL; retried because two processes creating a store at once can be told
    "locked" at once, without SQLite's busy handler ever waiting."""
    for attempt in range(50):
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == 49:
                raise
            time.sleep(0.02 * (attempt + 1))
