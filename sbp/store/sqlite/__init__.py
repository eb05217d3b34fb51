"""The embedded store: one SQLite file, the default home of a person's data.

WAL mode and a busy timeout let two `sbp` processes write at once; aggregates are kept by
triggers inside the same transaction as each expense write; the schema evolves through the
numbered steps in `sbp.store.migrations`. One module per concern:

- `opening`: the file opened, made whole when new, refused when empty, read-only when it must;
- `schema` and `slow`: its migrations, and telling the person about slow work on it;
- `connection`, `failures`, `damage`, `busy`: transactions, what SQLite's errors mean, a
  damaged file, and writers that wait for a long import;
- `expenses`, `expense_rows`, `rescue`: expenses one at a time, and what a damaged store
  still holds; `imports`: bulk writes and batches; `import_links`: which expense typed by hand
  stands for a bank row; `records`: everything else a person keeps;
- `sync_tables`: the sync state, each record's versions and the outbox of unpushed writes.
"""

from __future__ import annotations

from sbp.store.sqlite.expenses import ExpenseTable
from sbp.store.sqlite.import_links import ImportLinks
from sbp.store.sqlite.imports import ImportTables
from sbp.store.sqlite.opening import connect
from sbp.store.sqlite.records import RecordTables
from sbp.store.sqlite.schema import migrate
from sbp.store.sqlite.sync_tables import SyncTables

__all__ = ["SqliteLedger", "connect", "migrate"]


class SqliteLedger(ExpenseTable, ImportTables, ImportLinks, RecordTables, SyncTables):
    """The `Ledger` port over one SQLite file."""

    def reopened(self) -> SqliteLedger:
        """Another connection to the same store, for a worker thread (SQLite connections stay
        on the thread that made them)."""
        return SqliteLedger(self.path, self.undo_scope, self._notices)
