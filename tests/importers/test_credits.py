"""Money coming in: refunds lower their category's spending, salary and transfers never count."""

from __future__ import annotations

from decimal import Decimal

from bank_files import import_fixture, import_text

from sbp.planner import Planner


def categories(planner: Planner) -> dict[str, str]:
    return {e.description: e.category for e in planner.list_expenses(month="2026-11")}


def test_salary_is_income_and_transfers_are_transfers(planner: Planner) -> None:
    import_fixture(planner, "us_checking_signed.csv")

    found = categories(planner)

    assert found["ACME CORP PAYROLL PPD ID: 1234567"] == "income"
    assert found["ONLINE TRANSFER TO SAV XXXXXX4411"] == "transfer"
    assert found["AMAZON MKTPLACE REFUND"] == "shopping"


def test_a_refund_reduces_its_category_and_salary_is_not_spending(planner: Planner) -> None:
    planner.set_budget("shopping", "2000")
    import_fixture(planner, "us_checking_signed.csv")

    status = planner.status("2026-11")

    shopping = next(c for c in status.categories if c.category == "shopping")
    assert shopping.spent == Decimal("1210.01")  # 1,234.00 bought, 23.99 refunded
    assert all(c.category not in ("income", "transfer") for c in status.categories)


def test_an_unknown_credit_is_income_and_an_unknown_debit_is_other(planner: Planner) -> None:
    import_text(
        planner,
        "Date,Description,Amount\n2026-11-02,ZXQ 123,-5.00\n2026-11-03,ZXQ 456,70.00\n",
        mapping={"spending": "negative"},
    )

    found = {(e.amount, e.category) for e in planner.list_expenses(month="2026-11")}

    assert (Decimal("5.00"), "other") in found
    assert (Decimal("-70.00"), "income") in found


def test_the_persons_rules_win_over_the_credit_guesses(planner: Planner) -> None:
    planner.add_rule("ACME CORP", "side job")

    import_fixture(planner, "us_checking_signed.csv")

    assert categories(planner)["ACME CORP PAYROLL PPD ID: 1234567"] == "side job"


def test_cr_and_dr_marks_say_which_way_the_money_went_in_either_sign_convention(
    planner: Planner,
) -> None:
    rows = "2026-11-02,Shop A,12.00 CR\n2026-11-03,Shop B,7.50 DR\n2026-11-04,Shop C,-3.00\n"
    import_text(planner, "Date,Description,Amount\n" + rows, mapping={"spending": "negative"})
    import_text(
        planner,
        "Date,Description,Amount\n" + rows.replace("Shop", "Store").replace("-3.00", "3.00"),
        mapping={"spending": "positive"},
    )

    found = {e.description: e.amount for e in planner.list_expenses(month="2026-11")}

    assert found == {
        "Shop A": Decimal("-12.00"), "Shop B": Decimal("7.50"), "Shop C": Decimal("3.00"),
        "Store A": Decimal("-12.00"), "Store B": Decimal("7.50"), "Store C": Decimal("3.00"),
    }  # fmt: skip
