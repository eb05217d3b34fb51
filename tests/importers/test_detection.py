"""What is detected, what is only guessed (and said), and how `--map` and profiles pin it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from bank_files import import_text

from sbp.core.errors import InvalidDate, InvalidInput, NotFound
from sbp.planner import Planner


def ambiguous_then(last_line: str, rows: int = 300) -> str:
    lines = ["Date,Description,Amount"]
    lines += [
        f"0{1 + n % 9}/0{1 + (n + 1) % 9}/2026,Coffee {n},-3.{n % 90 + 10}" for n in range(rows)
    ]
    return "\n".join([*lines, last_line]) + "\n"


def test_the_day_month_order_is_decided_by_a_row_far_below_the_sample(planner: Planner) -> None:
    result = import_text(planner, ambiguous_then("25/03/2026,Late coffee,-4.00"))

    assert result.added == 301
    assert planner.list_expenses(month="2026-03", search="Late coffee")[0].date == date(2026, 3, 25)
    first = planner.list_expenses(month="2026-02", search="Coffee 0")
    assert [e.date for e in first if e.description == "Coffee 0"] == [date(2026, 2, 1)]


def test_a_file_whose_dates_fit_both_orders_is_refused_with_the_fix(planner: Planner) -> None:
    with pytest.raises(InvalidDate) as refused:
        import_text(planner, ambiguous_then("04/05/2026,Tea,-2.00", rows=3))

    assert "dates=dd/mm/yyyy" in (refused.value.hint or "")
    assert planner.list_expenses(start="2000-01-01", end="2099-12-31") == []


def test_map_pins_the_day_month_order(planner: Planner) -> None:
    text = "Date,Description,Amount\n04/05/2026,Tea,-2.00\n"

    import_text(planner, text, mapping={"dates": "mm/dd/yyyy"})

    assert planner.list_expenses(month="2026-04")[0].description == "Tea"


def test_map_names_columns_a_header_does_not(planner: Planner) -> None:
    text = "When;What;How much;Left\n03.11.2026;Bäckerei;-2,40;100,00\n"

    result = import_text(planner, text, mapping={"date": "When", "description": "2", "amount": "3"})

    assert result.added == 1
    [expense] = planner.list_expenses(month="2026-11")
    assert (expense.description, expense.amount) == ("Bäckerei", Decimal("2.40"))


def test_a_file_without_a_recognisable_amount_column_says_how_to_pin_it(planner: Planner) -> None:
    with pytest.raises(InvalidInput) as refused:
        import_text(planner, "Date,Description,Sum\n2026-11-03,Tea,two\n2026-11-04,Cake,one\n")

    assert "--map amount=" in (refused.value.hint or "")


def test_a_column_whose_name_is_unknown_is_found_by_its_contents_and_said(
    planner: Planner,
) -> None:
    result = import_text(planner, "Date,Description,Sum\n2026-11-03,Tea,-2.00\n")

    assert result.added == 1
    assert any("amount=Sum" in guess for guess in result.guesses)


def test_the_sign_is_a_guess_that_is_said_and_can_be_pinned(planner: Planner) -> None:
    text = "Date,Description,Amount\n2026-11-03,Tea,2.00\n2026-11-04,Refund,-1.00\n"

    guessed = import_text(planner, text, dry_run=True)
    pinned = import_text(planner, text, mapping={"spending": "negative"}, dry_run=True)

    assert any("spending=positive" in g for g in guessed.guesses)
    assert [r.amount for r in guessed.rows] == [Decimal("2.00"), Decimal("-1.00")]
    assert [r.amount for r in pinned.rows] == [Decimal("-2.00"), Decimal("1.00")]


def test_a_currency_column_gives_each_row_its_currency(planner: Planner) -> None:
    text = "Date,Description,Amount,Currency\n2026-11-03,Tea,-2.00,EUR\n2026-11-04,Cab,-9.00,\n"

    import_text(planner, text)

    assert {(e.description, e.currency) for e in planner.list_expenses(month="2026-11")} == {
        ("Tea", "EUR"),
        ("Cab", "USD"),
    }


def test_map_can_give_one_currency_for_a_whole_file(planner: Planner) -> None:
    import_text(
        planner, "Date,Description,Amount\n2026-11-03,Tea,-2.00\n", mapping={"currency": "CHF"}
    )

    assert planner.list_expenses(month="2026-11")[0].currency == "CHF"


def test_tab_separated_files_with_thousands_separators_are_read(planner: Planner) -> None:
    text = "Date\tPayee\tAmount\n2026-11-03\tIKEA\t-1,299.00\n2026-11-04\tCafe\t-3.50\n"

    import_text(planner, text)

    assert sorted(e.amount for e in planner.list_expenses(month="2026-11")) == [
        Decimal("3.50"),
        Decimal("1299.00"),
    ]


def test_a_saved_profile_pins_the_layout_for_later_files(planner: Planner) -> None:
    first = import_text(
        planner, "Date,Description,Amount\n04/05/2026,Tea,-2.00\n", mapping={"dates": "dd/mm/yyyy"}
    )
    planner.save_import_profile("mybank", first.layout)

    import_text(planner, "Date,Description,Amount\n06/07/2026,Cake,-3.00\n", profile="mybank")

    assert planner.list_expenses(month="2026-07")[0].description == "Cake"


def test_an_unknown_profile_or_map_key_is_refused(planner: Planner) -> None:
    with pytest.raises(NotFound):
        import_text(planner, "Date,Description,Amount\n", profile="nope")
    with pytest.raises(InvalidInput, match="unknown --map key 'colour'"):
        import_text(planner, "Date,Description,Amount\n", mapping={"colour": "red"})
