"""Codes the bank gives: transaction types (OFX `TRNTYPE`, UK statement codes) and ISO 18245
merchant category codes (OFX `SIC`, a card export's MCC column), as categories with a reason.

A transaction type says what kind of movement a row is before any word of it is read: a cash
machine withdrawal is cash wherever it was taken ("LNK TESCO" is not groceries), a transfer or
interest is never spending. Some types only hint (a standing order is usually money moved to
savings or to a person), so they decide only when nothing else knows the row. Descriptions
carry the same signals in words ("CASH WITHDRAWAL", "SAVE THE CHANGE"), read here too.
"""

from __future__ import annotations

from typing import NamedTuple


class CodeOpinion(NamedTuple):
    """A category a bank code (or the words standing for one) gives, and why."""

    category: str
    reason: str


DECISIVE_KINDS: dict[str, str] = {
    # OFX TRNTYPE
    "ATM": "cash", "CASH": "cash", "XFER": "transfer", "FEE": "fees", "SRVCHG": "fees",
    "DIV": "income", "INT": "interest",
    # UK statement codes (Lloyds, Halifax, NatWest, Barclays ...)
    "CPT": "cash", "CSH": "cash", "TFR": "transfer", "CHG": "fees", "PAYINT": "interest",
}  # fmt: skip
"""Transaction types that decide a row's category ("interest" depends on the direction)."""

HINT_KINDS: dict[str, str] = {
    "SO": "transfer", "REPEATPMT": "transfer", "FPO": "transfer", "MPO": "transfer",
    "BGC": "income", "DIRECTDEP": "income", "DEP": "income", "FPI": "income", "MPI": "income",
}  # fmt: skip
"""Types that only suggest a category when no layer knows the row (a standing order to a
landlord is rent, to savings a transfer; money in by giro is usually pay)."""

_KIND_WORDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("cash advance", "atm fee", "cash fee", "foreign transaction fee", "non sterling"), "fees"),
    (
        ("cash withdrawal", "atm withdrawal", "atm", "cashpoint", "cash machine", "lnk",
         "geldautomat", "bargeldauszahlung", "retrait", "retrait dab", "cajero",
         "reintegro", "prelievo", "bankomat", "abm withdrawal", "cash wdl", "cash"),
        "cash",
    ),
    (
        ("save the change", "transfer to", "transfer from", "standing order", "own account",
         "to savings", "from savings", "savings transfer", "internal transfer",
         "uberweisung", "umbuchung", "virement", "transferencia", "bonifico"),
        "transfer",
    ),
)  # fmt: skip


def kind_opinion(kind: str | None, money_in: bool) -> CodeOpinion | None:
    """What a decisive transaction type says, or None."""
    code = (kind or "").strip().upper().replace("/", "")
    category = DECISIVE_KINDS.get(code)
    if category is None:
        return None
    if category == "interest":
        category = "income" if money_in else "fees"
    return CodeOpinion(category, f"the bank's transaction type {code}")


def kind_hint(kind: str | None, money_in: bool) -> CodeOpinion | None:
    """What a hinting transaction type suggests, or None."""
    code = (kind or "").strip().upper().replace("/", "")
    category = HINT_KINDS.get(code)
    if category is None or (category == "income") != money_in:
        return None
    return CodeOpinion(category, f"the bank's transaction type {code}")


def words_opinion(cleaned: str) -> CodeOpinion | None:
    """Cash withdrawals, bank fees and transfers that the description names in words."""
    padded = f" {cleaned} ".replace(" cash and carry ", " wholesale ")
    for phrases, category in _KIND_WORDS:
        for phrase in phrases:
            if f" {phrase} " in padded:
                return CodeOpinion(category, f"the words '{phrase}'")
    return None


# ISO 18245 merchant category codes, by range; the narrowest range holding a code wins.
_MCC_RANGES: tuple[tuple[int, int, str], ...] = (
    (3000, 3350, "travel"), (3351, 3500, "travel"), (3501, 3999, "travel"),
    (4011, 4011, "transport"), (4111, 4131, "transport"), (4784, 4784, "transport"),
    (4789, 4789, "transport"), (4411, 4411, "travel"), (4511, 4582, "travel"),
    (4722, 4723, "travel"), (4812, 4816, "phone & internet"), (4899, 4899, "subscriptions"),
    (4829, 4829, "transfer"), (4900, 4900, "utilities"), (5172, 5172, "fuel"),
    (5200, 5261, "housing"), (5271, 5271, "housing"), (5300, 5399, "shopping"),
    (5411, 5411, "groceries"), (5422, 5451, "groceries"), (5462, 5462, "groceries"),
    (5499, 5499, "groceries"), (5511, 5599, "transport"), (5541, 5542, "fuel"),
    (5611, 5699, "shopping"), (5712, 5719, "housing"), (5722, 5722, "housing"),
    (5732, 5735, "shopping"), (5811, 5811, "dining"), (5812, 5814, "dining"),
    (5815, 5816, "entertainment"), (5817, 5818, "subscriptions"), (5912, 5912, "health"),
    (5921, 5921, "groceries"), (5931, 5946, "shopping"), (5947, 5947, "gifts"),
    (5948, 5949, "shopping"), (5950, 5967, "shopping"), (5968, 5968, "subscriptions"),
    (5969, 5991, "shopping"), (5975, 5976, "health"), (5983, 5983, "fuel"),
    (5992, 5992, "gifts"), (5993, 5999, "shopping"), (6010, 6011, "cash"),
    (6540, 6540, "transfer"), (7011, 7012, "travel"), (7512, 7519, "travel"),
    (7523, 7523, "transport"), (7531, 7549, "transport"), (7829, 7841, "entertainment"),
    (7911, 7996, "entertainment"), (7997, 7997, "health"), (7998, 7999, "entertainment"),
    (8011, 8099, "health"), (8211, 8299, "education"), (8351, 8351, "education"),
    (8398, 8398, "gifts"), (8661, 8661, "gifts"),
)  # fmt: skip


def mcc_opinion(mcc: str | int | None) -> CodeOpinion | None:
    """What an ISO 18245 merchant category code says, or None for none or an unknown code."""
    text = str(mcc if mcc is not None else "").strip()
    if not (text.isdigit() and len(text) <= 4):
        return None
    code = int(text)
    held = [(high - low, c) for low, high, c in _MCC_RANGES if low <= code <= high]
    if not held:
        return None
    category = min(held)[1]
    return CodeOpinion(category, f"merchant category code {code:04d} ({_mcc_name(code)})")


def _mcc_name(code: int) -> str:
    try:
        import iso18245  # the ISO list's names; loaded only for rows that carry a code

        return str(iso18245.get_mcc(f"{code:04d}").iso_description)
    except Exception:  # an unlisted code keeps its number: the range still says enough
        return "unlisted"
