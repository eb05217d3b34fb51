"""Accounts: the one a file names (an OFX account number) is that file's account whatever
`--account` says, which only names it; a file that names none (CSV) is the account `--account`
says. Duplicates are found within an account, and every imported expense keeps its account."""

from __future__ import annotations

from bank_files import import_fixture, import_text

from sbp.planner import Planner

OFX = "checking_statement.ofx"  # <ACCTID>000123456789, 6 transactions
CSV = "Date,Description,Amount\n2026-11-02,Tea,-2.00\n2026-11-03,Cake,-4.00\n"


def accounts(planner: Planner) -> list[str]:
    return sorted(e.account for e in planner.list_expenses(start="2026-01-01", end="2026-12-31"))


def test_the_same_ofx_with_and_without_account_imports_once(planner: Planner) -> None:
    named = import_fixture(planner, OFX, account="checking")
    unnamed = import_fixture(planner, OFX)
    other_name = import_fixture(planner, OFX, account="joint")

    assert (named.added, unnamed.added, other_name.added) == (6, 0, 0)
    assert (unnamed.duplicates, other_name.duplicates) == (6, 6)


def test_an_ofx_imported_first_without_account_is_not_imported_again_with_one(
    planner: Planner,
) -> None:
    first = import_fixture(planner, OFX)
    again = import_fixture(planner, OFX, account="checking")

    assert (first.added, again.added, again.duplicates) == (6, 0, 6)


def test_an_unnamed_account_is_shown_by_the_last_digits_of_its_number(planner: Planner) -> None:
    import_fixture(planner, OFX)

    assert accounts(planner) == ["…6789"] * 6


def test_a_name_given_once_is_kept_for_that_accounts_later_files(planner: Planner) -> None:
    import_fixture(planner, OFX, account=" checking ")
    planner.undo_import(planner.import_batches()[0].id)

    import_fixture(planner, OFX)

    assert accounts(planner) == ["checking"] * 6


def test_a_dry_run_does_not_remember_a_name(planner: Planner) -> None:
    import_fixture(planner, OFX, account="checking", dry_run=True)
    import_fixture(planner, OFX)

    assert accounts(planner) == ["…6789"] * 6


def test_a_file_that_names_no_account_belongs_to_the_account_given(planner: Planner) -> None:
    on_card = import_text(planner, CSV, account="card")
    again_on_card = import_text(planner, CSV, account="card")
    on_checking = import_text(planner, CSV, account="checking")  # two coffees, two accounts

    assert (on_card.added, again_on_card.duplicates, on_checking.added) == (2, 2, 2)
    assert accounts(planner) == ["card", "card", "checking", "checking"]


def test_expenses_typed_by_hand_have_no_account(planner: Planner) -> None:
    planner.add_expense("3", "coffee")

    assert accounts(planner) == [""]
