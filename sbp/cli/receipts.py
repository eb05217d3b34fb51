"""`sbp receipt attach`, `open`, `list`: photos and scans of receipts, kept with their expenses.

A receipt is first kept in the data folder, named by its content, so the same photo twice is
kept once; signed in, it then goes straight to the cloud (a presigned POST to S3). Either way
the file's size and type are checked by its content before anything else happens.
"""

# No `from __future__ import annotations` here: typer evaluates every string annotation of a
# command several times while building it, which costs every run of sbp start-up time.

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from sbp.cli import output
from sbp.cli.context import CSV_HELP, JSON_HELP, planner
from sbp.cli.expenses import ID_HELP, describe_expense

if TYPE_CHECKING:
    from sbp.cloud.receipt_shelf import ReceiptShelf
    from sbp.core.receipts import Receipt
    from sbp.planner import Planner

EXAMPLES = """Examples:

\b
  sbp receipt attach 7K2A0Q ~/Pictures/lunch.jpg
  sbp receipt open 7K2A0Q
  sbp receipt open 7K2A0Q -o lunch.jpg
  sbp receipt list --month 2026-10
"""

receipt_app = typer.Typer(
    name="receipt",
    help="Keep receipts (JPEG, PNG, HEIC, WebP or PDF, up to 10 MB) with expenses.",
    epilog=EXAMPLES,
    no_args_is_help=True,
    rich_markup_mode=None,
)


def register(app: typer.Typer) -> None:
    """Add the `receipt` group to the root app."""
    app.add_typer(receipt_app, name="receipt")


@receipt_app.command("attach")
def attach(
    expense_id: str = typer.Argument(..., metavar="ID", help=ID_HELP),
    file: str = typer.Argument(..., metavar="FILE", help="The photo or scan."),
) -> None:
    """Keep a receipt with an expense (replacing any it had).

    It is kept in the data folder and, signed in, uploaded to the cloud at once; if the
    cloud cannot be reached it stays on this device until a later `sbp sync` uploads it.
    """
    from sbp.bootstrap import receipt_store

    receipt = read_receipt(file)
    shelf = receipt_store()
    the_planner = planner()
    expense = the_planner.attach_receipt(expense_id, receipt, shelf.local)
    where = "on this device"
    if shelf.in_cloud and _uploaded_now(the_planner, expense.id):
        where = "in the cloud"
    print(f"attached {_described(receipt)} to {describe_expense(expense)}; kept {where}")


def _uploaded_now(the_planner: "Planner", expense_id: str) -> bool:
    """Upload the receipt just attached (under the sync lock: a sync uploading it too would
    be a second upload); False, with a note saying why, when it stays on this device."""
    from sbp.cli.receipt_uploads import say_uploads, upload_kept_receipts
    from sbp.cli.sync import WAIT_SECONDS
    from sbp.config import load_settings
    from sbp.sync.lock import SyncRunning, one_sync

    settings = load_settings()
    try:
        with one_sync(settings.db_path, WAIT_SECONDS):
            outcome = upload_kept_receipts(the_planner, settings, only=expense_id)
    except SyncRunning:
        print("sbp: note: a sync of this store is running; the receipt stays on this device"
              " until the next sync uploads it", file=sys.stderr)  # fmt: skip
        return False
    if outcome is not None and outcome.failed:
        say_uploads(outcome._replace(uploaded=()))
    from sbp.core.receipts import is_local

    # a sync that held the lock first may have uploaded it already
    return not is_local(the_planner.show(expense_id).receipt_key or "local:")


@receipt_app.command("open")
def open_receipt(
    expense_id: str = typer.Argument(..., metavar="ID", help=ID_HELP),
    to: str | None = typer.Option(
        None, "--output", "-o", metavar="FILE", help="Save a copy here; '-' for stdout."
    ),
) -> None:
    """Show an expense's receipt: print where a copy is and, on a terminal, open it.

    A receipt kept in the cloud is downloaded into the data folder first.
    """
    from sbp.bootstrap import receipt_store
    from sbp.core.printable import shown

    expense = planner().receipt_of(expense_id)
    shelf = receipt_store()
    key = expense.receipt_key or ""
    data = shelf.get(key, expense.id)
    if to == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        return
    path = _save(data, to) if to is not None else _kept_copy(shelf, expense.id, data)
    print(shown(str(path)))
    if to is None and sys.stdout.isatty():
        from sbp.cli.viewer import open_with_viewer

        open_with_viewer(path, "receipt")


@receipt_app.command("list")
def list_receipts(
    month: str | None = typer.Option(None, "--month", "-m", help="YYYY-MM (default: this month)."),
    start: str | None = typer.Option(None, "--from", help="First day, YYYY-MM-DD."),
    end: str | None = typer.Option(None, "--to", help="Last day, YYYY-MM-DD."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    as_csv: bool = typer.Option(False, "--csv", help=CSV_HELP),
) -> None:
    """List the expenses of a period that have a receipt, newest first, and where each
    receipt is kept (the cloud, or this device)."""
    from sbp.core.ids import handles

    fmt = output.choose_format(as_json, as_csv)
    found = planner().with_receipts(month=month, start=start, end=end)
    if fmt != "table":
        records = [
            {**output.expense_to_json(e), "kept": _where(e.receipt_key or "")} for e in found
        ]
        output.print_records(records, [*output.EXPENSE_FIELDS, "kept"], fmt)
        return
    if not found:
        print("no receipts found")
        return
    rows = [
        (
            shown_id,
            e.date.isoformat(),
            output.money(e.amount, e.currency),
            _where(e.receipt_key or ""),
            e.description,
        )
        for e, shown_id in zip(found, handles([e.id for e in found]), strict=True)
    ]
    output.print_table(["ID", "DATE", "AMOUNT", "KEPT", "DESCRIPTION"], rows, "llrll")


def read_receipt(name: str) -> "Receipt":
    """The file `name` as a receipt, its size and type checked (by content) before it is read
    whole; InvalidInput saying what is wrong otherwise."""
    from sbp.core.errors import InvalidInput
    from sbp.core.receipts import MAX_BYTES, SNIFF_BYTES, Receipt, check_kind, check_size

    path = Path(name).expanduser()
    try:
        with path.open("rb") as stream:
            size = path.stat().st_size if path.is_file() else None
            if size is None:
                raise InvalidInput(f"receipt '{name}' is not a regular file")
            check_size(name, size)
            kind = check_kind(name, stream.read(SNIFF_BYTES))
            stream.seek(0)
            data = stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise InvalidInput(f"cannot read receipt '{name}': {error.strerror or error}") from None
    check_size(name, len(data))  # it may have grown since
    return Receipt(data, kind)


def _where(key: str) -> str:
    from sbp.core.receipts import is_local

    return "this device" if is_local(key) else "cloud"


def _described(receipt: "Receipt") -> str:
    size = len(receipt.data)
    if size >= 1024 * 1024:
        amount = f"{size / 1024 / 1024:.1f} MB"
    else:
        amount = f"{size / 1024:.0f} KB" if size >= 1024 else f"{size} bytes"
    return f"a {receipt.kind.name} receipt ({amount})"


def _save(data: bytes, named: str) -> Path:
    from sbp.render.destination import destination, write

    target = destination(named)
    write(target, [data])
    return target.named


def _kept_copy(shelf: "ReceiptShelf", expense_id: str, data: bytes) -> Path:
    """A copy on this device: the local file itself, or the download kept content-addressed."""
    from sbp.core.receipts import Receipt, sniff

    kind = sniff(data[:16])
    if kind is None:
        from sbp.core.errors import InvalidInput

        raise InvalidInput(f"the receipt of expense {expense_id} is not a receipt any more")
    return shelf.local.path_of(shelf.local.put(expense_id, Receipt(data, kind)))
