"""Writing what sbp renders (reports, exports) to the file a person named: whole or not at all,
never through a file someone else planted, with the permissions the person's umask asks for.

- The bytes go to a temporary file created exclusively (`mkstemp`, O_EXCL: never through a
  link) in the destination's own folder, then moved over the destination in one rename. A link
  named as the destination stays a link: the file it points at is the one replaced.
- A FIFO or a character device (`-o /dev/stdout`, a named pipe) is written into as a stream.
- A temporary file is named `.NAME.sbp-PID-XXXXXXXX.part`; one left by a process that no longer
  runs (killed with SIGKILL, say) is removed by the next write to that folder.
- What the person asked for keeps their umask (0644 under the usual 022), or the mode of the
  file it replaces; the data folder and the store are private (`sbp.store.files`).
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from sbp.core.errors import InvalidInput
from sbp.core.printable import shown

_PART = re.compile(r"\..*\.sbp-(?P<pid>[0-9]+)-[^.]*\.part")


class Destination(NamedTuple):
    """Where output goes: the path as named, and where its bytes really land."""

    named: Path
    real: Path  # the file a link points at, or `named` itself
    stream: bool  # a FIFO or a character device: written into, never replaced


def destination(named: str | Path) -> Destination:
    """The destination `named`, checked before any work is done; InvalidInput saying why not."""
    if str(named) == "":
        raise InvalidInput(
            "no file name given for the output", hint="give -o FILE, or - for stdout"
        )
    path = Path(named).expanduser().absolute()
    try:
        mode = _mode_of(path)  # through links, /dev/stdout's to a pipe included
        if mode is not None and (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
            return Destination(path, path, stream=True)
        real = path.resolve()  # through links: the file they point at is the one replaced
        if mode is not None and stat.S_ISDIR(mode):
            raise _refused(path, "it is a folder")
        if mode is not None and not stat.S_ISREG(mode):
            raise _refused(path, "it is not a regular file")
        if not real.parent.is_dir():
            raise _refused(path, f"folder {real.parent} does not exist")
        if not os.access(real.parent, os.W_OK | os.X_OK):
            raise _refused(path, f"folder {real.parent} is not writable")
    except OSError as exc:  # a name too long, a loop of links, ...
        raise _refused(path, exc.strerror or str(exc)) from None
    return Destination(path, real, stream=False)


def _mode_of(path: Path) -> int | None:
    try:
        return path.stat().st_mode
    except FileNotFoundError:
        return None


def write(target: Destination, chunks: Iterable[bytes]) -> None:
    """Write `chunks` to `target`: into a stream, or through an exclusive temporary file moved
    into place, so a failure (or ctrl-c) leaves the destination as it was."""
    try:
        if target.stream:
            _write_stream(target.real, chunks)
        else:
            _write_whole(target.real, chunks)
    except OSError as exc:
        raise _refused(target.named, exc.strerror or str(exc)) from None


def _write_stream(path: Path, chunks: Iterable[bytes]) -> None:
    handle = os.open(path, os.O_WRONLY | os.O_NOCTTY)  # a FIFO waits here for its reader
    with os.fdopen(handle, "wb") as stream:
        for chunk in chunks:
            stream.write(chunk)


def _write_whole(path: Path, chunks: Iterable[bytes]) -> None:
    remove_leftovers(path.parent)
    mode = _mode_for(path)
    stem = path.name[:100]  # room for the rest of the name within the system's limit
    handle, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{stem}.sbp-{os.getpid()}-", suffix=".part"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            os.fchmod(stream.fileno(), mode)
            for chunk in chunks:
                stream.write(chunk)
            stream.flush()
            os.fsync(stream.fileno())  # on disk before it takes the destination's place
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """The mode of the file being replaced, or what the umask leaves of 0666 for a new one."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mask = os.umask(0o077)  # the only way to read it; set straight back
        os.umask(mask)
        return 0o666 & ~mask


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove the temporary files in `folder` that a write left when its process was killed
    (the process no longer runs); the files removed."""
    removed = []
    try:
        names = [name for name in os.listdir(folder) if name.endswith(".part")]
    except OSError:
        return removed
    for name in names:
        found = _PART.fullmatch(name)
        if found is None or _running(int(found["pid"])):
            continue
        path = folder / name
        try:
            details = path.lstat()
            if stat.S_ISREG(details.st_mode) and details.st_uid == os.getuid():
                path.unlink()
                removed.append(path)
        except OSError:
            continue  # gone already, or not ours to remove
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process (or no such number): not ours to judge
    return True


def _refused(path: Path, reason: str) -> InvalidInput:
    return InvalidInput(f"cannot write {shown(str(path))}: {reason}")
