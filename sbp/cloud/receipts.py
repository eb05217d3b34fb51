"""Receipts of a signed-in device, kept in the cloud: uploaded by presigned POST, read back by
presigned GET, straight between this device and S3.

The gateway chooses the key (`receipts/<user id>/<expense id>.<ext>`) and signs a POST for that
one key, type and size range with the user's own credentials; the file's size and type were
checked on the device already, since moto (the local stack) enforces no POST policy.
"""

from __future__ import annotations

from sbp.cloud.session import CloudSession, with_access_token
from sbp.cloud.transfer import download, post_form
from sbp.core.errors import AccessDenied
from sbp.core.receipts import MAX_BYTES, Receipt, extension_of


class CloudReceipts:
    """The signed-in user's receipts in the stack's bucket."""

    def __init__(self, session: CloudSession) -> None:
        self._session = session

    def put(self, expense_id: str, receipt: Receipt) -> str:
        """Upload `receipt` for the expense; the key it was stored under."""
        gateway = self._session.gateway()
        kind = receipt.kind
        post = with_access_token(
            self._session,
            lambda token: gateway.presign_receipt(
                token, expense_id, kind.content_type, len(receipt.data)
            ),
        )
        key = str(post.get("key", ""))
        if not key.startswith(f"receipts/{self._session.user_id}/"):
            raise AccessDenied("the gateway offered to store the receipt outside your own folder")
        filename = f"{expense_id}.{kind.extension}"
        post_form(str(post["url"]), dict(post["fields"]), filename, receipt.data, kind.content_type)
        return key

    def get(self, key: str, expense_id: str) -> bytes:
        """The receipt stored under `key` for the expense."""
        gateway = self._session.gateway()
        link = with_access_token(
            self._session, lambda token: gateway.receipt(token, expense_id, extension_of(key))
        )
        return download(str(link["url"]), MAX_BYTES)
