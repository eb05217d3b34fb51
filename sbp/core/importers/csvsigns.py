"""Which way the money went in a CSV file, and which records are no transactions at all.

Banks say the direction in several ways: a sign (spending negative, or positive on many card
exports), a debit/credit flag column (`Af`/`Bij`, `D`/`K`, `debit`/`credit`), or separate
columns. When a file's signs are evenly split, other evidence decides: a running balance that
moves by each amount, or the rows that are plainly money in (salary, refunds, interest).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

DEBIT_FLAGS = frozenset({
    "d", "dr", "db", "debit", "debet", "debito", "débito", "débit", "af", "s", "soll", "out",
    "ausgang", "withdrawal", "-", "uit", "belastung", "cargo", "addebito",
})  # fmt: skip
CREDIT_FLAGS = frozenset({
    "c", "cr", "k", "kr", "credit", "krediet", "credito", "crédito", "crédit", "bij", "h",
    "haben", "in", "eingang", "deposit", "+", "abono", "accredito",
})  # fmt: skip
_PENDING = frozenset({
    "pending", "vorgemerkt", "umsatz vorgemerkt", "in progress", "en attente", "pendiente",
    "in sospeso", "authorised", "authorized", "processing", "pendente", "väntande", "venter",
    "afventer", "reserviert", "reserved", "in behandeling", "odottaa",
})  # fmt: skip
_DECLINED = frozenset({
    "declined", "reverted", "failed", "cancelled", "canceled", "rejected", "denied", "void",
    "abgelehnt", "storniert", "refusé", "rechazado",
})  # fmt: skip
_SUMMARY = re.compile(
    r"\b(?:total|totals|subtotal|summe|sum|saldo|balance|kontostand|solde|totale|summa|"
    r"opening|closing|anfangssaldo|endsaldo|umsätze|beginsaldo|eindsaldo|algsaldo|"
    r"lõppsaldo|käive|atlikums|apgrozījums|likutis|apyvarta)\b",
    re.IGNORECASE,
)
# A description that is nothing but the name of a balance or a total: such a row has a date
# and an amount (Swedbank's Baltic statements open with one, end with the turnover and the
# closing balance), yet it is no transaction.
_SUMMARY_TEXT = re.compile(
    r"(?:(?:opening|closing|starting|ending|new|previous)\s+balance|balance|total|totals|"
    r"subtotal|saldo|anfangssaldo|endsaldo|beginsaldo|eindsaldo|solde|algsaldo|lõppsaldo|"
    r"käive|(?:sākuma|beigu)\s+atlikums|apgrozījums|likutis(?:\s+(?:pradžiai|pabaigai))?|"
    r"apyvarta)",
    re.IGNORECASE,
)
_MONEY_IN = re.compile(
    r"\b(?:salary|payroll|wages?|direct dep(?:osit)?|deposit|refund|interest earned|gehalt|"
    r"lohn|gutschrift|erstattung|salaire|remboursement|nómina|nomina|stipendio|rimborso|"
    r"salário|lön|løn|palkka|salaris|terugbetaling|dividend|cashback|reembolso|"
    r"thank you|payment received|statement credit)\b",  # a card statement's money in
    re.IGNORECASE,
)


def flag_of(cell: str) -> bool | None:
    """True for a debit flag (money out), False for a credit flag, None for neither."""
    word = cell.strip().lower()
    if word in DEBIT_FLAGS:
        return True
    if word in CREDIT_FLAGS:
        return False
    return None


def is_flag_column(values: Sequence[str]) -> bool:
    """Whether a column's non-empty values are all debit/credit flags."""
    filled = [value for value in values if value.strip()]
    return bool(filled) and all(flag_of(value) is not None for value in filled)


def status_skip(cell: str) -> str | None:
    """`pending` or `declined` for a status that means the row is not (yet) booked."""
    word = " ".join(cell.lower().split())
    if word in _PENDING:
        return "pending"
    if word in _DECLINED:
        return "declined"
    return None


def looks_like_summary(record: Sequence[str]) -> bool:
    """Whether a record that is no transaction reads as a total or balance line."""
    return any(_SUMMARY.search(cell) for cell in record[:4] if cell)


def is_summary_text(description: str) -> bool:
    """Whether a row's whole description names a balance or a total (`Algsaldo`)."""
    return _SUMMARY_TEXT.fullmatch(description.strip()) is not None


def spending_from_balance(
    amounts: Sequence[Decimal | None], balances: Sequence[Decimal | None]
) -> str | None:
    """`negative` when a running balance falls by negative amounts (the account's side),
    `positive` when it falls by positive ones, None when the balance says neither. Rows may
    run oldest or newest first."""
    account_side = card_side = 0
    for after in range(1, len(amounts)):
        a_before, a_after = amounts[after - 1], amounts[after]
        b_before, b_after = balances[after - 1], balances[after]
        if a_before is None or a_after is None or b_before is None or b_after is None:
            continue
        moved = b_after - b_before
        if moved in (a_after, -a_before):
            account_side += 1
        elif moved in (-a_after, a_before):
            card_side += 1
    if account_side > 3 * card_side:
        return "negative"
    if card_side > 3 * account_side:
        return "positive"
    return None


def spending_from_words(amounts: Sequence[Decimal], descriptions: Sequence[str]) -> str | None:
    """The sign convention that rows reading as money in (salary, refund, interest) show:
    positive there means spending is negative. None when they do not agree or do not exist."""
    positive = negative = 0
    for amount, text in zip(amounts, descriptions, strict=True):
        if amount and _MONEY_IN.search(text):
            if amount > 0:
                positive += 1
            else:
                negative += 1
    if positive > negative:
        return "negative"
    if negative > positive:
        return "positive"
    return None
