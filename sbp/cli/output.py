"""How every command prints: tables, JSON, CSV and progress bars, plain when not on a terminal.

The one rendering module of the CLI, so every command looks and scripts the same way. It writes
ANSI codes itself rather than using rich, because importing rich costs `sbp add` more start-up
time than the whole command; commands that want rich (reports) import it inside themselves.

- `use_color()`: colour only on a terminal, and never when NO_COLOR is set.
- `print_table(headers, rows, align="lrr")`: aligned columns; cells may hold `paint()`ed text.
- `print_json(data)`: Decimals as strings, dates and times in ISO form, two-space indent;
  `json_text(data)` the same on one line, for output written piece by piece.
- `print_csv(rows, fields)`: one header line, then one line per mapping in `rows`.
- `bar(percent, state)`: a progress bar coloured by budget state.
- `print_alerts(alerts)`: the budget alerts a write raised, one line each.
- `expense_to_json(expense)`, `budget_to_json(budget)`, `notification_to_json(notification)`,
  `category_status_to_json(status)`: the stable JSON field names of `--json` and `--csv`.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any, TextIO

from sbp.core.money import format_amount, plain

if TYPE_CHECKING:
    from sbp.core.budget import CategoryStatus
    from sbp.core.model import Budget, Expense, Notification

STYLES = {
    "bold": "1",
    "dim": "2",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "cyan": "36",
}
STATE_STYLES = {"fine": "green", "warning": "yellow", "over": "red"}
# A pattern, not a compiled regex: `re` compiles it on first use, which only coloured text needs.
_ANSI_PATTERN = r"\x1b\[[0-9;]*m"


# deciding how to print ---------------------------------------------------------------------
def is_terminal(stream: TextIO | None = None) -> bool:
    """Whether `stream` (default stdout) is a terminal a person is looking at."""
    target = stream or sys.stdout
    try:
        return target.isatty()
    except (AttributeError, ValueError):
        return False


@functools.cache
def _color_allowed() -> bool:
    from sbp.config import load_settings

    return load_settings().color


def use_color(stream: TextIO | None = None) -> bool:
    """Colour only on a terminal and only when the settings allow it (NO_COLOR unset)."""
    return is_terminal(stream) and _color_allowed()


def paint(text: str, *styles: str, stream: TextIO | None = None) -> str:
    """`text` wrapped in the ANSI codes of `styles` ("bold", "red", ...) when colour is on."""
    if not styles or not use_color(stream):
        return text
    codes = ";".join(STYLES[s] for s in styles)
    return f"\x1b[{codes}m{text}\x1b[0m"


def visible_width(text: str) -> int:
    """The columns `text` takes on screen, ignoring colour codes (東 and ☕ take two)."""
    shown = re.sub(_ANSI_PATTERN, "", text) if "\x1b" in text else text
    if shown.isascii():  # nearly every cell: no need to look at each character
        return len(shown)
    return sum(_char_width(char) for char in shown)


def _char_width(char: str) -> int:
    import unicodedata  # only non-ASCII text needs it: kept off the start-up path

    if unicodedata.combining(char) or unicodedata.category(char) in ("Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


# amounts ------------------------------------------------------------------------------------
def money(amount: Decimal, currency: str) -> str:
    """An amount for a person: `1,234.50`."""
    return format_amount(amount, currency)


# rendering ----------------------------------------------------------------------------------
def print_table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    align: str | None = None,
    *,
    header: bool = True,
    least: Sequence[int] | None = None,
) -> list[int]:
    """Aligned columns under a header; `align` has one `l` or `r` per column (default: `l`).
    Returns the column widths, each at least its `least` width.

    A long table can be printed in parts: the first with its header, each next one without
    (`header=False`) and at least as wide as the part before (`least`, what that returned).
    """
    table = [list(headers)] if header else []
    table += ([str(cell) for cell in row] for row in rows)
    sides = (align or "").ljust(len(headers), "l")
    least = least or [0] * len(headers)
    widths = [
        max([least[i], *(visible_width(row[i]) for row in table)]) for i in range(len(headers))
    ]
    out = sys.stdout
    for number, row in enumerate(table):
        cells = [_pad(cell, widths[i], sides[i]) for i, cell in enumerate(row)]
        line = "  ".join(cells).rstrip()
        out.write((paint(line, "bold") if number == 0 and header else line) + "\n")
    return widths


def _pad(cell: str, width: int, side: str) -> str:
    gap = " " * (width - visible_width(cell))
    return gap + cell if side == "r" else cell + gap


def print_json(data: Any) -> None:
    """`data` as indented JSON: Decimals as strings, dates ISO, enums by value."""
    import json

    # Written a piece at a time: a reader that leaves part-way is noticed (one huge write that
    # it cuts short is reported as a success), and a long listing is never one huge string.
    if not (isinstance(data, list) and data):
        text = json.dumps(data, indent=2, ensure_ascii=False, default=_json_value) + "\n"
        for start in range(0, len(text), _PIECE):
            sys.stdout.write(text[start : start + _PIECE])
        return
    write = sys.stdout.write
    write("[\n")
    last = len(data) - 1
    for index, item in enumerate(data):
        text = json.dumps(item, indent=2, ensure_ascii=False, default=_json_value)
        write("  " + text.replace("\n", "\n  ") + (",\n" if index < last else "\n"))
    write("]\n")


_PIECE = 1 << 14  # well below what a pipe holds


def write_bytes(content: bytes) -> None:
    """`content` on stdout in pieces that a pipe takes whole, for the reason of `print_json`."""
    sys.stdout.flush()
    for start in range(0, len(content), _PIECE):
        sys.stdout.buffer.write(content[start : start + _PIECE])
    sys.stdout.buffer.flush()


def json_text(data: Any) -> str:
    """`data` as compact JSON text on one line, with the same value rules as `print_json`."""
    import json

    return json.dumps(data, ensure_ascii=False, default=_json_value)


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    return str(value)  # Month and other small value types print as their text


def print_csv(
    rows: Iterable[Mapping[str, Any]], fields: Sequence[str], *, header: bool = True
) -> None:
    """`rows` as CSV with a header line (a long listing printed in parts: the first part only);
    values are turned into text as in JSON, and a cell a spreadsheet would run as a formula is
    marked as text (`sbp.core.spreadsheet`)."""
    import csv

    from sbp.core.spreadsheet import safe_cell

    writer = csv.writer(sys.stdout, lineterminator="\n")
    if header:
        writer.writerow(fields)
    for row in rows:
        writer.writerow(safe_cell(_csv_value(row.get(field))) for field in fields)


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int):
        return str(value)
    return str(_json_value(value))


def bar(percent: Decimal | float, state: str = "fine", width: int = 20) -> str:
    """A progress bar `width` cells wide, coloured by budget state; ASCII when not coloured."""
    share = max(0.0, min(float(percent), 100.0)) / 100
    filled = round(share * width)
    if not use_color():
        return "[" + "#" * filled + "." * (width - filled) + "]"
    style = STATE_STYLES.get(str(state), "green")
    return paint("█" * filled, style) + paint("░" * (width - filled), "dim")


def print_alerts(alerts: Iterable[Notification]) -> None:
    """One bold line per budget alert a write raised, as every writing command ends."""
    for alert in alerts:
        print(paint(f"alert: {alert.message}", "bold", "yellow"))


# the stable JSON shapes ---------------------------------------------------------------------
EXPENSE_FIELDS = (
    "id",
    "date",
    "amount",
    "currency",
    "description",
    "category",
    "category_source",
    "note",
    "receipt_key",
    "created_at",
    "updated_at",
    "account",
)


def expense_to_json(expense: Expense) -> dict[str, Any]:
    """An expense with the field names of `--json` and `--csv` (amount as a string)."""
    return {
        "id": expense.id,
        "date": expense.date.isoformat(),
        "amount": plain(expense.amount, expense.currency),
        "currency": expense.currency,
        "description": expense.description,
        "category": expense.category,
        "category_source": str(expense.category_source.value),
        "note": expense.note,
        "receipt_key": expense.receipt_key,
        "created_at": expense.created_at.isoformat(),
        "updated_at": expense.updated_at.isoformat(),
        "account": expense.account,
    }


BUDGET_FIELDS = ("category", "limit", "currency", "month")


def budget_to_json(budget: Budget) -> dict[str, Any]:
    """A budget; `month` is null for an every-month budget."""
    return {
        "category": budget.category,
        "limit": plain(budget.limit, budget.currency),
        "currency": budget.currency,
        "month": None if budget.month is None else str(budget.month),
    }


NOTIFICATION_FIELDS = ("id", "created_at", "kind", "message", "month", "category", "read")


def notification_to_json(notification: Notification) -> dict[str, Any]:
    """A budget alert as `sbp notifications --json` prints it."""
    return {
        "id": notification.id,
        "created_at": notification.created_at.isoformat(),
        "kind": notification.kind,
        "message": notification.message,
        "month": None if notification.month is None else str(notification.month),
        "category": notification.category,
        "read": notification.read,
    }


def category_status_to_json(status: CategoryStatus) -> dict[str, Any]:
    """One budgeted category of a month: spent, limit, remaining, percent, state and how far
    it is over its limit."""
    return {
        "category": status.category,
        "spent": plain(status.spent, status.currency),
        "limit": plain(status.limit, status.currency),
        "remaining": plain(status.remaining, status.currency),
        "percent": str(status.percent),
        "state": str(status.state.value),
        "currency": status.currency,
        "over": plain(status.over, status.currency),
    }


# choosing among table, JSON and CSV ----------------------------------------------------------
def choose_format(as_json: bool, as_csv: bool) -> str:
    """`json`, `csv` or `table` from a command's --json/--csv flags (not both)."""
    if as_json and as_csv:
        from sbp.core.errors import InvalidInput

        raise InvalidInput("choose one of --json and --csv")
    return "json" if as_json else "csv" if as_csv else "table"


def print_records(records: Sequence[Mapping[str, Any]], fields: Sequence[str], fmt: str) -> None:
    """A listing as a JSON array (`fmt` "json") or CSV (`fmt` "csv")."""
    if fmt == "json":
        print_json(list(records))
    else:
        print_csv(records, fields)


def unique_prefix_width(ids: Sequence[str], shortest: int = 8) -> int:
    """The fewest leading characters (at least `shortest`) that tell these ids apart."""
    width = shortest
    longest = max((len(i) for i in ids), default=shortest)
    while width < longest and len({i[:width] for i in ids}) < len(set(ids)):
        width += 1
    return width
