"""Files saved as UTF-16 or UTF-32 (Excel's "Unicode text", some banks' exports) read exactly as
the same file in UTF-8, in every format, with or without a byte-order mark."""

from __future__ import annotations

import codecs
import io
from collections.abc import Callable

import pytest

from sbp.core.errors import InvalidInput
from sbp.core.importers.detect import read_statement
from sbp.core.importers.mapping import check_map
from sbp.core.importers.rows import Row

CSV = (
    "Datum\tBeschreibung\tBetrag\r\n"
    "03.11.2026\tBäckerei Müller\t-2,40\r\n"
    "04.11.2026\tGehalt\t1.500,00\r\n"
)
QIF = "!Type:Bank\nD11/03/2026\nT-3.50\nPCafé Crème\n^\nD11/04/2026\nT-12.00\nPLunch\n^\n"
JSON = (
    '{"expenses": [{"date": "2026-11-03", "amount": "3.50", "currency": "USD",'
    ' "description": "Café Crème"}]}'
)
OFX = """<?xml version="1.0" encoding="UTF-8"?>
<?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>
<OFX><BANKMSGSRSV1><STMTTRNRS><TRNUID>1</TRNUID><STMTRS><CURDEF>USD</CURDEF>
<BANKACCTFROM><BANKID>121000248</BANKID><ACCTID>4431</ACCTID><ACCTTYPE>CHECKING</ACCTTYPE></BANKACCTFROM>
<BANKTRANLIST><DTSTART>20261101</DTSTART><DTEND>20261130</DTEND>
<STMTTRN><TRNTYPE>DEBIT</TRNTYPE><DTPOSTED>20261102</DTPOSTED><TRNAMT>-45.10</TRNAMT>
<FITID>c1</FITID><NAME>Café Crème</NAME></STMTTRN>
</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>
"""


def rows(name: str, data: bytes, mapping: dict[str, str] | None = None) -> list[tuple[object, ...]]:
    statement = read_statement(name, io.BytesIO(data), mapping or {}, "USD")
    return [
        (r.date, r.amount, r.currency, r.description) for r in statement.rows if isinstance(r, Row)
    ]


ENCODINGS: dict[str, Callable[[str], bytes]] = {
    "utf-16 (Windows: little-endian, with a mark)": lambda text: text.encode("utf-16"),
    "utf-16 big-endian, with a mark": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-16 little-endian, without a mark": lambda text: text.encode("utf-16-le"),
    "utf-16 big-endian, without a mark": lambda text: text.encode("utf-16-be"),
    "utf-32, with a mark": lambda text: text.encode("utf-32"),
}


@pytest.mark.parametrize("encode", ENCODINGS.values(), ids=ENCODINGS.keys())
@pytest.mark.parametrize(
    ("name", "text"), [("b.tsv", CSV), ("b.qif", QIF), ("b.json", JSON)], ids=["tsv", "qif", "json"]
)
def test_a_wide_unicode_file_reads_as_its_utf8_twin(
    encode: Callable[[str], bytes], name: str, text: str
) -> None:
    expected = rows(name, text.encode())

    assert expected
    assert rows(name, encode(text)) == expected


def test_an_ofx_file_in_utf16_reads_as_its_utf8_twin() -> None:
    expected = rows("s.ofx", OFX.encode())

    assert expected
    assert rows("s.ofx", OFX.encode("utf-16")) == expected


@pytest.mark.parametrize("named", ["utf-16", "UTF-16", "utf16", "utf-16-le", "utf_16"])
def test_map_encoding_takes_the_utf16_names_the_hint_suggests(named: str) -> None:
    check_map({"encoding": named})

    assert rows("b.tsv", CSV.encode("utf-16"), {"encoding": named}) == rows("b.tsv", CSV.encode())


def test_a_profile_saved_from_a_utf16_file_reads_the_next_one() -> None:
    first = read_statement("b.tsv", io.BytesIO(CSV.encode("utf-16")), {}, "USD")
    profile = dict(first.layout)

    assert profile["encoding"] == "utf-16"
    assert rows("b.tsv", CSV.encode("utf-16"), profile) == rows("b.tsv", CSV.encode())


@pytest.mark.parametrize("named", ["rot13", "zip", "base64", "idna", "nonexistent"])
def test_map_encoding_still_refuses_what_is_no_text_encoding(named: str) -> None:
    with pytest.raises(InvalidInput, match="not a text encoding"):
        check_map({"encoding": named})
