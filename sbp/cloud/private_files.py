"""Files only their owner may read, written whole: the sign-in record, the token file, receipts.

A file is written to a temporary file (created 0600 by `mkstemp`) in its own folder, flushed to
disk and moved into place in one rename, so a reader never sees half of it and a crash leaves
the old one. Folders sbp creates for them are 0700; folders that exist keep their mode.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

FOLDER_MODE = 0o700


def write_private(path: Path, content: bytes) -> None:
    """Write `content` to `path` whole or not at all, the file 0600 and its folder made 0700."""
    ensure_folder(path.parent)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:  # mkstemp makes it 0600 already
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def ensure_folder(folder: Path) -> None:
    """`folder` (the data folder, or one in it), created 0700 when it does not exist yet."""
    if not folder.is_dir():
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.mkdir(mode=FOLDER_MODE, exist_ok=True)
