"""Bad rows are listed with their line and reason; by default the file is not imported at all."""

from __future__ import annotations

import pytest
from bank_files import import_text

from sbp.planner import Planner

HEADER = "Date,Description,Amount,Currency\n"
GOOD = "2026-11-02,Coffee,-3.00,USD\n"

BAD_ROWS = {
    "a date that is no date": ("2026-13-45,Tea,-2.00,USD", "is not"),
    "a date that is words": ("yesterday-ish,Tea,-2.00,USD", "is not a date"),
    "an amount that is no number": ("2026-11-03,Tea,abc,USD", "amount 'abc' is not a number"),
    "an empty amount": ("2026-11-03,Tea,,USD", "amount is empty"),
    "too many decimals": ("2026-11-03,Tea,-2.005,USD", "more than 2 decimals"),
    "too few fields": ("2026-11-03,Tea", "expected 4 fields, found 2"),
    "too many fields": ("2026-11-03,Tea,-2.00,USD,extra", "expected 4 fields, found 5"),
    "an empty description": ("2026-11-03,  ,-2.00,USD", "description is empty"),
    "a currency that is no code": ("2026-11-03,Tea,-2.00,DOLLARS", "not a 3-letter ISO 4217 code"),
}


@pytest.mark.parametrize("case", sorted(BAD_ROWS))
def test_each_bad_row_is_reported_with_its_line_and_nothing_is_stored(
    planner: Planner, case: str
) -> None:
    line, reason = BAD_ROWS[case]

    result = import_text(planner, HEADER + GOOD + line + "\n" + GOOD.replace("02", "04"))

    assert [bad.line for bad in result.invalid] == [3]
    assert reason in result.invalid[0].reason
    assert (result.stored, result.batch_id) == (False, None)
    assert planner.list_expenses(month="2026-11") == []


def test_skip_invalid_imports_the_good_rows_and_still_lists_the_bad(planner: Planner) -> None:
    text = HEADER + GOOD + "2026-11-03,Tea,abc,USD\n" + "2026-11-04,Cake,-4.00,USD\n"

    result = import_text(planner, text, skip_invalid=True)

    assert (result.added, [b.line for b in result.invalid], result.stored) == (2, [3], True)
    assert len(planner.list_expenses(month="2026-11")) == 2


def test_debit_credit_files_refuse_rows_with_neither_amount(planner: Planner) -> None:
    text = "Date,Description,Debit,Credit\n2026-11-02,Coffee,3.00,\n2026-11-03,Nothing,,\n"

    result = import_text(planner, text)

    assert [(b.line, b.reason) for b in result.invalid] == [
        (3, "neither a debit nor a credit amount")
    ]


def test_line_numbers_count_quoted_line_breaks_like_an_editor_does(planner: Planner) -> None:
    text = HEADER + '2026-11-02,"Two\nlines",-3.00,USD\n2026-11-03,Tea,bad,USD\n'

    result = import_text(planner, text)

    assert [b.line for b in result.invalid] == [4]


def test_an_ofx_file_that_is_broken_is_refused_whole(planner: Planner) -> None:
    from sbp.core.errors import InvalidInput

    with pytest.raises(InvalidInput, match="holds no bank or card statement"):
        import_text(planner, "OFXHEADER:100\n<OFX><BROKEN>", name="bad.ofx")


def test_a_file_that_stops_being_utf8_is_refused_with_the_encoding_to_pin(
    planner: Planner,
) -> None:
    import io

    from sbp.core.errors import InvalidInput

    head = "Date,Description,Amount\n" + "2026-11-02,Tea,-2.00\n" * 5000
    data = head.encode() + "2026-11-03,Caf\xe9,-3.00\n".encode("cp1252")

    with pytest.raises(InvalidInput, match="stops being UTF-8") as refused:
        planner.import_file("mixed.csv", io.BytesIO(data))

    assert "encoding=cp1252" in (refused.value.hint or "")
    assert planner.list_expenses(month="2026-11") == []
