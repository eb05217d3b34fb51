"""What signing in and out means for this device's data: the first sync after `sbp login`
(offering to upload what the device holds), and `sbp logout --forget`."""

from __future__ import annotations

import sys
from typing import Any

from sbp.cli import output


def first_sync(settings: Any) -> None:
    """Sync right after signing in: a device with nothing pulls everything; a device with data
    asks (on a terminal) before uploading it. Never fails the sign-in: a problem is a note."""
    from sbp.bootstrap import build_syncer
    from sbp.cli.context import planner
    from sbp.core.errors import SbpError

    try:
        the_planner = planner()
        syncer = build_syncer(the_planner, settings)
        waiting = syncer.pending()
        upload = False
        if waiting:
            if not (sys.stdin.isatty() and output.is_terminal(sys.stderr)):
                print(
                    f"sbp: note: this device holds {waiting:,} records that are not in your"
                    " account yet; upload them with: sbp sync --upload",
                    file=sys.stderr,
                )
                return
            import typer

            upload = typer.confirm(
                f"This device holds {waiting:,} records. Upload them to your account now"
                " (once), so every device has them?",
                default=True,
                err=True,
            )
            if not upload:
                print("not uploaded: run `sbp sync --upload` when you want to", file=sys.stderr)
                return
        print(f"synced: {syncer.sync(upload=upload).words()}")
        _upload_receipts(the_planner, settings, syncer)
    except SbpError as error:
        print(f"sbp: note: the first sync did not run: {error.message}"
              + (f" ({error.hint})" if error.hint else ""), file=sys.stderr)  # fmt: skip


def _upload_receipts(the_planner: Any, settings: Any, syncer: Any) -> None:
    """The receipts this device kept while signed out go up now, unless a sync is running
    (which uploads them itself)."""
    from sbp.cli.receipt_uploads import say_uploads, upload_kept_receipts
    from sbp.sync.lock import SyncRunning, one_sync

    try:
        with one_sync(settings.db_path):
            receipts = upload_kept_receipts(the_planner, settings)
            if receipts is not None and receipts.uploaded:
                syncer.sync()
    except SyncRunning:
        return
    say_uploads(receipts)


def forget_local_copy(settings: Any, force: bool) -> None:
    """Check that everything on this device is in the account (unless `force`), then delete
    the store. Conflict, and nothing deleted, when changes would be lost."""
    from sbp.bootstrap import forget_store
    from sbp.cli.context import no_background_sync, planner
    from sbp.core.errors import Conflict

    the_planner = planner()
    waiting = the_planner.not_in_cloud()
    receipts = the_planner.receipts_not_uploaded()
    if (waiting or receipts) and not force:
        what = [
            f"{waiting:,} change{'s' * (waiting != 1)}" if waiting else "",
            f"{receipts:,} receipt{'s' * (receipts != 1)}" if receipts else "",
        ]
        raise Conflict(
            f"{' and '.join(w for w in what if w)} on this device"
            f" {'is' if waiting + receipts == 1 else 'are'} not in your account yet;"
            " nothing was signed out or deleted",
            hint="run `sbp sync` first, or add --force to delete them anyway",
        )
    no_background_sync()  # there is nothing left here to sync
    forget_store(the_planner, settings)
    print(f"removed this device's copy of the data ({settings.db_path})")
