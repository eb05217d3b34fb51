"""Quicken's categories (`Food:Groceries`, `Auto:Fuel`, `[Savings]`) as sbp's own.

Quicken and GnuCash ship a default category list that most people keep; its names are mapped
to sbp's everyday categories, so an imported QIF file counts against the same budgets as
`sbp add`. A category sbp has no name for is kept as the person wrote it (its first part).
"""

from __future__ import annotations

from sbp.core.keywords import BUILTIN_KEYWORDS

# words of a Quicken category (any part of its path) -> sbp's category, first match wins
_BY_WORD = (
    (("groceries", "grocery", "supermarket"), "groceries"),
    (("dining", "restaurant", "restaurants", "fast food"), "dining"),
    (("coffee", "coffee shops"), "coffee"),
    (("fuel", "gas", "petrol", "gasoline"), "fuel"),
    (("auto", "car", "transport", "transportation", "public transport", "parking", "taxi"),
     "transport"),
    (("rent", "mortgage", "housing", "home", "household repairs"), "housing"),
    (("utilities", "electric", "electricity", "water", "heating"), "utilities"),
    (("telephone", "phone", "internet", "cable", "mobile"), "phone & internet"),
    (("medical", "healthcare", "health", "doctor", "dental", "pharmacy", "fitness"), "health"),
    (("entertainment", "recreation", "leisure", "movies", "hobbies"), "entertainment"),
    (("clothing", "shopping", "household", "books", "electronics"), "shopping"),
    (("travel", "vacation", "holiday", "lodging", "air travel"), "travel"),
    (("subscriptions", "subscription", "online services", "membership dues"), "subscriptions"),
    (("education", "tuition", "books & supplies"), "education"),
    (("gifts", "gifts given", "charity", "charitable donations", "donations"), "gifts"),
    (("bank charge", "bank charges", "service charge", "fees", "finance charge", "interest exp"),
     "fees"),
    (("salary", "wages", "paycheck", "interest inc", "div income", "dividends", "bonus",
      "income", "other inc", "gift received"), "income"),
)  # fmt: skip
_KNOWN = set(BUILTIN_KEYWORDS) | {"income", "transfer"}


def sbp_category(qif: str) -> str:
    """sbp's category for a QIF `L` or `S` value; '' when there is none."""
    text = " ".join(qif.split()).lower()
    if not text:
        return ""
    if text.startswith("["):
        return "transfer"  # `[Savings]`: money moved to another of the person's accounts
    parts = [part.strip() for part in text.split("/")[0].split(":") if part.strip()]
    if not parts:
        return ""
    for part in reversed(parts):  # the most precise part first: `Auto:Fuel` is fuel
        if part in _KNOWN:
            return part
        for words, category in _BY_WORD:
            if part in words:
                return category
    return parts[0][:40]
