"""The store's files are private: the data folder is made 0700 and the SQLite files 0600 when
they are created, whatever the umask, because they hold a person's financial records.

SQLite creates its -wal and -shm files with the database file's own permissions, so a database
created 0600 keeps all three private. Existing folders and files are left as they are: a folder
named by SBP_HOME may be shared on purpose.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

FOLDER_MODE = 0o700
PRIVATE_UMASK = 0o077  # what is created meanwhile is readable by its owner only


@contextmanager
def private_store(path: Path) -> Iterator[None]:
    """Around opening the store at `path`: its folder is created 0700 (parents as usual), and
    files created meanwhile (the database, its -wal and -shm) are 0600."""
    if not path.parent.is_dir():
        path.parent.parent.mkdir(parents=True, exist_ok=True)
        path.parent.mkdir(mode=FOLDER_MODE, exist_ok=True)
    if path.exists():
        yield  # SQLite gives new -wal and -shm files the database's own permissions
        return
    mask = os.umask(PRIVATE_UMASK)
    try:
        yield
    finally:
        os.umask(mask)


STORE_COMPANIONS = ("-wal", "-shm", "-journal", ".busy", ".sync-lock")
"""The files SQLite and sbp keep beside a store, named after it."""


def remove_store(path: Path) -> None:
    """Delete the store at `path` and the files kept beside it (absent ones are fine)."""
    for name in ("", *STORE_COMPANIONS):
        Path(f"{path}{name}").unlink(missing_ok=True)
