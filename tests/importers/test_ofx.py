"""OFX read tolerantly: what a strict reader refuses still imports, the same as ofxtools reads
where it does, investment statements are skipped by name, and no file's content is ever shown."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from bank_files import import_text
from corpus import BANKS, corpus

from sbp.core.errors import InvalidInput
from sbp.core.importers.detect import read_statement
from sbp.core.importers.rows import BadRow, Row, SkippedRow
from sbp.planner import Planner

HEAD = "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nCHARSET:1252\n\n<OFX><BANKMSGSRSV1><STMTTRNRS>"
OFX_FILES = [e["file"] for e in corpus() if e["file"].endswith((".ofx", ".qfx"))]


def statement(body: str) -> str:
    return (
        f"{HEAD}<STMTRS><CURDEF>USD<BANKACCTFROM><BANKID>1<ACCTID>42<ACCTTYPE>CHECKING"
        f"</BANKACCTFROM><BANKTRANLIST>{body}</BANKTRANLIST></STMTRS></STMTTRNRS>"
        "</BANKMSGSRSV1></OFX>\n"
    )


def transaction(amount: str, name: str = "SHOP", fitid: str = "1") -> str:
    return (
        f"<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20261103<TRNAMT>{amount}<FITID>{fitid}"
        f"<NAME>{name}</STMTTRN>"
    )


def records(text: str) -> list[Row | BadRow | SkippedRow]:
    return list(read_statement("x.ofx", io.BytesIO(text.encode()), {}, "USD").rows)


def strictly_read(name: str) -> list[tuple[str, Decimal, str]] | None:
    """The file's transactions as ofxtools reads them (id, sbp amount, type); None when it
    refuses the file."""
    import warnings

    from ofxtools.Parser import OFXTree

    tree = OFXTree()
    try:
        with warnings.catch_warnings(), (BANKS / name).open("rb") as stream:
            warnings.simplefilter("ignore")
            tree.parse(stream)
            return [
                (str(t.fitid), -Decimal(t.trnamt), str(t.trntype))
                for s in tree.convert().statements
                for t in s.banktranlist
                if t.trnamt
            ]
    except Exception:
        return None


def test_where_ofxtools_reads_a_file_the_same_transactions_come_out() -> None:
    compared = refused = 0
    for name in OFX_FILES:
        theirs = strictly_read(name)
        if theirs is None:
            refused += 1
            continue
        with (BANKS / name).open("rb") as stream:
            rows = read_statement(name, stream, {}, "USD").rows
            ours = [(r.bank_id, r.amount, r.kind) for r in rows if isinstance(r, Row)]
        assert ours == theirs, name
        compared += 1

    assert compared >= 3 and refused >= 5  # what a strict reader refuses is why sbp reads its own


def test_an_investment_statement_is_skipped_by_name_and_the_bank_rows_imported(
    planner: Planner,
) -> None:
    with (BANKS / "us_investment_and_checking.ofx").open("rb") as stream:
        result = planner.import_file("inv.ofx", stream)

    assert result.added == 13
    assert result.skipped == {"investment statement for account 987654 (3 transactions)": 1}


def test_a_header_that_names_the_wrong_character_set_does_not_garble_the_text() -> None:
    with (BANKS / "br_charset_mismatch.ofx").open("rb") as stream:
        rows = list(read_statement("br.ofx", stream, {}, "BRL").rows)

    assert [r.description for r in rows if isinstance(r, Row)][1] == "CRÉDITO SALÁRIO"


def test_the_bank_s_day_is_kept_whatever_time_zone_follows_it() -> None:
    with (BANKS / "au_midnight_offset.ofx").open("rb") as stream:
        rows = [r for r in read_statement("au.ofx", stream, {}, "AUD").rows if isinstance(r, Row)]

    assert [r.date for r in rows] == [date(2026, 11, 1), date(2026, 11, 2), date(2026, 11, 3)]


def test_the_transaction_type_and_merchant_code_are_carried() -> None:
    with (BANKS / "us_card_ofx2.qfx").open("rb") as stream:
        rows = [r for r in read_statement("c.qfx", stream, {}, "USD").rows if isinstance(r, Row)]

    assert [(r.kind, r.mcc) for r in rows] == [
        ("DEBIT", "5411"), ("DEBIT", "7523"), ("CREDIT", None), ("DEBIT", "5732")
    ]  # fmt: skip


@pytest.mark.parametrize(
    "amount",
    ["-50000000000000000.01", "-99999999999999999999", "-1E30", "-Infinity", "NaN", "1.005"],
)
def test_an_amount_add_would_refuse_is_a_bad_row(planner: Planner, amount: str) -> None:
    text = statement(transaction(amount) + transaction("-2.00", fitid="2"))

    result = import_text(planner, text, name="big.ofx")

    assert [bad.line for bad in result.invalid] == [6]
    assert planner.list_expenses(start="2000-01-01", end="2099-12-31") == []


def test_a_broken_file_is_refused_without_showing_its_content(planner: Planner) -> None:
    secret = "ACCOUNT-HOLDER-JANE-DOE-SSN-123"
    for text in (f"OFXHEADER:100\n{secret}<OFX><BROKEN>", f"<OFX><SIGNON>{secret}</OFX>"):
        with pytest.raises(InvalidInput) as refused:
            import_text(planner, text, name="bad.ofx")

        assert secret not in str(refused.value) and secret not in (refused.value.hint or "")


def test_an_unclosed_transaction_and_stray_text_do_not_stop_the_file() -> None:
    text = statement(
        "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20261103<TRNAMT>-1.50<FITID>a<NAME>ONE"
        "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20261104<TRNAMT>-2.50<FITID>b<NAME>TWO &amp; CO"
        "</STMTTRN> stray < text"
    )

    rows = records(text)

    assert [(r.description, r.amount) for r in rows if isinstance(r, Row)] == [
        ("ONE", Decimal("1.50")),
        ("TWO & CO", Decimal("2.50")),
    ]


def test_a_file_holding_only_an_investment_statement_says_so() -> None:
    text = (
        "<OFX><INVSTMTMSGSRSV1><INVSTMTTRNRS><INVSTMTRS><INVACCTFROM><ACCTID>77</INVACCTFROM>"
        "<INVTRANLIST><BUYSTOCK><INVBUY><INVTRAN><FITID>1</INVTRAN></INVBUY></BUYSTOCK>"
        "</INVTRANLIST></INVSTMTRS></INVSTMTTRNRS></INVSTMTMSGSRSV1></OFX>"
    )

    with pytest.raises(InvalidInput, match="only: investment statement for account 77"):
        records(text)


def test_a_big_statement_is_read_in_small_pieces() -> None:
    body = "".join(transaction(f"-{n % 90 + 1}.25", f"SHOP {n}", str(n)) for n in range(20_000))

    rows = records(statement(body))

    assert len(rows) == 20_000 and rows[-1] == Row(
        rows[-1].line, date(2026, 11, 3), Decimal("20.25"), "USD", "SHOP 19999", "19999",
        kind="DEBIT",
    )  # fmt: skip
