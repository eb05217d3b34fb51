"""Imports of bank files as atomic batches, and exports of the store."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import suppress
from datetime import date
from typing import TYPE_CHECKING, BinaryIO

from sbp.core.errors import AmbiguousId, InvalidInput, NotFound, StoreUnavailable
from sbp.core.ids import new_ulid, normalise_prefix
from sbp.core.model import ExpenseQuery
from sbp.core.periods import Month
from sbp.core.sync.records import Kind
from sbp.planner.base import MIN_PREFIX, PlannerBase, removal

if TYPE_CHECKING:  # imports are rare: keep their modules off the start-up path
    from sbp.core.importers.rows import ImportBatch
    from sbp.core.importers.run import FileImport, RowOutcome


class ImportUseCases(PlannerBase):
    """Imports of bank files as atomic batches, and exports of the store."""

    def import_file(
        self,
        name: str,
        stream: BinaryIO,
        *,
        mapping: Mapping[str, str] | None = None,
        profile: str | None = None,
        account: str = "",
        dry_run: bool = False,
        skip_invalid: bool = False,
        force: bool = False,
        progress: Callable[[int], None] | None = None,
        show: Callable[[list[RowOutcome]], None] | None = None,
    ) -> FileImport:
        """Import one bank file as one batch, atomically: every new row, or (a dry run, or bad
        rows without `skip_invalid`) nothing at all. A dry run's rows go to `show` a chunk at
        a time where it is given (see `ImportRun.run`), else to the result.

        The budget alerts the import raises are recorded with it and listed in the result:
        for each budgeted category of each month the file touches, the thresholds crossed
        between the totals before the import and after it (a dry run lists those it would
        raise)."""
        import tempfile

        from sbp.core.importers.detect import read_statement
        from sbp.core.importers.run import DiscardImport, ImportOptions, ImportRun
        from sbp.planner import import_worker

        settings = {**(self.import_profile(profile) if profile else {}), **(mapping or {})}
        statement = read_statement(name, stream, settings, self.base_currency)
        now = self.clock.now()
        batch_id = new_ulid(now)
        with (
            tempfile.TemporaryFile() as spill,  # gone when closed, or when the process ends
            suppress(DiscardImport),
            import_worker.paused_collections(),
            self.ledger.transaction(),
        ):
            name = self._account_name(statement.account, account.strip())
            options = ImportOptions(name, force, keep_rows=dry_run)
            run = ImportRun(self.ledger, self._categorizer(), options, now, batch_id, spill)
            self._fix_base_currency()
            second = import_worker.worth_a_second_process(stream)
            prepare = import_worker.prepare_in_child if second else None
            result = run.run(statement, progress, prepare, show)
            refused = bool(result.invalid) and not skip_invalid
            if result.added and not refused:  # a dry run's go back with the rest of it
                result.alerts = self._alerts_since(result.totals_before)
            if dry_run or refused:
                raise DiscardImport
            if result.added:
                self.ledger.save_import_batch(result.batch(batch_id, now))
                result.batch_id = batch_id
            result.stored = True
        return result

    def _account_name(self, number: str, given: str) -> str:
        """The name a file's expenses keep for their account (see `sbp.core.accounts`): the one
        given, remembered for the account's number where the file names one; else the name
        given before; else the number's last digits."""
        from sbp.core.accounts import name_setting, unnamed

        if not number.strip():
            return given
        setting = name_setting(number)
        if given:
            self.ledger.set_setting(setting, given)
            return given
        return self.ledger.setting(setting) or unnamed(number)

    def import_profile(self, name: str) -> dict[str, str]:
        """The `--map` settings saved under a profile name."""
        import json

        saved = self.ledger.setting(f"import_profile:{name.strip().lower()}")
        if saved is None:
            raise NotFound(f"no import profile '{name}'", hint="save one with --save-profile")
        return dict(json.loads(saved))

    def save_import_profile(self, name: str, settings: Mapping[str, str]) -> None:
        """Remember a file layout under a name, for `sbp import --profile NAME`."""
        if not name.strip() or not settings:
            raise InvalidInput("nothing to save as a profile: only CSV layouts are saved")
        import json

        key = f"import_profile:{name.strip().lower()}"
        self.ledger.set_setting(key, json.dumps(dict(settings), sort_keys=True))

    def import_batches(self) -> list[ImportBatch]:
        """Every import batch, newest first."""
        return list(self.ledger.import_batches())

    def undo_import(self, batch_prefix: str) -> tuple[ImportBatch, int]:
        """Remove exactly what one import batch added; the batch and how many expenses. The
        batch is named by its id's first characters, or its last four or more."""
        prefix = normalise_prefix(batch_prefix) or batch_prefix
        found = [
            b for b in self.ledger.import_batches()
            if b.id.startswith(prefix) or (len(prefix) >= MIN_PREFIX and b.id.endswith(prefix))
        ]  # fmt: skip
        if not found:
            raise NotFound(
                f"no import batch starts with '{batch_prefix}'", hint="see `sbp import list`"
            )
        if len(found) > 1:
            raise AmbiguousId(
                prefix,
                [b.id for b in found[:10]],
                more=len(found) > 10,
                things=("import batches", "batch id"),
            )
        with self.ledger.transaction():
            gone = self.ledger.batch_expense_ids(found[0].id) if self._syncing() else ()
            removed = self.ledger.remove_import_batch(found[0].id)
            self._record(*(removal(Kind.EXPENSE, expense_id) for expense_id in gone))
        return found[0], removed

    def store_damage(self) -> StoreUnavailable | None:
        """After reading a damaged store (an export), what could not be read; None if sound."""
        return self.ledger.damage()

    def export(
        self,
        fmt: str,
        *,
        month: str | Month | None = None,
        start: str | date | None = None,
        end: str | date | None = None,
    ) -> Iterator[str]:
        """The store's expenses (all, or a month or range) as text in chunks, oldest first."""
        from sbp.core.exports import FORMATS, export

        if fmt not in FORMATS:
            raise InvalidInput(f"unknown export format '{fmt}'", hint=f"use {', '.join(FORMATS)}")
        everything = month is None and start is None and end is None
        period = None if everything else self.period(month, start, end)
        query = ExpenseQuery(
            start=period.start if period else None,
            end=period.end if period else None,
            newest_first=False,
        )
        categories = list(self.ledger.categories_in_use())
        return export(fmt, self.ledger.iter_expenses(query), categories)
