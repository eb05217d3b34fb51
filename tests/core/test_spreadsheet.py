"""CSV cells a spreadsheet shows as text: OWASP's formula-injection rule, and its exact inverse."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sbp.core.spreadsheet import restored, safe_cell

STARTS = st.sampled_from(["=", "+", "-", "@", "\t", "\r", "'", " ", "''=", "-3", "1"])
CELL = st.tuples(STARTS, st.text(max_size=12)).map("".join) | st.text(max_size=12)


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        (
            '=HYPERLINK("http://evil.example","refund")',
            '\'=HYPERLINK("http://evil.example","refund")',
        ),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-cmd", "'-cmd"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        (" =1+1", "' =1+1"),
        ("-3.00", "-3.00"),  # a refund's amount stays a number
        ("+12", "+12"),
        ("-3 returned mug", "'-3 returned mug"),
        ("'=already marked", "''=already marked"),  # one more mark, so the text comes back
        ("'s-Hertogenbosch", "'s-Hertogenbosch"),
        ("Blue Bottle", "Blue Bottle"),
        ("", ""),
    ],
)
def test_a_cell_that_would_be_a_formula_is_marked_as_text(text: str, cell: str) -> None:
    assert safe_cell(text) == cell
    assert restored(cell) == text


@given(CELL)
def test_marking_is_undone_exactly(text: str) -> None:
    assert restored(safe_cell(text)) == text


@given(CELL)
def test_no_marked_cell_starts_a_formula_unless_it_is_a_plain_number(text: str) -> None:
    cell = safe_cell(text)
    starts_formula = cell.lstrip(" ")[:1] in ("=", "+", "-", "@", "\t", "\r")
    if starts_formula:
        float(cell)  # only a number may start with a sign
