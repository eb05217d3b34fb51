"""Numbered schema migrations for the SQLite store; `PRAGMA user_version` records the last applied.

Append new steps at the end, never edit a released one: a store made by any earlier version is
brought forward step by step, in one transaction per step, without losing data.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: the foundation schema
    """
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE expenses (
        id TEXT PRIMARY KEY,
        date TEXT NOT NULL,
        amount_minor INTEGER NOT NULL,
        currency TEXT NOT NULL,
        description TEXT NOT NULL,
        category TEXT NOT NULL,
        category_source TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        receipt_key TEXT,
        import_fingerprint TEXT,
        import_batch TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX expenses_by_date ON expenses (date, id);
    CREATE INDEX expenses_by_category ON expenses (category, date);
    CREATE TABLE aggregates (
        month TEXT NOT NULL,
        category TEXT NOT NULL,
        currency TEXT NOT NULL,
        spent_minor INTEGER NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (month, category, currency)
    ) WITHOUT ROWID;
    CREATE TRIGGER aggregates_on_insert AFTER INSERT ON expenses BEGIN
        INSERT INTO aggregates (month, category, currency, spent_minor, count)
        VALUES (substr(NEW.date, 1, 7), NEW.category, NEW.currency, NEW.amount_minor, 1)
        ON CONFLICT (month, category, currency) DO UPDATE
        SET spent_minor = spent_minor + excluded.spent_minor, count = count + 1;
    END;
    CREATE TRIGGER aggregates_on_delete AFTER DELETE ON expenses BEGIN
        UPDATE aggregates SET spent_minor = spent_minor - OLD.amount_minor, count = count - 1
        WHERE month = substr(OLD.date, 1, 7) AND category = OLD.category
          AND currency = OLD.currency;
        DELETE FROM aggregates WHERE month = substr(OLD.date, 1, 7)
          AND category = OLD.category AND currency = OLD.currency AND count = 0;
    END;
    CREATE TRIGGER aggregates_on_update
    AFTER UPDATE OF date, amount_minor, currency, category ON expenses BEGIN
        UPDATE aggregates SET spent_minor = spent_minor - OLD.amount_minor, count = count - 1
        WHERE month = substr(OLD.date, 1, 7) AND category = OLD.category
          AND currency = OLD.currency;
        DELETE FROM aggregates WHERE month = substr(OLD.date, 1, 7)
          AND category = OLD.category AND currency = OLD.currency AND count = 0;
        INSERT INTO aggregates (month, category, currency, spent_minor, count)
        VALUES (substr(NEW.date, 1, 7), NEW.category, NEW.currency, NEW.amount_minor, 1)
        ON CONFLICT (month, category, currency) DO UPDATE
        SET spent_minor = spent_minor + excluded.spent_minor, count = count + 1;
    END;
    CREATE TABLE budgets (
        category TEXT NOT NULL,
        month TEXT NOT NULL,  -- '' means every month
        limit_minor INTEGER NOT NULL,
        currency TEXT NOT NULL,
        PRIMARY KEY (category, month)
    ) WITHOUT ROWID;
    CREATE TABLE rules (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        pattern TEXT NOT NULL,
        category TEXT NOT NULL,
        is_regex INTEGER NOT NULL
    );
    CREATE TABLE learned (key TEXT PRIMARY KEY, category TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE notifications (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        kind TEXT NOT NULL,
        message TEXT NOT NULL,
        channel TEXT NOT NULL,
        dedupe_key TEXT NOT NULL UNIQUE,
        month TEXT,
        category TEXT,
        read INTEGER NOT NULL DEFAULT 0
    ) WITHOUT ROWID;
    CREATE TABLE undo_journal (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        entry TEXT NOT NULL
    );
    """,
    # 2: import batches, and the indexes the duplicate checks of imports look rows up by
    """
    CREATE TABLE import_batches (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        source TEXT NOT NULL,
        kind TEXT NOT NULL,
        added INTEGER NOT NULL DEFAULT 0,
        duplicates INTEGER NOT NULL DEFAULT 0,
        possible INTEGER NOT NULL DEFAULT 0,
        invalid INTEGER NOT NULL DEFAULT 0
    ) WITHOUT ROWID;
    CREATE INDEX expenses_by_fingerprint ON expenses (import_fingerprint)
        WHERE import_fingerprint IS NOT NULL;
    CREATE INDEX expenses_by_hand ON expenses (date) WHERE import_fingerprint IS NULL;
    """,
    # 3: text search without a Python call per row. `search_text` holds the description and
    # the note folded as Python's str.lower() folds them (SQLite's lower() knows only ASCII),
    # written by the ledger; the date index carries it (and the category), so a search walks
    # the index alone and reads only the rows it shows. NULL means "not folded": a row written
    # by another tool, or edited without a new fold (the trigger), which searches find through
    # `expenses_unfolded` and fold as they go; the trigger calls nothing of Python's, so other
    # tools can still write. The back-fill calls py_lower, which every sbp connection registers.
    """
    ALTER TABLE expenses ADD COLUMN search_text TEXT;
    UPDATE expenses SET search_text = py_lower(description)
        || CASE WHEN note = '' THEN '' ELSE char(31) || py_lower(note) END;
    DROP INDEX expenses_by_date;
    CREATE INDEX expenses_by_date ON expenses (date, id, category, search_text);
    CREATE INDEX expenses_unfolded ON expenses (id) WHERE search_text IS NULL;
    CREATE TRIGGER search_text_on_edit AFTER UPDATE OF description, note ON expenses
    WHEN NEW.search_text IS OLD.search_text
        AND (NEW.description IS NOT OLD.description OR NEW.note IS NOT OLD.note)
    BEGIN
        UPDATE expenses SET search_text = NULL WHERE id = NEW.id;
    END;
    """,
    # 4: no index by category. Listing one category walks the date index, which carries the
    # category (and stops at the listing's limit); the totals by category come from the
    # aggregates. Each index costs every write: without this one, big imports are ~20% faster.
    """
    DROP INDEX IF EXISTS expenses_by_category;
    """,
    # 5: the undo journal is kept per terminal session (`scope`), so two terminals never take
    # back each other's changes; entries written before this step ('') belong to every one
    """
    ALTER TABLE undo_journal ADD COLUMN scope TEXT NOT NULL DEFAULT '';
    CREATE INDEX undo_journal_by_scope ON undo_journal (scope, seq);
    """,
    # 6: the account an expense was paid from, by the name sbp knows it ('' when none was given);
    # a constant default, so SQLite adds the column without rewriting a row
    """
    ALTER TABLE expenses ADD COLUMN account TEXT NOT NULL DEFAULT '';
    """,
    # 7: sync with a user's replica (see sbp.core.sync.local). `sync_state` gets its one row
    # when the store first joins a replica, so a store that never syncs holds nothing new.
    # Rules get keys that name them alike on every device; the rules a store already has keep
    # their order, before any rule added later (keys of ten digits sort before ULIDs), and the
    # random half keeps two devices' rule 1 apart.
    """
    CREATE TABLE sync_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        node TEXT NOT NULL,
        hlc_millis INTEGER NOT NULL DEFAULT 0,
        hlc_counter INTEGER NOT NULL DEFAULT 0,
        user_id TEXT,
        cursor INTEGER NOT NULL DEFAULT 0,
        enabled INTEGER NOT NULL DEFAULT 0,
        base_version TEXT,
        upload TEXT,
        last_synced_at TEXT,
        last_error TEXT
    );
    CREATE TABLE sync_versions (
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        fields TEXT NOT NULL,
        held TEXT,
        PRIMARY KEY (kind, key)
    ) WITHOUT ROWID;
    CREATE TABLE sync_outbox (
        seq INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        fields TEXT,
        version TEXT NOT NULL
    );
    ALTER TABLE rules ADD COLUMN sync_key TEXT;
    UPDATE rules SET sync_key = printf('%010d', id) || upper(hex(randomblob(8)));
    CREATE UNIQUE INDEX rules_by_sync_key ON rules (sync_key);
    """,
    # 8: the receipts kept on this device only, which a signed-in device uploads at its next
    # sync. A partial index holds just those rows, so finding them costs nothing in a store of
    # a million expenses whose receipts are all in the cloud (or that has none).
    """
    CREATE INDEX expenses_with_local_receipt ON expenses (id)
    WHERE substr(receipt_key, 1, 6) = 'local:';
    """,
    # 9: which expense typed by hand stands for a bank row an import matched it to (an import
    # key, synced, so another device that imported the row folds its copy away: see
    # sbp.core.sync.folding); the index finds whether an expense is named by a link already
    """
    CREATE TABLE import_links (
        key TEXT PRIMARY KEY,
        expense_id TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX import_links_by_expense ON import_links (expense_id);
    """,
    # 10: the row's copy last folded under a link, brought back if the link loses
    """
    ALTER TABLE import_links ADD COLUMN copy_id TEXT;
    """,
    # 11: which of some records have a write waiting to be pushed, asked by a sync's write
    # transaction (a pull must not fold a copy the cloud does not hold yet): without it each
    # question reads the whole outbox, which a big import or a long time offline makes long
    """
    CREATE INDEX sync_outbox_by_record ON sync_outbox (kind, key);
    """,
)
