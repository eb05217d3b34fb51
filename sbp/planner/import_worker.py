"""A big import's rows prepared in a second process while this one stores them; and the
cycle collector kept out of an import's way.

Reading, fingerprinting and categorizing a bank file's rows takes about as long as SQLite takes
to store them, and one Python process runs one thread at a time. So, where it is safe (Linux,
no other thread running), the process forks: the child reads the rest of the file and sends
prepared chunks down a pipe as plain data (`marshal`, the cheapest serializer Python has), while
the parent checks duplicates and stores, inside its transaction, on the other core.

The child never touches the store: it leaves with `os._exit`, so nothing it inherited (the
store's connection, the open transaction) is closed or rolled back by it.
"""

from __future__ import annotations

import gc
import marshal
import os
import pickle
import signal
import struct
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from stat import S_ISREG
from typing import IO, BinaryIO, NoReturn

from sbp.core.errors import SbpError
from sbp.core.importers.prepare import Chunk, ChunkMaker
from sbp.core.importers.rows import Block

MIN_BYTES = 1 << 20
"""Files smaller than this are prepared in place: a second process would cost more than it saves."""

_HEADER = struct.Struct(">cQ")  # what follows, and how many bytes of it
_CHUNK, _FAILED, _DONE = b"c", b"f", b"d"


@contextmanager
def paused_collections() -> Iterator[None]:
    """Python's cycle collector paused for the length of an import.

    An import makes millions of short-lived objects; with the default thresholds the collector
    runs every few hundred and, as the import's caches grow, each run walks more of them
    (measured: a third of a million-row import's time; a few per cent even when run rarely).
    Nothing an import makes lives in cycles, so pausing it costs no memory.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def worth_a_second_process(stream: BinaryIO) -> bool:
    """Whether to prepare the rows of `stream` in a second process.

    Only on Linux, where fork is cheap and safe for a process with a single thread, and only
    when no other thread runs (a screen's workers, a progress bar's refresher); a pipe, whose
    size is not known, counts as big: scripted imports of big files come that way.
    """
    if sys.platform != "linux" or threading.active_count() > 1:
        return False
    try:
        status = os.fstat(stream.fileno())
    except (OSError, AttributeError, ValueError):  # not a real file: an in-memory stream
        return False
    return not S_ISREG(status.st_mode) or status.st_size >= MIN_BYTES


def prepare_in_child(maker: ChunkMaker, blocks: Iterator[Block]) -> Iterator[Chunk]:
    """The chunks of `blocks`, prepared by a forked child; an error there is raised here."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        _child(maker, blocks, write_end)
    os.close(write_end)
    finished = False
    try:
        with open(read_end, "rb") as pipe:
            while True:
                kind, payload = _receive(pipe)
                if kind == _DONE:
                    finished = True
                    return
                if kind == _FAILED:
                    finished = True
                    raise pickle.loads(payload)
                yield Chunk.unpacked(marshal.loads(payload))
    finally:
        if not finished:  # the parent stopped early (an error, Ctrl-C): so does the child
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


def _child(maker: ChunkMaker, blocks: Iterator[Block], write_end: int) -> NoReturn:
    status = 0
    # Ctrl-C reaches both processes; the parent decides, and stops this one
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    pipe = open(write_end, "wb")  # noqa: SIM115 - closed by os._exit below
    try:
        for chunk in maker.chunks(blocks):
            _send(pipe, _CHUNK, marshal.dumps(chunk.packed()))
        _send(pipe, _DONE, b"")
    except BaseException as exc:  # every failure goes to the parent
        status = 1
        with suppress(BaseException):
            _send(pipe, _FAILED, _pickled(exc))
    finally:
        os._exit(status)


def _pickled(error: BaseException) -> bytes:
    try:
        return pickle.dumps(error)
    except Exception:  # an error that cannot travel is described instead
        return pickle.dumps(SbpError(f"reading the file failed: {error!r}"))


def _send(pipe: IO[bytes], kind: bytes, payload: bytes) -> None:
    pipe.write(_HEADER.pack(kind, len(payload)))
    pipe.write(payload)
    pipe.flush()


def _receive(pipe: IO[bytes]) -> tuple[bytes, bytes]:
    header = pipe.read(_HEADER.size)
    if len(header) == _HEADER.size:
        kind, size = _HEADER.unpack(header)
        payload = pipe.read(size)
        if len(payload) == size:
            return kind, payload
    raise SbpError(
        "the process reading the file stopped before the end; nothing was imported",
        hint="try again; if it happens again, report it with the file's size",
    )
