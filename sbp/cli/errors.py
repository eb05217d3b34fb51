"""Exit codes that mean something, and the one place errors become a line on stderr."""

from __future__ import annotations

import sys
from enum import IntEnum

from sbp.core.errors import (
    AccessDenied,
    AmbiguousId,
    CloudUnavailable,
    Conflict,
    InvalidInput,
    NotFound,
    NothingToUndo,
    NotSignedIn,
    RateLimited,
    SbpError,
    StoreUnavailable,
)


class ExitCode(IntEnum):
    """What `sbp` exits with; scripts can rely on these."""

    OK = 0
    INVALID_INPUT = 1  # bad amount, date, file or row: nothing was stored
    USAGE = 2  # unknown command or option (from the argument parser)
    NOT_FOUND = 3  # no such expense, budget, rule or batch
    AMBIGUOUS = 4  # an id prefix matching several expenses
    CONFLICT = 5  # the write contradicts what is stored
    NOTHING_TO_UNDO = 6
    STORE_UNAVAILABLE = 7  # the store could not be opened or stayed locked
    NOT_SIGNED_IN = 8  # the command needs the cloud: `sbp login` first (or again)
    CLOUD_UNREACHABLE = 9  # the gateway or the cloud could not be reached, or failed
    REFUSED = 10  # the gateway or the cloud refused: wrong password, not this account's data
    RATE_LIMITED = 11  # too many attempts: wait as the message says, then try again
    INTERRUPTED = 130
    READER_LEFT = 141  # the program reading the output closed it (`| head`): stopped quietly


def exit_code_for(error: SbpError) -> ExitCode:
    """The exit code for an error of the core."""
    for kind, code in (
        (AmbiguousId, ExitCode.AMBIGUOUS),
        (InvalidInput, ExitCode.INVALID_INPUT),
        (NotFound, ExitCode.NOT_FOUND),
        (Conflict, ExitCode.CONFLICT),
        (NothingToUndo, ExitCode.NOTHING_TO_UNDO),
        (StoreUnavailable, ExitCode.STORE_UNAVAILABLE),
        # the most particular first: each of these is also one of the two after it
        (NotSignedIn, ExitCode.NOT_SIGNED_IN),
        (RateLimited, ExitCode.RATE_LIMITED),
        (AccessDenied, ExitCode.REFUSED),
        (CloudUnavailable, ExitCode.CLOUD_UNREACHABLE),
    ):
        if isinstance(error, kind):
            return code
    return ExitCode.INVALID_INPUT


def report(error: SbpError) -> ExitCode:
    """Print `sbp: error: ...` (and the hint) on stderr; the exit code to use."""
    line = f"sbp: error: {error.message}"
    if error.hint:
        line += f" ({error.hint})"
    print(line, file=sys.stderr)
    return exit_code_for(error)
