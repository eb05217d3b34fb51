"""Import links (which expense typed by hand stands for a bank row) and the lookups that fold
two copies of one row into one (see `sbp.core.sync.folding`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sbp.store.sqlite.connection import SqliteConnection, bound_chunks


class ImportLinks(SqliteConnection):
    """The `Ledger` port's import-link methods over `import_links` and `expenses`."""

    def import_links(self, keys: Sequence[str] | None = None) -> Mapping[str, str]:
        if keys is None:
            return dict(self._execute("SELECT key, expense_id FROM import_links").fetchall())
        return self._links_where("key", keys)

    def links_naming(self, expense_ids: Sequence[str]) -> Mapping[str, str]:
        return self._links_where("expense_id", expense_ids)

    def _links_where(self, column: str, values: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for chunk, marks in bound_chunks(values):
            rows = self._execute(
                f"SELECT key, expense_id FROM import_links WHERE {column} IN ({marks})", chunk
            )
            found.update(rows)
        return found

    def put_import_link(self, key: str, expense_id: str) -> None:
        self._write(
            "INSERT INTO import_links (key, expense_id) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET expense_id = excluded.expense_id",
            (key, expense_id),
        )

    def remove_import_link(self, key: str) -> None:
        self._write("DELETE FROM import_links WHERE key = ?", (key,))

    def link_copies(self, keys: Sequence[str]) -> Mapping[str, str]:
        found: dict[str, str] = {}
        for chunk, marks in bound_chunks(keys):
            rows = self._execute(
                f"SELECT key, copy_id FROM import_links WHERE key IN ({marks})"
                " AND copy_id IS NOT NULL",
                chunk,
            )
            found.update(rows)
        return found

    def set_link_copy(self, key: str, copy_id: str) -> None:
        self._write("UPDATE import_links SET copy_id = ? WHERE key = ?", (copy_id, key))

    def ids_by_import_key(self, keys: Sequence[str]) -> Mapping[str, Sequence[str]]:
        found: dict[str, list[str]] = {}
        for chunk, marks in bound_chunks(keys):
            rows = self._execute(
                "SELECT import_fingerprint, id FROM expenses"
                f" WHERE import_fingerprint IN ({marks}) ORDER BY id",
                chunk,
            )
            for key, expense_id in rows:
                found.setdefault(key, []).append(expense_id)
        return found
