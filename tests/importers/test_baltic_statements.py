"""Swedbank's statements in Estonia, Latvia and Lithuania: one layout in three languages, with a
debit/credit flag column and, around the transactions, the opening balance, the turnover on
each side and the closing balance as rows of their own (row types 10, 86 and 82)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest

from sbp.core.importers.detect import read_statement
from sbp.core.importers.rows import BadRow, Row, SkippedRow

ESTONIAN = """\
"Kliendi konto";"Reatüüp";"Kuupäev";"Saaja/Maksja";"Selgitus";"Summa";"Valuuta";"Deebet/Kreedit";"Arhiveerimistunnus";"Tehingu tüüp";"Viitenumber";"Dokumendi number";
"EE382200221020145685";"10";"01.11.2026";"";"Algsaldo";"250,00";"EUR";"K";"";"AS";"";"";
"EE382200221020145685";"20";"03.11.2026";"RIMI EESTI";"Kaardimakse";"18,40";"EUR";"D";"2026110300001";"K";"";"";
"EE382200221020145685";"20";"05.11.2026";"ACME OU";"Palk november";"1800,00";"EUR";"K";"2026110500002";"MK";"";"";
"EE382200221020145685";"20";"09.11.2026";"BOLT";"Sõit";"6,50";"EUR";"D";"2026110900003";"K";"";"";
"EE382200221020145685";"86";"30.11.2026";"";"Käive";"24,90";"EUR";"D";"";"KÄ";"";"";
"EE382200221020145685";"86";"30.11.2026";"";"Käive";"1800,00";"EUR";"K";"";"KÄ";"";"";
"EE382200221020145685";"82";"30.11.2026";"";"Lõppsaldo";"2025,10";"EUR";"K";"";"LS";"";"";
"""  # noqa: E501

LATVIAN = """\
"Klienta konts";"Ieraksta tips";"Datums";"Saņēmējs/Maksātājs";"Informācija saņēmējam";"Summa";"Valūta";"Debets/Kredīts";"Arhīva kods";"Maksājuma veids";"Refernces numurs";"Dokumenta numurs";
"LV80HABA0551012345678";"10";"01.11.2026";"";"Sākuma atlikums";"250,00";"EUR";"K";"";"AS";"";"";
"LV80HABA0551012345678";"20";"03.11.2026";"MAXIMA LATVIJA";"Pirkums";"18,40";"EUR";"D";"2026110300001";"CTX";"";"";
"LV80HABA0551012345678";"20";"05.11.2026";"ACME SIA";"Alga";"1800,00";"EUR";"K";"2026110500002";"MK";"";"";
"LV80HABA0551012345678";"20";"09.11.2026";"BOLT";"Brauciens";"6,50";"EUR";"D";"2026110900003";"CTX";"";"";
"LV80HABA0551012345678";"86";"30.11.2026";"";"Apgrozījums";"24,90";"EUR";"D";"";"AB";"";"";
"LV80HABA0551012345678";"86";"30.11.2026";"";"Apgrozījums";"1800,00";"EUR";"K";"";"AB";"";"";
"LV80HABA0551012345678";"82";"30.11.2026";"";"Beigu atlikums";"2025,10";"EUR";"K";"";"LS";"";"";
"""  # noqa: E501

LITHUANIAN = """\
"Sąskaitos Nr.","","Data","Gavėjas","Paaiškinimai","Suma","Valiuta","D/K","Įrašo ID","Kodas","Įmokos kodas","Dok. Nr."
"LT127300010012345678","10","2026-11-01","","Likutis pradžiai","250.00","EUR","K","","AS","",""
"LT127300010012345678","20","2026-11-03","MAXIMA LT","Pirkinys kortele","18.40","EUR","D","2026110300001","K","",""
"LT127300010012345678","20","2026-11-05","UAB DARBDAVYS","Atlyginimas","1800.00","EUR","K","2026110500002","MK","",""
"LT127300010012345678","20","2026-11-09","BOLT","Kelionė","6.50","EUR","D","2026110900003","K","",""
"LT127300010012345678","86","2026-11-30","","Apyvarta","24.90","EUR","D","","AP","",""
"LT127300010012345678","86","2026-11-30","","Apyvarta","1800.00","EUR","K","","AP","",""
"LT127300010012345678","82","2026-11-30","","Likutis pabaigai","2025.10","EUR","K","","LS","",""
"""  # noqa: E501

EMPLOYER = {"et": "ACME OU", "lv": "ACME SIA", "lt": "UAB DARBDAVYS"}
SHOP = {"et": "RIMI EESTI", "lv": "MAXIMA LATVIJA", "lt": "MAXIMA LT"}


@pytest.mark.parametrize(
    ("language", "text"), [("et", ESTONIAN), ("lv", LATVIAN), ("lt", LITHUANIAN)]
)
def test_a_swedbank_baltic_statement_imports_its_transactions_and_skips_its_balances(
    language: str, text: str
) -> None:
    statement = read_statement("statement.csv", io.BytesIO(text.encode()), {}, "EUR")
    records = list(statement.rows)

    assert [r for r in records if isinstance(r, BadRow)] == []
    rows = [r for r in records if isinstance(r, Row)]

    assert [(r.description, r.amount, r.currency, r.bank_id) for r in rows] == [
        (SHOP[language], Decimal("18.40"), "EUR", "2026110300001"),
        (EMPLOYER[language], Decimal("-1800.00"), "EUR", "2026110500002"),
        ("BOLT", Decimal("6.50"), "EUR", "2026110900003"),
    ]
    assert [r.reason for r in records if isinstance(r, SkippedRow)] == ["summary line"] * 4
