"""Receipts: which files are accepted (by their content, not their name) and where one is kept.

A receipt is a photo or a scan: JPEG, PNG, HEIC, WebP or PDF, at most 10 MB, recognised by its
first bytes (a `.jpg` that is really a zip is refused). An expense's `receipt_key` says where
its receipt is: `receipts/<user id>/<expense id>.<ext>` in the cloud's bucket, or
`local:<sha256>.<ext>` in this device's data folder, where the same photo attached twice is
kept once.
"""

from __future__ import annotations

from typing import NamedTuple, Protocol

from sbp.core.errors import InvalidInput

MAX_BYTES = 10 * 1024 * 1024
SNIFF_BYTES = 16
LOCAL_PREFIX = "local:"
# HEIF brands of still images (Apple's photos are `heic`; `mif1`/`msf1` are the generic ones)
_HEIF_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"})


class ReceiptKind(NamedTuple):
    """A type of file accepted as a receipt."""

    name: str
    content_type: str
    extension: str


JPEG = ReceiptKind("JPEG", "image/jpeg", "jpg")
PNG = ReceiptKind("PNG", "image/png", "png")
HEIC = ReceiptKind("HEIC", "image/heic", "heic")
WEBP = ReceiptKind("WebP", "image/webp", "webp")
PDF = ReceiptKind("PDF", "application/pdf", "pdf")
KINDS = (JPEG, PNG, HEIC, WEBP, PDF)


class Receipt(NamedTuple):
    """A receipt's bytes, checked, and what it is."""

    data: bytes
    kind: ReceiptKind


class ReceiptStore(Protocol):
    """Where receipts are kept: `put` returns the key recorded on the expense."""

    def put(self, expense_id: str, receipt: Receipt) -> str: ...

    def get(self, key: str, expense_id: str) -> bytes: ...


def sniff(head: bytes) -> ReceiptKind | None:
    """The kind of receipt a file's first bytes announce, or None for anything else."""
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"%PDF-"):
        return PDF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return HEIC
    return None


def check_size(name: str, size: int) -> None:
    """InvalidInput unless `size` bytes fit a receipt."""
    if size == 0:
        raise InvalidInput(f"receipt '{name}' is empty")
    if size > MAX_BYTES:
        raise InvalidInput(
            f"receipt '{name}' is {size / 1024 / 1024:.1f} MB ({size:,} bytes): a receipt may be"
            f" at most 10 MB ({MAX_BYTES:,} bytes)",
            hint="scan it at a lower resolution, or save it as JPEG",
        )


def check_kind(name: str, head: bytes) -> ReceiptKind:
    """The kind `head` (a file's first bytes) shows, or InvalidInput naming those accepted."""
    kind = sniff(head)
    if kind is None:
        accepted = ", ".join(k.name for k in KINDS[:-1]) + f" or {KINDS[-1].name}"
        raise InvalidInput(
            f"receipt '{name}' is not a {accepted} file (judged by its content, not its name)"
        )
    return kind


def local_key(digest: str, kind: ReceiptKind) -> str:
    """The key of a receipt kept on this device: its content's SHA-256 and extension."""
    return f"{LOCAL_PREFIX}{digest}.{kind.extension}"


def is_local(key: str) -> bool:
    return key.startswith(LOCAL_PREFIX)


def extension_of(key: str) -> str:
    """The extension a key ends with (`jpg`, `pdf`, ...)."""
    return key.rsplit(".", 1)[-1]


def uploaded_as(local: str | None, cloud: str | None, expense_id: str) -> bool:
    """Whether `cloud` is where this device's receipt `local` went when it was uploaded: the
    expense's own key in the bucket, with the same extension. The move is no edit of the
    expense (`sbp undo` still takes back the change that attached it)."""
    if local is None or cloud is None or not is_local(local) or is_local(cloud):
        return False
    return cloud.startswith("receipts/") and cloud.endswith(f"/{expense_id}.{extension_of(local)}")


class ReceiptUploads(NamedTuple):
    """What one round of uploading this device's receipts did: the ids of the expenses whose
    receipt went up, those that failed (with why), and how many were not tried (the cloud
    could not be reached, or there were more than one round takes)."""

    uploaded: tuple[str, ...] = ()
    failed: tuple[tuple[str, str], ...] = ()
    left: int = 0
