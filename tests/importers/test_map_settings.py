"""`--map` values that cannot work are refused with what would, before anything is read: never a
traceback, and nothing stored."""

from __future__ import annotations

import pytest
from bank_files import import_text

from sbp.core.errors import InvalidInput
from sbp.planner import Planner

TEXT = "Date,Description,Amount\n2026-11-03,Tea,-2.00\n2026-11-04,Cake,-3.00\n"

REFUSED = {
    "encoding=nonexistent": "not a text encoding",
    "encoding=rot13": "not a text encoding",
    "encoding=zip": "not a text encoding",
    "encoding=base64": "not a text encoding",
    "encoding=idna": "not a text encoding",
    "delimiter=ab": "a delimiter is one character",
    "delimiter=": "a delimiter is one character",
    'delimiter="': "a delimiter is one character",
    "header=999999999": "from 1 to 200",
    "header=-3": "from 1 to 200",
    "header=150": "hold no such line",
    "format=xlsx": "use csv or ofx or json or qif",
    "spending=up": "use negative or positive",
    "units=dollars": "use cents or whole",
    "dates=yyyy/dd/mm": "unknown date format",
    "date=9": "no such column",
}


@pytest.mark.parametrize("setting", sorted(REFUSED))
def test_a_setting_that_cannot_work_is_refused_with_what_would(
    planner: Planner, setting: str
) -> None:
    key, _, value = setting.partition("=")

    with pytest.raises(InvalidInput) as refused:
        import_text(planner, TEXT, mapping={key: value})

    assert REFUSED[setting] in f"{refused.value} {refused.value.hint}"
    assert planner.list_expenses(start="2000-01-01", end="2099-12-31") == []


@pytest.mark.parametrize("setting", ["encoding=latin-1", "encoding=cp1252", "delimiter=comma",
                                     "header=1", "format=csv", "dates=yyyy-mm-dd"])  # fmt: skip
def test_a_setting_that_works_is_taken(planner: Planner, setting: str) -> None:
    key, _, value = setting.partition("=")

    assert import_text(planner, TEXT, mapping={key: value}).added == 2


def test_naming_every_column_of_a_file_imports_it(planner: Planner) -> None:
    text = "Booked,Payee,Sum\n2026-11-03,Tea,-2.00\n"

    result = import_text(
        planner, text, mapping={"date": "Booked", "amount": "Sum", "description": "Payee"}
    )

    assert result.added == 1
