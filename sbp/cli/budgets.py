"""`sbp budget set/list/rm` and `sbp status`: monthly limits and where the month stands.

`status` reads the month's aggregates through the Planner, never the expenses, so it is as quick
with a million expenses as with a thousand.
"""

# No `from __future__ import annotations` here: typer evaluates every string annotation of a
# command several times while building it, which costs every run of sbp start-up time.

from typing import TYPE_CHECKING, Any

import typer

from sbp.cli import output
from sbp.cli.context import CSV_HELP, JSON_HELP, planner
from sbp.cli.parsing import TextCommand

if TYPE_CHECKING:
    from sbp.core.budget import MonthStatus
    from sbp.core.model import Budget

MONTH_HELP = "YYYY-MM (default: every month)."

budget_app = typer.Typer(
    help="Set, list and remove monthly limits.",
    no_args_is_help=True,
    epilog="Example:  sbp budget set coffee 60",
)


def register(app: typer.Typer) -> None:
    """Add `budget` (a group) and `status` to the root app."""
    app.add_typer(budget_app, name="budget")
    app.command("status", epilog=STATUS_EXAMPLES)(status)


SET_EXAMPLES = """Examples:

\b
  sbp budget set coffee 60              every month
  sbp budget set travel 800 --month 2026-12
"""


@budget_app.command("set", cls=TextCommand, epilog=SET_EXAMPLES)
def set_(
    category: str = typer.Argument(..., metavar="CATEGORY", help="Which category, e.g. coffee."),
    amount: str = typer.Argument(..., metavar="AMOUNT", help="The limit, e.g. 60 or 1,200.00."),
    month: str | None = typer.Option(None, "--month", "-m", help=MONTH_HELP),
) -> None:
    """Set a category's monthly limit.

    For every month, or for one month with --month (which then wins over the
    every-month limit).
    """
    change = planner().set_budget(category, amount, month)
    budget = change.budget
    print(f"budget {_label(budget)}: {output.money(budget.limit, budget.currency)}")
    output.print_alerts(change.alerts)


@budget_app.command("list", epilog="Example:  sbp budget list --json")
def list_(
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    as_csv: bool = typer.Option(False, "--csv", help=CSV_HELP),
) -> None:
    """List every budget."""
    fmt = output.choose_format(as_json, as_csv)
    budgets = planner().budgets()
    if fmt != "table":
        output.print_records([output.budget_to_json(b) for b in budgets], output.BUDGET_FIELDS, fmt)
        return
    if not budgets:
        print("no budgets yet (try: sbp budget set coffee 60)")
        return
    rows = [(b.category, output.money(b.limit, b.currency), b.currency, _month(b)) for b in budgets]
    output.print_table(["CATEGORY", "LIMIT", "CURRENCY", "MONTH"], rows, "lrll")


@budget_app.command("rm", cls=TextCommand, epilog="Example:  sbp budget rm coffee")
def rm(
    category: str = typer.Argument(..., metavar="CATEGORY", help="Whose budget to remove."),
    month: str | None = typer.Option(None, "--month", "-m", help=MONTH_HELP),
) -> None:
    """Remove a budget.

    The every-month budget, or with --month the budget for that month.
    """
    removed = planner().remove_budget(category, month)
    print(f"removed the {_label(removed)} budget")


def _month(budget: "Budget") -> str:
    return "every month" if budget.month is None else str(budget.month)


def _label(budget: "Budget") -> str:
    return f"{budget.category} ({_month(budget)})"


# status -------------------------------------------------------------------------------------
STATUS_EXAMPLES = """Examples:

\b
  sbp status
  sbp status --month 2026-10 --json
"""

STATUS_FIELDS = (
    "category", "spent", "limit", "remaining", "percent", "state", "currency", "over",
)  # fmt: skip


def status(
    month: str | None = typer.Option(None, "--month", "-m", help="YYYY-MM (default: this month)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    as_csv: bool = typer.Option(False, "--csv", help="Print the budgeted categories as CSV."),
) -> None:
    """Show where the month stands.

    Every budgeted category with spent, limit, what is left and a progress bar; then
    unbudgeted spending, the month's total, days left and a safe amount to spend a day;
    on a device that syncs, one line of where its sync stands.
    """
    fmt = output.choose_format(as_json, as_csv)
    the_planner = planner()
    state = the_planner.status(month)
    synced = the_planner.sync_line(_signed_in())  # "" where sync was never started
    if fmt == "json":
        output.print_json(status_to_json(state) | ({"sync": synced} if synced else {}))
    elif fmt == "csv":
        output.print_csv(
            [output.category_status_to_json(c) for c in state.categories], STATUS_FIELDS
        )
    else:
        _print_status(state)
        if synced:
            print(f"sync: {synced}")


def status_to_json(state: "MonthStatus") -> dict[str, Any]:
    """The whole month as `sbp status --json` prints it."""
    code = state.currency
    return {
        "month": str(state.month),
        "currency": code,
        "categories": [output.category_status_to_json(c) for c in state.categories],
        "unbudgeted": {name: _plain(v, code) for name, v in state.unbudgeted.items()},
        "other_currencies": {c: _plain(v, c) for c, v in state.other_currencies.items()},
        "total": _plain(state.total, code),
        "budgeted": _plain(state.budgeted, code),
        "remaining": _plain(state.remaining, code),
        "over_budget": _plain(state.budget_totals.over, code),
        "days_left": state.days_left,
        "safe_daily": _plain(state.safe_daily, code),
    }


def _plain(value: Any, currency: str) -> str:
    from sbp.core.money import plain

    return plain(value, currency)


def _print_status(state: "MonthStatus") -> None:
    code = state.currency
    print(output.paint(f"{state.month}  ({code})", "bold"))
    if state.categories:
        rows = [
            (
                c.category,
                output.money(c.spent, code),
                output.money(c.limit, code),
                output.money(c.remaining, code),
                f"{c.percent}%",
                output.bar(c.percent, c.state.value),
            )
            for c in state.categories
        ]
        output.print_table(["CATEGORY", "SPENT", "LIMIT", "LEFT", "%", ""], rows, "lrrrrl")
    else:
        print("no budgets yet (try: sbp budget set coffee 60)")
    if state.unbudgeted:
        listed = ", ".join(f"{n} {output.money(v, code)}" for n, v in state.unbudgeted.items())
        print(f"unbudgeted: {output.money(state.unbudgeted_total, code)} ({listed})")
    for other, value in state.other_currencies.items():
        print(f"also spent: {output.money(value, other)} {other} (not counted in budgets)")
    print(f"spent in {state.month}: {output.money(state.total, code)}")
    totals = state.budget_totals
    if state.categories:
        line = f"budgeted {output.money(totals.budgeted, code)}, remaining "
        line += output.money(totals.remaining, code)
        if totals.over_categories:
            named = ", ".join(totals.over_categories)
            line += f"; over budget: {output.money(totals.over, code)} ({named})"
        print(line)
    if state.days_left and state.categories:
        days = f"{state.days_left} day{'s' if state.days_left != 1 else ''} left"
        if totals.remaining <= 0:
            print(f"{days}: nothing is left in the budgets")
            return
        safe = output.money(state.safe_daily, code)
        over = totals.over_categories
        keeps = f"every budget but {', '.join(over)}" if over else "every budget"
        print(f"{days}: {safe} a day keeps {keeps}")
    elif not state.days_left:
        print("the month is over")


def _signed_in() -> bool:
    from sbp.bootstrap import signed_in
    from sbp.config import load_settings

    return signed_in(load_settings())
