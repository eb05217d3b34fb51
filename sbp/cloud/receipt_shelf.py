"""Which store a receipt goes to and comes from: the cloud or this device.

New receipts go to the cloud when the device is signed in, to the data folder when not; each
receipt is read back from where its key says it is, so a receipt kept before signing in stays
readable after.
"""

from __future__ import annotations

from sbp.cloud.local_receipts import LocalReceipts
from sbp.cloud.session import CloudSession
from sbp.core.errors import NotSignedIn
from sbp.core.receipts import Receipt, ReceiptStore, is_local


class ReceiptShelf:
    """Receipts in the cloud (signed in) or on this device (signed out)."""

    def __init__(self, local: LocalReceipts, session: CloudSession | None) -> None:
        self.local = local
        self.session = session

    @property
    def in_cloud(self) -> bool:
        return self.session is not None

    def put(self, expense_id: str, receipt: Receipt) -> str:
        store = self._cloud() if self.session is not None else self.local
        return store.put(expense_id, receipt)

    def get(self, key: str, expense_id: str) -> bytes:
        store = self.local if is_local(key) else self._cloud()
        return store.get(key, expense_id)

    def _cloud(self) -> ReceiptStore:
        from sbp.cloud.receipts import CloudReceipts  # the gateway client: only when needed

        if self.session is None:
            raise NotSignedIn(
                "this receipt is kept in the cloud", hint="sign in to read it: sbp login"
            )
        return CloudReceipts(self.session)
