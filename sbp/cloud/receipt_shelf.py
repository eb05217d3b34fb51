"""Which store a receipt comes from, and where this device's receipts go up to.

Every new receipt is kept on this device first (the data folder, no network), so attaching one
never waits; a signed-in device then uploads it (`sbp receipt attach` at once, `sbp add
--receipt` with the sync that follows). Each receipt is read back from where its key says it is,
so one kept before signing in stays readable after.
"""

from __future__ import annotations

from sbp.cloud.local_receipts import LocalReceipts
from sbp.cloud.session import CloudSession
from sbp.core.errors import NotSignedIn
from sbp.core.receipts import ReceiptStore, is_local


class ReceiptShelf:
    """Receipts on this device, and in the cloud when it is signed in."""

    def __init__(self, local: LocalReceipts, session: CloudSession | None) -> None:
        self.local = local
        self.session = session

    @property
    def in_cloud(self) -> bool:
        """Whether receipts can go to the cloud (this device is signed in)."""
        return self.session is not None

    def get(self, key: str, expense_id: str) -> bytes:
        store = self.local if is_local(key) else self.cloud()
        return store.get(key, expense_id)

    def cloud(self) -> ReceiptStore:
        """The signed-in user's receipts in the bucket; NotSignedIn when signed out."""
        from sbp.cloud.receipts import CloudReceipts  # the gateway client: only when needed

        if self.session is None:
            raise NotSignedIn(
                "this receipt is kept in the cloud", hint="sign in to read it: sbp login"
            )
        return CloudReceipts(self.session)
