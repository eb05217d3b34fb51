"""Everything a person keeps besides expenses: budgets, rules and remembered corrections,
notifications, the undo journal and the store's settings."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sbp.core.errors import NotFound
from sbp.core.ids import ulid_after
from sbp.core.model import Budget, Notification, Rule
from sbp.core.money import from_minor, to_minor
from sbp.core.periods import Month
from sbp.core.undo import UndoEntry, entry_from_json
from sbp.store.sqlite.connection import SqliteConnection
from sbp.store.tampered import UNREADABLE, unreadable


class RecordTables(SqliteConnection):
    """The `Ledger` port's methods for budgets, rules, notifications, undo and settings.

    The undo journal is kept per terminal session: `undo_scope`, given when the store is
    opened, names the session, and `pop_undo` hands back only its changes (and those made
    before the journal knew sessions).
    """

    # budgets ----------------------------------------------------------------------------
    def set_budget(self, budget: Budget) -> None:
        self._write(
            "INSERT INTO budgets (category, month, limit_minor, currency) VALUES (?,?,?,?)"
            " ON CONFLICT (category, month) DO UPDATE SET limit_minor = excluded.limit_minor,"
            " currency = excluded.currency",
            (
                budget.category,
                str(budget.month or ""),
                to_minor(budget.limit, budget.currency),
                budget.currency,
            ),
        )

    def remove_budget(self, category: str, month: Month | None) -> None:
        cursor = self._write(
            "DELETE FROM budgets WHERE category = ? AND month = ?", (category, str(month or ""))
        )
        if cursor.rowcount == 0:
            when = f"in {month}" if month else "for every month"
            raise NotFound(f"no budget for '{category}' {when}")

    def budgets(self) -> Sequence[Budget]:
        rows = self._execute(
            "SELECT category, month, limit_minor, currency FROM budgets ORDER BY category, month"
        )
        try:
            return [
                Budget(c, from_minor(m, cur), cur, Month.parse(mo) if mo else None)
                for c, mo, m, cur in rows
            ]
        except UNREADABLE as exc:
            raise unreadable("a budget", exc) from None

    # rules and corrections --------------------------------------------------------------
    def add_rule(
        self,
        pattern: str,
        category: str,
        is_regex: bool,
        key: str | None = None,
        now: datetime | None = None,
    ) -> Rule:
        with self.transaction():
            if key is None:
                (last,) = self._execute("SELECT max(sync_key) FROM rules").fetchone()
                key = ulid_after(last or "", now or datetime.now(UTC))
            cursor = self._execute(
                "INSERT INTO rules (pattern, category, is_regex, sync_key) VALUES (?,?,?,?)",
                (pattern, category, int(is_regex), key),
            )
        assert cursor.lastrowid is not None
        return Rule(cursor.lastrowid, pattern, category, is_regex, key)

    def rules(self) -> Sequence[Rule]:
        rows = self._execute(f"SELECT {_RULE} FROM rules ORDER BY sync_key")
        return [_rule(row) for row in rows]

    def remove_rule(self, rule_id: int) -> Rule:
        with self.transaction():
            row = self._execute(f"SELECT {_RULE} FROM rules WHERE id = ?", (rule_id,)).fetchone()
            if row is None:
                raise NotFound(f"no rule #{rule_id}")
            self._execute("DELETE FROM rules WHERE id = ?", (rule_id,))
        return _rule(row)

    def put_rule(self, rule: Rule) -> Rule:
        with self.transaction():
            self._execute(
                "INSERT INTO rules (pattern, category, is_regex, sync_key) VALUES (?,?,?,?)"
                " ON CONFLICT (sync_key) DO UPDATE SET pattern = excluded.pattern,"
                " category = excluded.category, is_regex = excluded.is_regex",
                (rule.pattern, rule.category, int(rule.is_regex), rule.key),
            )
            row = self._execute(
                f"SELECT {_RULE} FROM rules WHERE sync_key = ?", (rule.key,)
            ).fetchone()
        return _rule(row)

    def remove_rule_key(self, key: str) -> bool:
        return self._write("DELETE FROM rules WHERE sync_key = ?", (key,)).rowcount > 0

    def learn(self, key: str, category: str) -> None:
        self._write(
            "INSERT INTO learned (key, category) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET category = excluded.category",
            (key, category),
        )

    def learned(self) -> Mapping[str, str]:
        return dict(self._execute("SELECT key, category FROM learned").fetchall())

    def forget(self, key: str) -> None:
        self._write("DELETE FROM learned WHERE key = ?", (key,))

    # notifications ----------------------------------------------------------------------
    def record_notification(self, notification: Notification) -> bool:
        cursor = self._write(
            "INSERT INTO notifications (id, created_at, kind, message, channel, dedupe_key,"
            " month, category, read) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
            _notification_row(notification),
        )
        return cursor.rowcount == 1

    def put_notification(self, notification: Notification) -> None:
        self._write(
            "INSERT INTO notifications (id, created_at, kind, message, channel, dedupe_key,"
            " month, category, read) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (dedupe_key) DO"
            " UPDATE SET id = excluded.id, created_at = excluded.created_at,"
            " kind = excluded.kind, message = excluded.message, channel = excluded.channel,"
            " month = excluded.month, category = excluded.category, read = excluded.read",
            _notification_row(notification),
        )

    def notifications(self, limit: int | None = None) -> Sequence[Notification]:
        sql = (
            "SELECT id, created_at, kind, message, dedupe_key, channel, month, category, read"
            " FROM notifications ORDER BY id DESC"
        )
        params: tuple[int, ...] = ()
        if limit is not None:
            sql += " LIMIT ?"
            params = (limit,)
        try:
            return self._notifications(self._execute(sql, params))
        except UNREADABLE as exc:
            raise unreadable("an alert", exc) from None

    @staticmethod
    def _notifications(rows: Iterable[Sequence[Any]]) -> list[Notification]:
        return [
            Notification(
                id=i,
                created_at=datetime.fromisoformat(at),
                kind=kind,
                message=msg,
                dedupe_key=key,
                channel=channel,
                month=Month.parse(month) if month else None,
                category=category,
                read=bool(read),
            )
            for i, at, kind, msg, key, channel, month, category, read in rows
        ]

    def mark_notifications_read(self) -> int:
        return self._write("UPDATE notifications SET read = 1 WHERE read = 0").rowcount

    # undo journal and settings ----------------------------------------------------------
    def push_undo(self, entry: UndoEntry) -> None:
        payload = {
            "kind": entry.kind.value,
            "summary": entry.summary,
            "before": entry.before,
            "after": entry.after,
        }
        with self.transaction():
            self._execute(
                "INSERT INTO undo_journal (entry, scope) VALUES (?, ?)",
                (json.dumps(payload), self.undo_scope),
            )

    def pop_undo(self) -> UndoEntry | None:
        with self.transaction():
            # this session's changes, and those made before the journal knew sessions
            row = self._execute(
                "SELECT seq, entry FROM undo_journal WHERE scope IN (?, '')"
                " ORDER BY seq DESC LIMIT 1",
                (self.undo_scope,),
            ).fetchone()
            if row is None:
                return None
            self._execute("DELETE FROM undo_journal WHERE seq = ?", (row[0],))
        return entry_from_json(row[1])

    def setting(self, key: str) -> str | None:
        row = self._execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_setting(self, key: str, value: str) -> None:
        self._write(
            "INSERT INTO settings (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


_RULE = "id, pattern, category, is_regex, sync_key"


def _rule(row: Sequence[Any]) -> Rule:
    return Rule(row[0], row[1], row[2], bool(row[3]), row[4] or "")


def _notification_row(notification: Notification) -> tuple[Any, ...]:
    return (
        notification.id,
        notification.created_at.isoformat(),
        notification.kind,
        notification.message,
        notification.channel,
        notification.dedupe_key,
        None if notification.month is None else str(notification.month),
        notification.category,
        int(notification.read),
    )
