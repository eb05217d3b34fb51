"""The bank's own codes and categories, at the API the file readers will call."""

from __future__ import annotations

from bank_files import import_text

from sbp.core.categorize import Categorizer
from sbp.core.importers.categories import ImportCategorizer
from sbp.core.model import CategorySource
from sbp.planner import Planner


def test_transaction_types_and_merchant_codes_come_as_optional_columns() -> None:
    categories = ImportCategorizer(Categorizer())
    descriptions = ["ACME 123", "HIGH ST 44", "INTEREST", "FEE", "ACME 123", "MR J BLOGGS"]

    with_codes = categories.choose_all(
        descriptions,
        [False, False, True, False, False, False],
        kinds=["POS", "ATM", "INT", "SRVCHG", None, "XFER"],
        mccs=["5814", None, None, None, None, None],
    )
    without = ImportCategorizer(Categorizer()).choose_all(descriptions, [False] * 6)

    assert [(c.category, c.source) for c in with_codes] == [
        ("dining", CategorySource.BANK),  # merchant category code 5814, fast food
        ("cash", CategorySource.BANK),
        ("income", CategorySource.BANK),  # interest paid in
        ("fees", CategorySource.BANK),
        ("groceries", CategorySource.MERCHANT),  # no code: the knowledge base's Acme stores
        ("transfer", CategorySource.BANK),
    ]
    assert [c.category for c in without][:2] == ["groceries", "other"]


def test_interest_charged_is_a_fee_and_interest_paid_is_income() -> None:
    categorizer = Categorizer()

    assert categorizer.categorize("INTEREST CHARGED", kind="INT").category == "fees"
    assert categorizer.categorize("INTEREST", kind="INT", money_in=True).category == "income"


def test_a_banks_category_column_is_mapped_never_copied(planner: Planner) -> None:
    import_text(
        planner,
        "Date,Description,Amount,Category\n"
        "2026-11-02,ZXQ 123,-5.00,Eating out\n"
        "2026-11-03,LIDL 77,-9.00,Misc purchases\n"
        "2026-11-04,ZXQ 456,-3.00,Groceries\n",
        mapping={"spending": "negative"},
    )

    found = {e.description: (e.category, e.category_source) for e in planner.list_expenses()}

    assert found["ZXQ 123"] == ("dining", CategorySource.BANK)
    assert found["ZXQ 456"] == ("groceries", CategorySource.USER)  # one of sbp's categories
    category, source = found["LIDL 77"]  # an unknown bank category: sbp decides by itself
    assert category == "groceries" and source not in (CategorySource.BANK, CategorySource.USER)
    assert "misc purchases" not in {c.name for c in planner.categories()}
