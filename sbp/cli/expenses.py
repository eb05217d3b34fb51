"""`sbp add`, `list`, `show`, `edit`, `rm`, `undo`: recording and correcting expenses.

Each command parses its arguments, calls one Planner method and hands the result to
`sbp.cli.output`; the Planner does every check, so bad input fails before anything is stored.
"""

# No `from __future__ import annotations` here: typer evaluates every string annotation of a
# command several times while building it, which costs every run of sbp start-up time.

import sys
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from typing import TYPE_CHECKING

import typer

from sbp.cli import output
from sbp.cli.context import CSV_HELP, JSON_HELP, planner
from sbp.cli.parsing import TextCommand
from sbp.core.periods import Month

if TYPE_CHECKING:
    from collections.abc import Callable

    from sbp.core.model import Expense
    from sbp.planner import ExpenseChange


def register(app: typer.Typer) -> None:
    """Add the expense commands to the root app."""
    app.command("add", cls=TextCommand, epilog=ADD_EXAMPLES)(add)
    app.command("list", epilog=LIST_EXAMPLES)(list_)
    app.command("show", epilog="Example:  sbp show 01KAB3")(show)
    app.command("edit", epilog=EDIT_EXAMPLES)(edit)
    app.command("rm", epilog="Example:  sbp rm 01KAB3 --yes")(rm)
    app.command("undo", epilog="Example:  sbp undo")(undo)


ID_HELP = "The handle `sbp list` shows (the id's last characters), or the id's first 4+."

ADD_EXAMPLES = """Examples:

\b
  sbp add 12.50 "coffee"
  sbp add 4.20EUR "croissant" --date yesterday
  sbp add 1.234,56 "new sofa" -c shopping --note "half price"
  sbp add 23.90 "lunch with Sam" --receipt ~/Pictures/lunch.jpg
"""


def add(
    amount: str = typer.Argument(
        ..., metavar="AMOUNT", help="How much: 12.50, 12,50, 1,234.56, $4.20, 4.20EUR."
    ),
    description: str = typer.Argument(..., metavar="DESCRIPTION", help="What it was for."),
    category: str | None = typer.Option(
        None, "--category", "-c", help="File it here instead of guessing."
    ),
    on: str | None = typer.Option(
        None, "--date", "-d", help="YYYY-MM-DD, today, yesterday or -3d (default: today)."
    ),
    note: str = typer.Option("", "--note", help="A note kept with the expense."),
    currency: str | None = typer.Option(
        None, "--currency", help="ISO code such as EUR (default: the store's)."
    ),
    receipt: str | None = typer.Option(
        None, "--receipt", metavar="FILE", help="Keep this receipt with it (JPEG, PNG, PDF...)."
    ),
) -> None:
    """Record an expense.

    Dated today unless --date says otherwise; categorized from your rules, your past
    corrections and built-in keywords unless --category says where it goes. A --receipt is
    kept in the data folder; signed in, the sync that follows uploads it to the cloud.
    """
    keep = None if receipt is None else _receipt_keeper(receipt)  # checked before anything
    the_planner = planner()
    change = the_planner.add_expense(
        amount, description, on=on, category=category, note=note, currency=currency, receipt=keep
    )
    print_change("added", change, the_planner.clock.today())


def _receipt_keeper(file: str) -> "Callable[[str], str]":
    """The receipt in `file`, checked now; a function that stores it for an expense's id."""
    from sbp.bootstrap import kept_receipts
    from sbp.cli.receipts import read_receipt

    checked = read_receipt(file)
    local = kept_receipts()  # never the network: the sync after the command uploads it
    return lambda expense_id: local.put(expense_id, checked)


LIST_EXAMPLES = """Examples:

\b
  sbp list
  sbp list --month 2026-10 --category coffee
  sbp list --from 2026-01-01 --to 2026-03-31 --search rent --csv > q1.csv
"""


def list_(
    month: str | None = typer.Option(None, "--month", "-m", help="YYYY-MM (default: this month)."),
    start: str | None = typer.Option(None, "--from", help="First day, YYYY-MM-DD."),
    end: str | None = typer.Option(None, "--to", help="Last day, YYYY-MM-DD."),
    category: str | None = typer.Option(None, "--category", "-c", help="Only this category."),
    search: str | None = typer.Option(None, "--search", "-s", help="Text in the description."),
    limit: int | None = typer.Option(None, "--limit", "-n", help="At most this many, newest."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    as_csv: bool = typer.Option(False, "--csv", help=CSV_HELP),
) -> None:
    """List expenses, newest first.

    This month unless --month or --from/--to name another period.
    """
    fmt = output.choose_format(as_json, as_csv)
    the_planner = planner()
    found = the_planner.list_expenses(
        month=month, start=start, end=end, category=category, search=search, limit=limit
    )
    if fmt != "table":
        output.print_records([output.expense_to_json(e) for e in found], output.EXPENSE_FIELDS, fmt)
        return
    if not found:
        print("no expenses found")
        return
    _expense_table(found, the_planner.base_currency)


def _expense_table(found: list["Expense"], base: str) -> None:
    from sbp.core.ids import handles

    # the account column only where an expense listed has one: typing alone never needs it
    accounts = any(e.account for e in found)
    rows = [
        (
            shown,
            e.date.isoformat(),
            _amount(e.amount, e.currency, base),
            e.category,
            *((e.account,) if accounts else ()),
            e.description,
        )
        for e, shown in zip(found, handles([e.id for e in found]), strict=True)
    ]
    headers = [
        "ID",
        "DATE",
        "AMOUNT",
        "CATEGORY",
        *(["ACCOUNT"] if accounts else []),
        "DESCRIPTION",
    ]
    output.print_table(headers, rows, "llrlll")
    totals: dict[str, Decimal] = {}
    for e in found:
        totals[e.currency] = totals.get(e.currency, Decimal(0)) + e.amount
    summary = ", ".join(f"{output.money(v, c)} {c}" for c, v in totals.items())
    print(f"{len(found)} expense{'s' if len(found) != 1 else ''}, {summary}")


def _amount(amount: Decimal, currency: str, base: str) -> str:
    text = output.money(amount, currency)
    return text if currency == base else f"{text} {currency}"


def show(
    expense_id: str = typer.Argument(..., metavar="ID", help=ID_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Show one expense in full."""
    expense = planner().show(expense_id)
    record = output.expense_to_json(expense)
    if as_json:
        output.print_json(record)
        return
    for field in output.EXPENSE_FIELDS:
        value = record[field]
        if value not in (None, ""):
            print(f"{field.replace('_', ' ') + ':':<17}{value}")


EDIT_EXAMPLES = """Examples:

\b
  sbp edit 01KAB3 --amount 13.00
  sbp edit 01KAB3 --category coffee   (later "Blue Bottle" expenses follow)
"""


def edit(
    expense_id: str = typer.Argument(..., metavar="ID", help=ID_HELP),
    amount: str | None = typer.Option(None, "--amount", "-a", help="A new amount."),
    on: str | None = typer.Option(
        None, "--date", "-d", help="A new date: YYYY-MM-DD, today, yesterday or -3d."
    ),
    category: str | None = typer.Option(
        None, "--category", "-c", help="A new category (remembered for similar expenses)."
    ),
    description: str | None = typer.Option(None, "--description", help="A new description."),
    note: str | None = typer.Option(None, "--note", help="A new note."),
) -> None:
    """Change an expense.

    A new --category is remembered: later expenses with the same description follow it.
    """
    the_planner = planner()
    change = the_planner.edit_expense(
        expense_id, amount=amount, on=on, category=category, description=description, note=note
    )
    print_change("edited", change, the_planner.clock.today())


def rm(
    expense_id: str = typer.Argument(..., metavar="ID", help=ID_HELP),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
) -> None:
    """Remove an expense (asks first).

    `sbp undo` brings it back.
    """
    the_planner = planner()
    if not yes:
        expense = the_planner.show(expense_id)
        if not _confirmed(f"remove {describe_expense(expense)}?"):
            print("nothing removed")
            return
    removed = the_planner.remove_expense(expense_id)
    print(f"removed {describe_expense(removed)}")


def _confirmed(question: str) -> bool:
    from sbp.core.errors import InvalidInput

    if not sys.stdin.isatty():
        raise InvalidInput(
            "not removing without confirmation: input is not a terminal", hint="pass --yes"
        )
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:  # ctrl-d: end the prompt's line, as typing enter would have
        print()
        return False
    return answer.strip().lower() in ("y", "yes")


def undo() -> None:
    """Reverse the last change made from this terminal.

    Undoes the newest add, edit, rm or budget change made from this terminal and says which
    it was; a newer change that no longer applies (its expense was removed by `sbp import
    undo`, or changed from elsewhere) is skipped with a line saying so.
    """
    outcome = planner().undo()
    for entry, why in outcome.skipped:
        print(f"skipped: {entry.summary} ({why})")
    print(f"undid: {outcome.summary}")


# what a write did ------------------------------------------------------------------------------
def print_change(verb: str, change: "ExpenseChange", today: date) -> None:
    """One line for the expense and its budget, then one per alert it raised."""
    line = f"{verb} {change.expense.id} {describe_expense(change.expense, with_id=False)}"
    if change.budget is not None:
        status = change.budget
        percent = status.percent.to_integral_value(rounding=ROUND_FLOOR)
        spent = output.money(status.spent, status.currency)
        limit = output.money(status.limit, status.currency)
        month = change.expense.month
        when = "this month" if month == Month.of(today) else f"in {month}"
        effect = f"{status.category.capitalize()}: {spent} of {limit} {when}, {percent}%"
        line += "; " + output.paint(effect, output.STATE_STYLES[status.state.value])
    print(line)
    output.print_alerts(change.alerts)


def describe_expense(expense: "Expense", with_id: bool = True) -> str:
    """`7K2A0Q 12.50 'coffee' on 2026-11-20 as coffee`: an expense in one line."""
    from sbp.core.ids import handle

    amount = _amount(expense.amount, expense.currency, "")
    text = f"{amount} '{expense.description}' on {expense.date.isoformat()} as {expense.category}"
    return f"{handle(expense.id)} {text}" if with_id else text
