"""The embedded store: one SQLite file, the default home of a person's data.

WAL mode and a busy timeout let two `sbp` processes write at once; aggregates are kept by
triggers inside the same transaction as each expense write; the schema evolves through the
numbered steps in `sbp.store.migrations`. The ledger is put together from one module per
concern: opening the file (`opening`), its schema (`schema`), transactions and errors
(`connection`, `failures`, `damage`), single expenses (`expenses`), imports (`imports`) and
everything else a person keeps (`records`).
"""

from __future__ import annotations

from sbp.store.sqlite.expenses import ExpenseTable
from sbp.store.sqlite.imports import ImportTables
from sbp.store.sqlite.opening import connect
from sbp.store.sqlite.records import RecordTables
from sbp.store.sqlite.schema import migrate

__all__ = ["SqliteLedger", "connect", "migrate"]


class SqliteLedger(ExpenseTable, ImportTables, RecordTables):
    """The `Ledger` port over one SQLite file."""
