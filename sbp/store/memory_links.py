"""The in-memory store's import links: the same meaning as `sbp.store.sqlite.import_links`,
held to it by the ledger contract suite."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sbp.store.memory import _State


class MemoryImportLinks:
    """Import links kept beside the memory ledger's other state."""

    _state: _State

    def import_links(self, keys: Sequence[str] | None = None) -> Mapping[str, str]:
        links = self._state.links
        if keys is None:
            return dict(links)
        return {key: links[key] for key in keys if key in links}

    def links_naming(self, expense_ids: Sequence[str]) -> Mapping[str, str]:
        wanted = set(expense_ids)
        return {key: named for key, named in self._state.links.items() if named in wanted}

    def put_import_link(self, key: str, expense_id: str) -> None:
        self._state.links[key] = expense_id

    def remove_import_link(self, key: str) -> None:
        self._state.links.pop(key, None)
        self._state.link_copies.pop(key, None)

    def link_copies(self, keys: Sequence[str]) -> Mapping[str, str]:
        copies = self._state.link_copies
        return {key: copies[key] for key in keys if key in copies}

    def set_link_copy(self, key: str, copy_id: str) -> None:
        if key in self._state.links:
            self._state.link_copies[key] = copy_id

    def ids_by_import_key(self, keys: Sequence[str]) -> Mapping[str, Sequence[str]]:
        wanted = set(keys)
        found: dict[str, list[str]] = {}
        for expense_id, expense in sorted(self._state.expenses.items()):
            if expense.import_fingerprint in wanted:
                found.setdefault(expense.import_fingerprint, []).append(expense_id)
        return found
