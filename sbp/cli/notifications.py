"""`sbp notifications`: the budget alerts raised so far, newest first."""

from __future__ import annotations

import typer

from sbp.cli import output
from sbp.cli.context import CSV_HELP, JSON_HELP, planner

EXAMPLES = """Examples:

\b
  sbp notifications
  sbp notifications --unread --mark-read
"""


def register(app: typer.Typer) -> None:
    """Add `notifications` to the root app."""
    app.command("notifications", epilog=EXAMPLES)(notifications)


def notifications(
    unread: bool = typer.Option(False, "--unread", help="Only alerts not yet marked read."),
    mark_read: bool = typer.Option(False, "--mark-read", help="Then mark every alert read."),
    limit: int | None = typer.Option(None, "--limit", "-n", help="At most this many, newest."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    as_csv: bool = typer.Option(False, "--csv", help=CSV_HELP),
) -> None:
    """List budget alerts, newest first.

    An alert is raised once when a category passes 80% and 100% of its budget.
    """
    fmt = output.choose_format(as_json, as_csv)
    the_planner = planner()
    found = the_planner.notifications(unread_only=unread, limit=limit)
    if fmt != "table":
        records = [output.notification_to_json(n) for n in found]
        output.print_records(records, output.NOTIFICATION_FIELDS, fmt)
    elif not found:
        print("no alerts")
    else:
        rows = [
            (n.created_at.date().isoformat(), "" if n.read else "new", n.message) for n in found
        ]
        output.print_table(["DATE", "", "ALERT"], rows, "lll")
    if mark_read:
        the_planner.mark_notifications_read()
