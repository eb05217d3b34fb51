"""Receipts kept on this device (signed out): a folder in the data folder, named by content.

A receipt is stored as `receipts/<first two hex digits>/<sha256>.<ext>`, so the same photo
attached to two expenses (or twice to one) is kept once, and a file's name says what it must
hold. Files are written whole (a temporary file moved into place) and readable by their owner
only, like the store itself.

Each expense that put a file claims it (`claims/<expense id>/<sha256>-<ext>`, an empty folder,
so the folder's files are only receipts). Once the sync has purged a removed expense's
tombstone, nothing can bring it back, and `forget` drops its claims: a file no other expense
claims (and that no live expense's key names) goes, so one photo shared by two expenses stays
while either is live. Files kept before claims existed are never removed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from pathlib import Path

from sbp.cloud.private_files import ensure_folder, write_private
from sbp.core.errors import InvalidInput, NotFound
from sbp.core.receipts import LOCAL_PREFIX, Receipt, is_local, local_key

FOLDER = "receipts"
CLAIMS = "claims"


class LocalReceipts:
    """The data folder's receipts."""

    def __init__(self, data_dir: Path) -> None:
        self.folder = data_dir / FOLDER

    def put(self, expense_id: str, receipt: Receipt) -> str:
        """Keep `receipt` (once, whatever the expense); its key."""
        digest = hashlib.sha256(receipt.data).hexdigest()
        key = local_key(digest, receipt.kind)
        path = self.path_of(key)
        self._claim(expense_id, path.name)  # first: a `forget` running now then keeps the file
        if not path.exists():
            ensure_folder(self.folder)
            write_private(path, receipt.data)
        return key

    def forget(self, expense_id: str, keep: Collection[str] = ()) -> int:
        """Drop the expense's claims on the files it kept; remove each file no other expense
        claims and whose key is not in `keep` (the local keys live expenses hold). How many
        files went."""
        own = self._claims(expense_id)
        if own is None or not own.is_dir():
            return 0
        removed = 0
        for marker in list(own.iterdir()):
            marker.rmdir()
            name = _file_name(marker.name)
            if LOCAL_PREFIX + name not in keep and self._let_go(marker.name, name):
                removed += 1
        own.rmdir()
        return removed

    def _claim(self, expense_id: str, name: str) -> None:
        own = self._claims(expense_id)
        if own is not None:
            ensure_folder(self.folder / CLAIMS)
            ensure_folder(own)
            ensure_folder(own / _marker(name))

    def _claims(self, expense_id: str) -> Path | None:
        """The expense's claims folder (None for an id that is no plain name)."""
        return self.folder / CLAIMS / expense_id if expense_id.isalnum() else None

    def _claimed(self, marker: str) -> bool:
        return any((self.folder / CLAIMS).glob(f"*/{marker}"))

    def _let_go(self, marker: str, name: str) -> bool:
        """Remove the file `name` unless an expense claims it; set aside first and claims read
        again, so a receipt attached at this moment (claimed before it looks) keeps it."""
        if self._claimed(marker):
            return False
        path = self.folder / name[:2] / name
        aside = path.with_name(f".{name}.gone")
        try:
            path.rename(aside)
        except FileNotFoundError:
            return False
        if self._claimed(marker):
            aside.rename(path)
            return False
        aside.unlink()
        return True

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


def _marker(name: str) -> str:
    """A claim's name for the file `name` (no extension: the claims are no receipt files)."""
    return name.replace(".", "-")


def _file_name(marker: str) -> str:
    return marker.replace("-", ".")
