"""One exception tree for everything a person can get wrong or run into.

Front ends map these to a one-line message and an exit code (CLI), a toast (TUI) or a JSON
problem (gateway); the messages are written for a person, with the fix where there is one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sbp.core.printable import shown


class SbpError(Exception):
    """Base of every error sbp raises on purpose; `hint` says what to do about it.

    Messages often echo what was typed or read: any control character, escape or bidi override
    in them is written as an escape (`printable.shown`), so no front end ever prints one raw.
    """

    def __init__(self, message: str, hint: str | None = None) -> None:
        message = shown(message)
        hint = None if hint is None else shown(hint)
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        # kept whole (hint and all) when an import's second process hands one back
        return _restore, (type(self), self.args, self.__dict__)


def _restore(kind: type[SbpError], args: tuple[Any, ...], state: dict[str, Any]) -> SbpError:
    error = kind.__new__(kind)
    error.args = args
    error.__dict__.update(state)
    return error


class InvalidInput(SbpError):
    """Input that cannot be understood; nothing was stored."""


class InvalidAmount(InvalidInput):
    """An amount that is not a number, not finite, or too precise for its currency."""


class InvalidDate(InvalidInput):
    """A date or period that could not be read."""


class NotFound(SbpError):
    """The thing asked for does not exist."""


class AmbiguousId(SbpError):
    """An id prefix that matches more than one thing of a kind (`things`: expenses by default,
    import batches for `sbp import undo`)."""

    def __init__(
        self,
        prefix: str,
        candidates: Sequence[str],
        more: bool = False,
        things: tuple[str, str] = ("expenses", "id"),
    ) -> None:
        plural, id_name = things
        listed = ", ".join(candidates) + (", ..." if more else "")
        count = f"more than {len(candidates)}" if more else str(len(candidates))
        super().__init__(
            f"id prefix '{prefix}' matches {count} {plural}: {listed}",
            hint=f"type more characters of the {id_name}",
        )
        self.prefix = prefix
        self.candidates = list(candidates)


class Conflict(SbpError):
    """A write that would contradict what is stored (a duplicate id, a stale edit)."""


class NothingToUndo(SbpError):
    """`undo` was asked for but there is no change left to reverse."""


class StoreUnavailable(SbpError):
    """The store could not be opened or stayed locked too long."""


class AccessDenied(SbpError):
    """The cloud refused a request: not signed in, credentials expired, or not this user's data."""


class CloudUnavailable(SbpError):
    """The cloud could not be reached or kept refusing (network, throttling); retry later."""


class UploadInProgress(CloudUnavailable):
    """Another device is uploading its store into the replica (a first sync): nobody else
    writes until it is done."""

    def __init__(
        self,
        message: str = "another device is uploading its data to the cloud (its first sync)",
        hint: str | None = "sync again in a few minutes, once it has finished",
    ) -> None:
        super().__init__(message, hint)


class ReplicaNotEmpty(Conflict):
    """A load (the first upload of a store) was to begin, but the replica already holds data:
    another device loaded it first, and this store's records merge into it instead."""

    def __init__(
        self,
        message: str = "the cloud replica is not empty: an upload merges instead",
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint)


class NotSignedIn(AccessDenied):
    """A command that needs the cloud, on a device that is not signed in (or whose sign-in
    has ended: the gateway no longer accepts its session)."""


class CredentialsRefused(AccessDenied):
    """The gateway did not accept the name and password given."""


class RateLimited(CloudUnavailable):
    """The gateway asks to wait before trying again (too many attempts)."""


class StoreFull(StoreUnavailable):
    """The disk holding the store is full; the write was rolled back whole."""


class StoreDamaged(StoreUnavailable):
    """The store's file is damaged; sbp reads what it can and refuses to write."""


class StoreReadOnly(StoreUnavailable):
    """The store can be read but not written: a read-only file, folder or disk."""
