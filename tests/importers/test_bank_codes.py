"""The codes a bank gives (transaction types, merchant category codes) decide categories on
import, as `sbp rules test --kind/--mcc` says they would."""

from __future__ import annotations

from decimal import Decimal

from bank_files import import_fixture, import_text

from sbp.core.model import CategorySource
from sbp.planner import Planner


def test_an_ofx_files_transaction_types_and_codes_choose_categories(planner: Planner) -> None:
    import_fixture(planner, "us_check_atm.ofx")

    found = {e.amount: e for e in planner.list_expenses(month="2026-11")}

    assert found[Decimal("60.00")].category == "cash"  # TRNTYPE ATM, no name at all
    assert found[Decimal("-0.42")].category == "income"  # TRNTYPE INT: bank interest
    spotify = found[Decimal("19.99")]
    assert (spotify.category, spotify.category_source) != ("other", CategorySource.DEFAULT)


def test_a_merchant_category_code_column_decides_an_unknown_merchant(planner: Planner) -> None:
    text = (
        "Date,Description,Amount,MCC\n"
        "2026-11-03,ZZQX HOLDINGS 4411,-23.50,5812\n"
        "2026-11-04,ZZQX HOLDINGS 4411,-23.50,\n"
    )

    import_text(planner, text)

    coded, uncoded = sorted(planner.list_expenses(month="2026-11"), key=lambda e: e.date)
    assert coded.category == "dining"  # 5812: eating places and restaurants
    assert uncoded.category == "other"
