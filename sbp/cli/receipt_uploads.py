"""Uploading the receipts a signed-in device keeps only in its data folder, and saying how it
went: `sbp sync` (and the sync in the background after a command, and the first sync of `sbp
login`) uploads every one; `sbp receipt attach` uploads its own at once.

Uploads run under the store's sync lock, so two runs never upload one receipt twice; each
receipt's new key is an ordinary synced edit, pushed by the sync that follows.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sbp.core.receipts import ReceiptUploads
    from sbp.planner import Planner


def upload_kept_receipts(
    the_planner: Planner, settings: Any, only: str | None = None
) -> ReceiptUploads | None:
    """Upload this device's own receipts (or expense `only`'s); None when signed out. The
    caller holds the sync lock."""
    from sbp.bootstrap import receipt_store

    shelf = receipt_store(settings)
    if not shelf.in_cloud:
        return None
    return the_planner.upload_receipts(shelf.local, shelf.cloud(), only=only)


def say_uploads(outcome: ReceiptUploads | None) -> None:
    """A line for what went up (stdout) and one per receipt that did not (stderr)."""
    if outcome is None:
        return
    count = len(outcome.uploaded)
    if count:
        print(f"uploaded {count} receipt{'s' * (count != 1)} kept on this device")
    for expense_id, why in outcome.failed:
        print(
            f"sbp: note: the receipt of {expense_id} stays on this device, not uploaded: {why}"
            " (the next sync tries again)",
            file=sys.stderr,
        )
    if outcome.left:
        more = "1 more receipt waits" if outcome.left == 1 else f"{outcome.left} more receipts wait"
        print(f"sbp: note: {more} on this device for the next sync", file=sys.stderr)


def uploads_json(outcome: ReceiptUploads | None) -> dict[str, Any]:
    """The `receipts` member of `sbp sync --json`."""
    if outcome is None:
        return {"uploaded": [], "failed": [], "left": 0}
    return {
        "uploaded": list(outcome.uploaded),
        "failed": [{"id": i, "reason": why} for i, why in outcome.failed],
        "left": outcome.left,
    }
