"""Which column of a CSV file holds what: the header's names checked against the contents, and
the contents alone where the header says nothing (no header, or one in a language sbp does not
know), and what the person pinned with `--map` over both.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sbp.core.errors import InvalidInput
from sbp.core.importers.csvsigns import is_flag_column
from sbp.core.importers.dates import orders_allowing
from sbp.core.importers.headers import ROLES, assign_roles, balance_column

_AMOUNT = re.compile(
    r"^[(+-]?\s*(?:[$€£¥₹]|[A-Z]{3})?\s*[+-]?[0-9][0-9.,' ]*\s*(?:[A-Z]{3}|[$€£]|CR|DR)?[)-]?$"
)
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_ACCOUNT_NUMBER = re.compile(r"^[0-9 -]{6,}$")
_CHECKED = ("direction", "currency", "date", "amount", "debit", "credit")


@dataclass
class Columns:
    """The roles of a file's columns (role -> index), the columns that may describe a row
    (best first), the running balance if any, and what was only guessed."""

    roles: dict[str, int]
    describing: list[int]
    balance: int | None = None
    guesses: list[str] = field(default_factory=list)


def find_columns(
    header: Sequence[str], data: Sequence[Sequence[str]], width: int, mapping: Mapping[str, str]
) -> Columns:
    """The columns of a file from its header (possibly empty), its first data records and the
    person's `--map` settings."""
    pinned = pinned_columns(header, mapping, width)
    skip: list[str] = []
    roles, describing = assign_roles(header) if header else ({}, [])
    while header and (wrong := _misnamed(roles, data, pinned)):
        skip.append(wrong)
        roles, describing = assign_roles(header, skip)
    guesses: list[str] = []
    balance = balance_column(header) if header else None
    if "description" not in roles and "note" in roles:  # Venmo: the note says what it was
        roles["description"] = roles.pop("note")
    missing = [role for role in ("date", "amount", "description") if role not in roles]
    if missing and not (missing == ["amount"] and ("debit" in roles or "credit" in roles)):
        found, texts, found_balance = _by_content(
            data, width, set(roles.values()) | set(pinned.values())
        )
        for role in missing:
            if role in found:
                roles[role] = found[role]
        for role in ("debit", "credit", "currency"):
            if role in found and role not in roles:
                roles[role] = found[role]
        describing += [index for index in texts if index not in describing]
        balance = balance if balance is not None else found_balance
        chosen = {role: index for role, index in roles.items() if role in missing}
        if chosen and header:
            named = ", ".join(f"{role}={_name(header, index)}" for role, index in chosen.items())
            guesses.append(f"columns chosen from their contents: {named} (pin with --map)")
        elif chosen:
            guesses.append("the file has no header row: columns were chosen from their contents")
    roles.update(pinned)
    _one_way_of_money(roles, pinned, data)
    if "description" in roles and roles["description"] not in describing:
        describing.insert(0, roles["description"])
    if not describing and "note" in roles:
        describing.append(roles["note"])
        roles.setdefault("description", roles["note"])
    _require(roles, header)
    return Columns(roles, describing, balance, guesses)


def _name(header: Sequence[str], index: int) -> str:
    return header[index] if index < len(header) and header[index].strip() else str(index + 1)


def _values(data: Sequence[Sequence[str]], index: int) -> list[str]:
    return [r[index].strip() for r in data if index < len(r) and r[index].strip()]


def _misnamed(
    roles: Mapping[str, int], data: Sequence[Sequence[str]], pinned: Mapping[str, int]
) -> str | None:
    """The first role whose column's contents contradict its name, if any."""
    for role in _CHECKED:
        if role not in roles or role in pinned:
            continue
        values = _values(data, roles[role])
        if not values:
            continue
        if role == "direction" and not is_flag_column(values):
            return role
        if role == "currency" and sum(1 for v in values if _CURRENCY.match(v.upper())) * 2 < len(
            values
        ):
            return role
        if role == "date" and not any(orders_allowing(v) for v in values):
            return role  # (a date column may hold a bad date or two: those rows are reported)
        if role in ("amount", "debit", "credit") and not any(map(is_amount, values)):
            return role
    return None


def is_amount(text: str) -> bool:
    """Whether a cell looks like an amount of money (and not like a date)."""
    return bool(_AMOUNT.match(text.strip())) and orders_allowing(text) is None


def _by_content(
    data: Sequence[Sequence[str]], width: int, taken: set[int]
) -> tuple[dict[str, int], list[int], int | None]:
    """Roles found from the contents of the columns not taken: the date, the money columns,
    a currency column; the text columns (longest first) and a running balance."""
    roles: dict[str, int] = {}
    texts: list[tuple[float, int]] = []
    money: list[int] = []
    for index in range(width):
        values = _values(data, index)
        if index in taken or not values:
            continue
        if "date" not in roles and all(orders_allowing(v) for v in values):
            roles["date"] = index
        elif all(is_amount(v) for v in values):
            if not (len(set(values)) == 1 and len(values) > 2) and not all(
                _ACCOUNT_NUMBER.match(v) for v in values
            ):
                money.append(index)
        elif "currency" not in roles and all(_CURRENCY.match(v) for v in values):
            roles["currency"] = index
        else:
            texts.append((sum(len(v) for v in values) / len(values), index))
    describing = [index for _, index in sorted(texts, key=lambda t: (-t[0], t[1]))]
    if describing:
        roles["description"] = describing[0]
    balance = _money_roles(data, money, roles)
    return roles, describing, balance


def _money_roles(
    data: Sequence[Sequence[str]], money: list[int], roles: dict[str, int]
) -> int | None:
    """Sets the amount (or debit and credit) among the money columns; returns the balance."""
    if not money:
        return None
    if len(money) >= 2 and _split_between(data, money[0], money[1]):
        roles["debit"], roles["credit"] = money[0], money[1]
        return money[2] if len(money) > 2 else None
    roles["amount"] = money[0]
    return money[1] if len(money) > 1 else None


def _split_between(data: Sequence[Sequence[str]], first: int, second: int) -> bool:
    """Whether each row fills exactly one of two columns (withdrawals, deposits)."""
    rows = [r for r in data if max(first, second) < len(r)]
    return bool(rows) and all(bool(r[first].strip()) != bool(r[second].strip()) for r in rows)


def _one_way_of_money(
    roles: dict[str, int], pinned: Mapping[str, int], data: Sequence[Sequence[str]]
) -> None:
    """Keep one way of reading money: what was pinned wins; else an amount column that is
    empty in every row gives way to debit and credit columns, and the other way round."""
    if "debit" in pinned or "credit" in pinned:
        if "amount" not in pinned:
            roles.pop("amount", None)
        return
    if "amount" in pinned:
        roles.pop("debit", None)
        roles.pop("credit", None)
        return
    split = [roles[r] for r in ("debit", "credit") if r in roles]
    if "amount" in roles and split:
        if not _values(data, roles["amount"]):
            roles.pop("amount")
        elif not any(_values(data, index) for index in split):
            roles.pop("debit", None)
            roles.pop("credit", None)


def pinned_columns(header: Sequence[str], mapping: Mapping[str, str], width: int) -> dict[str, int]:
    """The columns the person named with `--map ROLE=NAME` or `ROLE=NUMBER`."""
    pinned: dict[str, int] = {}
    lowered = [cell.strip().lower() for cell in header]
    for role in ROLES:
        value = mapping.get(role)
        if value is None:
            continue
        if value.isdigit() and 1 <= int(value) <= width:
            pinned[role] = int(value) - 1
        elif value.strip().lower() in lowered and lowered.index(value.strip().lower()) < width:
            pinned[role] = lowered.index(value.strip().lower())
        elif role == "currency" and len(value) == 3 and value.isalpha():
            continue  # one currency for the whole file, not a column
        elif not value.strip() and role in ("debit", "credit", "amount"):
            continue  # `--map debit=,credit=`: nothing for that role
        else:
            raise InvalidInput(
                f"--map {role}={value[:40]}: no such column",
                hint=f"give a header name or a number from 1 to {width}",
            )
    return pinned


def _require(roles: Mapping[str, int], header: Sequence[str]) -> None:
    missing = [role for role in ("date", "description") if role not in roles]
    if "amount" not in roles and not ("debit" in roles or "credit" in roles):
        missing.append("amount")
    if missing:
        named = [cell.strip() for cell in header if cell.strip()][:12]
        columns = f" (columns: {', '.join(named)})" if named else ""
        raise InvalidInput(
            f"cannot tell which column holds the {' and '.join(missing)}{columns}",
            hint=f"pin it: --map {missing[0]}=COLUMN (a header name or a number)",
        )
