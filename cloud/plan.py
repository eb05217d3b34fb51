"""plan, apply and destroy over every family of resources, the same way for each.

A family (tables, queues, roles, ...) says what settings each of its resources should have
(`wanted`) and what the account has (`found`): the stack's resources by their exact names,
plus any other resource named with the stack's prefix *and* tagged with it (left behind by an
older version of the stack). Comparing the two gives the changes: create what is missing,
update the settings that differ (drift is put back), remove what the stack no longer
describes. `destroy` is the same comparison against an empty description.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

Settings = dict[str, Any]


class _Unreadable:
    """A setting AWS (or moto) cannot report; it is set on create and never counted as drift."""

    def __repr__(self) -> str:
        return "(unreadable)"


UNREADABLE: Any = _Unreadable()


class Family(Protocol):
    """One kind of resource, compared and changed the same way as every other."""

    kind: str

    def wanted(self) -> dict[str, Settings]: ...

    def found(self) -> dict[str, Settings]: ...

    def create(self, name: str) -> None: ...

    def update(self, name: str, keys: Sequence[str]) -> None: ...

    def delete(self, name: str) -> None: ...


@dataclass(frozen=True)
class Change:
    """One thing plan would do or apply did: create, update (these keys) or delete."""

    action: Literal["create", "update", "delete"]
    kind: str
    name: str
    keys: tuple[str, ...] = ()

    def __str__(self) -> str:
        mark = {"create": "+", "update": "~", "delete": "-"}[self.action]
        what = f"  {mark} {self.kind:<15} {self.name}"
        return f"{what} ({', '.join(self.keys)})" if self.keys else what


def differences(wanted: Settings, found: Settings) -> tuple[str, ...]:
    return tuple(
        key
        for key, value in wanted.items()
        if found.get(key) is not UNREADABLE and found.get(key) != value
    )


def changes(family: Family, *, keep: bool = True) -> list[Change]:
    """What it takes to make the account match the family's description (or to remove it)."""
    wanted = family.wanted() if keep else {}
    found = family.found()
    result = []
    for name, settings in wanted.items():
        if name not in found:
            result.append(Change("create", family.kind, name))
        elif keys := differences(settings, found[name]):
            result.append(Change("update", family.kind, name, keys))
    result += [Change("delete", family.kind, name) for name in found if name not in wanted]
    return result


def carry_out(family: Family, change: Change) -> None:
    if change.action == "create":
        family.create(change.name)
    elif change.action == "update":
        family.update(change.name, change.keys)
    else:
        family.delete(change.name)


def plan(families: Iterable[Family]) -> list[Change]:
    return [change for family in families for change in changes(family)]


def apply(families: Iterable[Family], report: Callable[[Change], None]) -> list[Change]:
    """Make the account match, family by family in dependency order (a function's role before
    the function), each family's changes worked out just before they are made."""
    done = []
    for family in families:
        for change in changes(family):
            report(change)
            carry_out(family, change)
            done.append(change)
    return done


def destroy(families: Sequence[Family], report: Callable[[Change], None]) -> list[Change]:
    """Remove the stack, dependents first (the alarms before the topic they notify)."""
    done = []
    for family in reversed(families):
        for change in changes(family, keep=False):
            report(change)
            carry_out(family, change)
            done.append(change)
    return done


def summary(changes: Sequence[Change], *, done: bool) -> str:
    if not changes:
        return "No changes: the stack matches its description."
    verbs = {"create": "created", "update": "changed", "delete": "removed"}
    if not done:
        verbs = {"create": "to create", "update": "to change", "delete": "to remove"}
    parts = [f"{sum(c.action == a for c in changes)} {verb}" for a, verb in verbs.items()]
    return ", ".join(parts) + "."
