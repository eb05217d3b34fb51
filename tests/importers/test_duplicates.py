"""Never a doubled expense: re-imports, overlapping files, bank ids, and hand-entered twins."""

from __future__ import annotations

from decimal import Decimal

from bank_files import import_fixture, import_text

from sbp.planner import Planner

HEADER = "Date,Description,Amount\n"
OCTOBER = "2026-10-01,Rent,-900.00\n2026-10-03,Coffee,-3.00\n2026-10-03,Coffee,-3.00\n"
NOVEMBER = "2026-11-01,Rent,-900.00\n2026-11-02,Coffee,-3.00\n"


def everything(planner: Planner) -> list[tuple[str, Decimal, str]]:
    return sorted(
        (e.date.isoformat(), e.amount, e.description)
        for e in planner.list_expenses(start="2000-01-01", end="2099-12-31")
    )


def test_reimporting_a_file_adds_nothing(planner: Planner) -> None:
    first = import_fixture(planner, "us_checking_signed.csv")
    before = everything(planner)

    again = import_fixture(planner, "us_checking_signed.csv")

    assert (first.added, again.added, again.duplicates) == (10, 0, 10)
    assert again.batch_id is None
    assert everything(planner) == before


def test_identical_rows_in_one_file_stay_two(planner: Planner) -> None:
    import_text(planner, HEADER + OCTOBER)

    coffees = [e for e in everything(planner) if e[2] == "Coffee"]
    assert len(coffees) == 2


def test_an_overlapping_file_adds_only_the_rows_not_seen_before(planner: Planner) -> None:
    import_text(planner, HEADER + OCTOBER)

    overlap = import_text(planner, HEADER + OCTOBER + NOVEMBER)

    assert (overlap.added, overlap.duplicates) == (2, 3)
    assert len(everything(planner)) == 5


def test_a_later_file_with_one_more_identical_row_adds_just_that_one(planner: Planner) -> None:
    import_text(planner, HEADER + OCTOBER)

    third = import_text(planner, HEADER + OCTOBER + "2026-10-03,Coffee,-3.00\n")

    assert (third.added, third.duplicates) == (1, 3)


def test_rows_with_bank_ids_are_matched_by_id_even_when_the_text_changed(planner: Planner) -> None:
    import_text(planner, "Date,Description,Amount,Transaction ID\n2026-11-02,Coffee,-3.00,T1\n")

    renamed = import_text(
        planner, "Date,Description,Amount,Transaction ID\n2026-11-02,COFFEE SHOP,-3.00,T1\n"
    )

    assert (renamed.added, renamed.duplicates) == (0, 1)


def test_ofx_reimport_is_recognised_by_fitid_and_identical_twins_are_kept(planner: Planner) -> None:
    first = import_fixture(planner, "checking_statement.ofx")
    again = import_fixture(planner, "checking_statement.ofx")

    assert (first.added, again.added, again.duplicates) == (6, 0, 6)
    peets = [e for e in everything(planner) if e[2] == "PEETS COFFEE #0412"]
    assert len(peets) == 2


def test_the_same_file_for_another_account_is_not_a_duplicate(planner: Planner) -> None:
    import_text(planner, HEADER + NOVEMBER, account="checking")

    other = import_text(planner, HEADER + NOVEMBER, account="savings")

    assert other.added == 2


def test_a_row_like_a_hand_entered_expense_is_flagged_not_merged(planner: Planner) -> None:
    typed = planner.add_expense("3.00", "coffee at Blue Bottle", on="2026-11-01")

    result = import_text(planner, HEADER + "2026-11-03,BLUE BOTTLE COFFEE #12,-3.00\n")

    assert (result.added, len(result.possible)) == (0, 1)
    assert typed.expense.id in result.possible[0].detail
    assert len(everything(planner)) == 1


def test_force_imports_the_possible_duplicates(planner: Planner) -> None:
    planner.add_expense("3.00", "Blue Bottle", on="2026-11-01")

    result = import_text(planner, HEADER + "2026-11-03,BLUE BOTTLE COFFEE,-3.00\n", force=True)

    assert (result.added, result.possible) == (1, [])
    assert len(everything(planner)) == 2


def test_a_hand_entered_expense_far_away_or_of_another_amount_is_no_match(planner: Planner) -> None:
    planner.add_expense("3.00", "Blue Bottle", on="2026-10-01")
    planner.add_expense("3.50", "Blue Bottle", on="2026-11-03")

    result = import_text(planner, HEADER + "2026-11-03,BLUE BOTTLE COFFEE,-3.00\n")

    assert (result.added, result.possible) == (1, [])
