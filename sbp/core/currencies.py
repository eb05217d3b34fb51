"""The currency codes sbp knows, as data: ISO 4217's current list and the codes withdrawn since
2018 that old bank statements still carry. Any other three letters are refused, with the list.

Source: ISO 4217 "List One" (current currency and funds codes) as published by its maintenance
agency, SIX, with amendments to 2025. Codes are facts, not a creative work; the list is kept here
by hand and grows with the standard.
"""

from __future__ import annotations

_CURRENT_CODES = """
    AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN
    BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR
    FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY
    KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU
    MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON
    RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP
    TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XAG XAU XBA XBB XBC
    XBD XCD XCG XDR XOF XPD XPF XPT XSU XUA YER ZAR ZMW ZWG
"""
_WITHDRAWN_CODES = "ANG BGN CUC HRK MRO SLL STD VEF ZWL"

CURRENT = frozenset(_CURRENT_CODES.split())
"""ISO 4217's current codes, less XTS (reserved for testing) and XXX (no currency at all)."""

WITHDRAWN = frozenset(_WITHDRAWN_CODES.split())
"""Codes withdrawn since 2018 (the Netherlands Antillean guilder, the Bulgarian lev, the
Cuban convertible peso, the Croatian kuna, ...), kept so that old statements still import."""

KNOWN = CURRENT | WITHDRAWN


def is_known(code: str) -> bool:
    """Whether `code` (upper case) is a currency sbp knows."""
    return code in KNOWN
