"""Receipts kept on this device (signed out): a folder in the data folder, named by content.

A receipt is stored as `receipts/<first two hex digits>/<sha256>.<ext>`, so the same photo
attached to two expenses (or twice to one) is kept once, and a file's name says what it must
hold. Files are written whole (a temporary file moved into place) and readable by their owner
only, like the store itself.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sbp.cloud.private_files import ensure_folder, write_private
from sbp.core.errors import InvalidInput, NotFound
from sbp.core.receipts import LOCAL_PREFIX, Receipt, is_local, local_key

FOLDER = "receipts"


class LocalReceipts:
    """The data folder's receipts."""

    def __init__(self, data_dir: Path) -> None:
        self.folder = data_dir / FOLDER

    def put(self, expense_id: str, receipt: Receipt) -> str:
        """Keep `receipt` (once, whatever the expense); its key."""
        digest = hashlib.sha256(receipt.data).hexdigest()
        key = local_key(digest, receipt.kind)
        path = self.path_of(key)
        if not path.exists():
            ensure_folder(self.folder)
            write_private(path, receipt.data)
        return key

    def get(self, key: str, expense_id: str) -> bytes:
        try:
            return self.path_of(key).read_bytes()
        except FileNotFoundError:
            raise NotFound(
                f"the receipt of expense {expense_id} is not in {self.folder}",
                hint="it was attached on another device, which uploads it when it next syncs"
                " (or the file was removed)",
            ) from None

    def path_of(self, key: str) -> Path:
        """Where the receipt with local key `key` is kept."""
        name = key.removeprefix(LOCAL_PREFIX)
        digest, _, extension = name.partition(".")
        if not is_local(key) or len(digest) != 64 or not extension.isalnum():
            raise InvalidInput(f"'{key}' is not the key of a receipt kept on this device")
        return self.folder / digest[:2] / name
