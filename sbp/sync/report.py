"""What a sync did, in numbers and in words (`sbp sync` prints them; `--json` gives them)."""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each string annotation
# of its fields when the class is made, which costs every run of sbp start-up time.

from collections.abc import Mapping
from typing import Any, NamedTuple

from sbp.sync.apply import Resolved

CLOUD_WRITERS = {"categorizer": "the cloud's categorizer", "budget-alert": "the cloud's alerts"}


class SyncReport(NamedTuple):
    """One sync: writes pushed, log entries of other writers pulled, records changed here,
    records sent by a first upload, conflicts resolved, records left aside (with why) and
    anything else worth saying (a resync, a fresh snapshot)."""

    pushed: int = 0
    pulled: int = 0
    changed: int = 0
    uploaded: int = 0
    resolved: tuple[Resolved, ...] = ()
    skipped: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    names: tuple[tuple[str, str], ...] = ()
    """The devices' names by node, for saying who made a change."""

    def words(self) -> str:
        """`pushed 3, pulled 12, 1 conflict resolved: kept the newer edit of 01KAB3 coffee
        from laptop`."""
        names = dict(self.names)
        parts = []
        if self.uploaded:
            parts.append(f"uploaded {self.uploaded:,} records")
        parts += [f"pushed {self.pushed:,}", f"pulled {self.pulled:,}"]
        if self.changed:
            parts.append(f"{self.changed:,} changed here")
        line = ", ".join(parts)
        if self.resolved:
            count = len(self.resolved)
            said = "; ".join(_resolution(r, names) for r in self.resolved[:5])
            more = f"; and {count - 5} more" if count > 5 else ""
            line += f", {count} conflict{'s' * (count != 1)} resolved: {said}{more}"
        return line

    def as_json(self) -> dict[str, Any]:
        """The report as `sbp sync --json` prints it."""
        names = dict(self.names)
        return {
            "pushed": self.pushed,
            "pulled": self.pulled,
            "changed": self.changed,
            "uploaded": self.uploaded,
            "conflicts": [
                {
                    "kind": r.kind.value,
                    "key": r.key,
                    "fields": sorted(r.fields),
                    "kept": "theirs" if r.kept_theirs else "ours",
                    "from": writer(r.origin, names),
                    "what": r.what,
                }
                for r in self.resolved
            ],
            "skipped": list(self.skipped),
            "notes": list(self.notes),
        }


def writer(origin: str, names: Mapping[str, str]) -> str:
    """Who made a change, as a person knows them."""
    return names.get(origin) or CLOUD_WRITERS.get(origin) or f"device {origin[:6]}"


def _resolution(resolved: Resolved, names: Mapping[str, str]) -> str:
    if resolved.kept_theirs:
        return f"kept the newer edit of {resolved.what} from {writer(resolved.origin, names)}"
    return f"kept this device's newer edit of {resolved.what}"
