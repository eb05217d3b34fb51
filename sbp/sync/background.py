"""Syncing in the background after a command, so no command ever waits for the network.

After a writing command, when this device is signed in and has changes to push, `sbp sync
--background` is started detached (its own session, no terminal, output discarded) and the
command ends at once. That sync takes the store's lock or, when another sync holds it, leaves:
the one running pushes what is waiting too, since it goes round again while the outbox is not
empty. Offline, it fails quietly (the store notes it, `sbp status` says so) and the next
command's sync tries again.
"""

from __future__ import annotations

import subprocess
import sys

ROUNDS = 5
"""Syncs one background run makes at most while new changes keep arriving."""


def start_background_sync() -> None:
    """Start `sbp sync --background` detached from this process and its terminal."""
    subprocess.Popen(
        [sys.executable, "-m", "sbp", "sync", "--background"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # neither the terminal's ctrl-c nor its closing reaches it
        close_fds=True,
    )
