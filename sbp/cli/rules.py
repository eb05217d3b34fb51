"""`sbp categories` and `sbp rules add/list/rm/test`: where expenses get filed, and why.

`rules test` prints `Planner.explain`: the cleaned description, every layer's opinion (rules,
remembered corrections, the bank's codes, known merchants, the person's model, built-in keywords)
with its evidence, and the one that wins. `categories --review` lists what sbp was least sure of.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from sbp.cli import output
from sbp.cli.context import CSV_HELP, JSON_HELP, planner
from sbp.cli.parsing import TextCommand

if TYPE_CHECKING:
    from sbp.core.categorize import Choice
    from sbp.core.model import Rule

rules_app = typer.Typer(
    help="Your own categorization rules.",
    no_args_is_help=True,
    epilog='Example:  sbp rules add "blue bottle" coffee',
)


def register(app: typer.Typer) -> None:
    """Add `rules` (a group) and `categories` to the root app."""
    app.add_typer(rules_app, name="rules")
    app.command("categories", epilog="Example:  sbp categories --json")(categories)


CATEGORY_FIELDS = ("name", "expenses", "builtin", "budget")


def categories(
    review: bool = typer.Option(
        False,
        "--review",
        help="List the expenses sbp was least sure how to file (the last 90 days), most money"
        " first, to correct the few that matter with `sbp edit ID -c CATEGORY`.",
    ),
    limit: int = typer.Option(20, "--limit", "-n", min=1, help="With --review: at most N."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    as_csv: bool = typer.Option(False, "--csv", help=CSV_HELP),
) -> None:
    """List categories.

    The built-in ones and every one in use, with counts and this month's budget; with
    --review, the merchants sbp filed under `other` or by a weak guess instead.
    """
    fmt = output.choose_format(as_json, as_csv)
    if review:
        _review(limit, fmt)
        return
    the_planner = planner()
    code = the_planner.base_currency
    found = the_planner.categories()
    records = [
        {
            "name": c.name,
            "expenses": c.expenses,
            "builtin": c.builtin,
            "budget": None if c.budget is None else _plain(c.budget, code),
        }
        for c in found
    ]
    if fmt != "table":
        output.print_records(records, CATEGORY_FIELDS, fmt)
        return
    rows = [
        (
            c.name,
            str(c.expenses),
            "yes" if c.builtin else "",
            "" if c.budget is None else output.money(c.budget, code),
        )
        for c in found
    ]
    output.print_table(["CATEGORY", "EXPENSES", "BUILT-IN", "BUDGET"], rows, "lrlr")


REVIEW_FIELDS = (
    "description", "merchant", "category", "source", "reason", "expenses", "total", "currency",
    "latest",
)  # fmt: skip


def _review(limit: int, fmt: str) -> None:
    found = planner().review(limit=limit)
    records = [
        {**item._asdict(), "source": item.source.value, "total": _plain(item.total, item.currency)}
        for item in found
    ]
    if fmt != "table":
        output.print_records(records, REVIEW_FIELDS, fmt)
        return
    if not found:
        print("nothing to review: every expense of the last 90 days was filed with good reason")
        return
    rows = [
        (
            item.latest[:8],
            item.description,
            str(item.expenses),
            output.money(item.total, item.currency),
            item.category,
            item.reason,
        )
        for item in found
    ]
    output.print_table(
        ["LATEST", "DESCRIPTION", "EXPENSES", "TOTAL", "FILED AS", "WHY"], rows, "llrrll"
    )
    print("correct one with: sbp edit LATEST -c CATEGORY (later expenses like it follow)")


def _plain(value: Any, currency: str) -> str:
    from sbp.core.money import plain

    return plain(value, currency)


ADD_EXAMPLES = """Examples:

\b
  sbp rules add "blue bottle" coffee
  sbp rules add --regex "^uber( eats)?" transport
"""


@rules_app.command("add", cls=TextCommand, epilog=ADD_EXAMPLES)
def add(
    pattern: str = typer.Argument(..., metavar="PATTERN", help="Text found in descriptions."),
    category: str = typer.Argument(..., metavar="CATEGORY", help="Where matches are filed."),
    regex: bool = typer.Option(False, "--regex", help="Treat PATTERN as a regular expression."),
) -> None:
    """Add a rule.

    From now on, descriptions containing PATTERN (case-insensitive) go to CATEGORY.
    """
    rule = planner().add_rule(pattern, category, regex)
    print(f"rule #{rule.id}: {_rule_text(rule)}")


RULE_FIELDS = ("id", "pattern", "kind", "category")


@rules_app.command("list", epilog="Example:  sbp rules list --json")
def list_(
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    as_csv: bool = typer.Option(False, "--csv", help=CSV_HELP),
) -> None:
    """List your rules, in the order they are tried."""
    fmt = output.choose_format(as_json, as_csv)
    found = planner().rules()
    if fmt != "table":
        output.print_records([rule_to_json(r) for r in found], RULE_FIELDS, fmt)
        return
    if not found:
        print('no rules yet (try: sbp rules add "blue bottle" coffee)')
        return
    rows = [(str(r.id), r.pattern, _kind(r), r.category) for r in found]
    output.print_table(["ID", "PATTERN", "KIND", "CATEGORY"], rows, "rlll")


def rule_to_json(rule: Rule) -> dict[str, Any]:
    """A rule as `sbp rules list --json` prints it."""
    return {"id": rule.id, "pattern": rule.pattern, "kind": _kind(rule), "category": rule.category}


@rules_app.command("rm", epilog="Example:  sbp rules rm 3")
def rm(
    rule_id: int = typer.Argument(..., metavar="ID", help="The rule's number (see rules list)."),
) -> None:
    """Delete a rule.

    Expenses it already filed keep their category.
    """
    rule = planner().remove_rule(rule_id)
    print(f"removed rule #{rule.id}: {_rule_text(rule)}")


TEST_EXAMPLES = """Examples:

\b
  sbp rules test "STARBUCKS #123 SEATTLE"
  sbp rules test "LNK TESCO BUCKINGHAM" --kind CPT
  sbp rules test "ACME 123" --mcc 5814
"""


@rules_app.command("test", cls=TextCommand, epilog=TEST_EXAMPLES)
def test(
    description: str = typer.Argument(..., metavar="DESCRIPTION", help="A description to try."),
    kind: str | None = typer.Option(
        None, "--kind", help="The bank's transaction type, as a file gives it (ATM, XFER, SO...)."
    ),
    mcc: str | None = typer.Option(
        None, "--mcc", help="The merchant category code a card file gives (ISO 18245, 4 digits)."
    ),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Show how a description would be filed.

    Prints the cleaned text every layer reads, what each layer (your rules, your past
    corrections, the bank's codes, the known merchants, your own model, the built-in
    keywords) would choose and why, and the winner.
    """
    found = planner().explain(description, kind=kind, mcc=mcc)
    if as_json:
        output.print_json(
            {
                "description": found.description,
                "normalised": found.normalised,
                "category": found.chosen.category,
                "source": found.chosen.source.value,
                "candidates": [_choice_to_json(c) for c in found.candidates],
            }
        )
        return
    print(f"description: {found.description}")
    print(f"normalised:  {found.normalised}")
    for choice in found.candidates:
        mark = "->" if choice is found.chosen else "  "
        category = choice.category or "(skipped)"
        print(f"{mark} {category:<16} {choice.source.value:<8} {choice.reason}")
    print(output.paint(f"files under: {found.chosen.category}", "bold"))


def _choice_to_json(choice: Choice) -> dict[str, str]:
    return {"category": choice.category, "source": choice.source.value, "reason": choice.reason}


def _kind(rule: Rule) -> str:
    return "regex" if rule.is_regex else "text"


def _rule_text(rule: Rule) -> str:
    return f"{_kind(rule)} '{rule.pattern}' -> {rule.category}"
