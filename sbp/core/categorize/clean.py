"""Descriptions cleaned for matching: the merchant's words, without what banks add around them.

A card statement wraps a merchant's name in processor prefixes (`SQ *`, `PAYPAL *`), store and
terminal numbers, card fragments, dates, web addresses and a city, state or country at the end.
`clean` keeps the words a merchant is known by, lower case and without accents, so every layer
(rules, corrections, the merchant knowledge base, keywords, the person's model) sees the same
thing: "SQ *BLUE BOTTLE #12 OAKLAND CA 11/23" is "blue bottle oakland".

It works word by word, so it never joins words: a word of the result is a whole word of the
description, or the name a store number was run into ("FRESHCO9705", "WHETSTONE00" are
"freshco", "whetstone"). Running it again changes nothing, and it never empties a description
that has any letter or digit: when nothing would be left, the description's own words stay.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W_]+(?:['&][^\W_]+)*")
_DIGITS = re.compile(r"\d")
_NUMBERED = re.compile(r"([a-z]{3,})(?:\d{4,}|00+)[a-z]?")
"""A name with a store or terminal number run into its end ("IMPARK00090435A", "HTL00"): four
digits or more, or noughts, so that brands named with a number ("RUE21", "EMART24") stay whole."""

NOISE = frozenset(
    (
        # payment processors and card wording
        "sq", "tst", "sumup", "iz", "izettle", "zettle", "sp", "pp", "paypal", "ppl",
        "pos", "purchase", "purchases", "card", "cards", "debit", "credit", "visa",
        "mastercard", "maestro", "amex", "contactless", "cashback", "recurring", "authorized",
        "authorised", "transaction", "txn", "ref", "reference", "www", "http", "https",
        "com", "co", "net", "org", "ltd", "limited", "plc", "llc",
        "inc", "gmbh", "bv", "sarl", "sas", "spa", "srl", "oy", "oyj", "kg", "ag",
        "compra", "pago", "en", "achat", "cb", "kartenzahlung", "lastschrift", "einkauf",
        "ecom", "intl", "int'l",
    )
)  # fmt: skip
"""Words that say how a card was used or what kind of company it is, never who was paid."""

PLACE_TAILS = frozenset(
    (
        # United States and Canada
        "al", "ak", "az", "ar", "ca", "co", "ct", "de", "dc", "fl", "ga", "hi", "id", "il",
        "in", "ia", "ks", "ky", "la", "me", "md", "ma", "mi", "mn", "ms", "mo", "mt", "ne",
        "nv", "nh", "nj", "nm", "ny", "nc", "nd", "oh", "ok", "or", "pa", "ri", "sc", "sd",
        "tn", "tx", "ut", "vt", "va", "wa", "wv", "wi", "wy", "on", "qc", "bc", "ab", "mb",
        "ns", "nb", "nl", "pe", "sk",
        # countries as card networks write them
        "us", "usa", "gb", "gbr", "uk", "ie", "irl", "fr", "fra", "es", "esp", "it", "ita",
        "pt", "prt", "nld", "be", "bel", "deu", "ger", "at", "aut", "ch", "che", "se",
        "swe", "no", "nor", "dk", "dnk", "fi", "fin", "pl", "pol", "cz", "cze", "hu",
        "hun", "gr", "grc", "mx", "mex", "br", "bra", "ar", "arg", "au", "aus", "nz",
        "jp", "jpn", "cn", "chn", "hk", "hkg", "sg", "sgp", "in", "ind", "za", "zaf",
        "lu", "lux", "can", "cdmx",
    )
)  # fmt: skip
"""Codes of states, provinces and countries that end many card descriptions."""

COUNTRY_TAILS = (("united", "kingdom"), ("united", "states"))
"""Countries of two words that end descriptions ("WMF UNITED KINGDOM"), whose first word is
also a brand's ("UNITED" the airline)."""
_COUNTRY_ENDS = frozenset(last for _, last in COUNTRY_TAILS)


def words(description: str) -> list[str]:
    """The description's words, lower case, accents removed, apostrophes dropped."""
    text = description.lower()
    if not text.isascii():
        text = _without_accents(text).lower()
    return [word.replace("'", "") for word in _WORD.findall(text)]


def clean(description: str) -> str:
    """The words a merchant is known by; see the module's docstring."""
    found = words(description)
    kept = [name for name in map(_kept, found) if name]
    if not kept:
        return " ".join(found) if found else description.strip()
    while len(kept) > 1 and kept[-1] in PLACE_TAILS:
        kept.pop()
    while len(kept) > 2 and kept[-1] in _COUNTRY_ENDS and tuple(kept[-2:]) in COUNTRY_TAILS:
        del kept[-2:]
        while len(kept) > 1 and kept[-1] in PLACE_TAILS:
            kept.pop()
    return " ".join(kept)


def _kept(word: str) -> str:
    """The word as it is kept: itself, the name a store number was run into, or "" for none."""
    if word in NOISE:
        return ""
    if word.isalpha():
        return word
    numbered = _NUMBERED.fullmatch(word)
    if numbered is not None:  # not a card's masked number ("XXXX4411")
        name = numbered.group(1)
        return name if name not in NOISE and name.strip("x") else ""
    digits = len(_DIGITS.findall(word))
    return "" if word.isdigit() or (digits >= 3 and not _number_first(word)) else word


def _number_first(word: str) -> bool:
    """Whether a word is a name that starts with a number ("247RADIOCARS", "1800FLOWERS"),
    not a reference whose letters and digits are mixed ("5QS47336YBDM")."""
    name = word.lstrip("0123456789")
    return len(word) - len(name) <= 4 and len(name) >= 5 and name.isalpha()


def _without_accents(text: str) -> str:
    import unicodedata  # only for descriptions that need it: it costs start-up time

    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded if not unicodedata.combining(c))
