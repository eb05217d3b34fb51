"""`sbp categories --review`: the merchants sbp was least sure of, most money first."""

from __future__ import annotations

from decimal import Decimal

from sbp.planner import Planner


def test_review_lists_unknown_and_weakly_guessed_merchants_most_money_first(
    planner: Planner,
) -> None:
    planner.add_expense("12", "ZXQ THING 123")
    planner.add_expense("20", "ZXQ THING 456")  # the same merchant: one line, 32.00
    planner.add_expense("30", "SHREWSBURY STARBUC")  # a name cut short: a weak guess
    planner.add_expense("50", "WAFFLE HOUSE 1204 ATLANTA GA")  # known: not asked about
    planner.add_expense("99", "YARN BARN", category="knitting")  # the person's own word
    planner.add_expense("-40", "ZXQ REFUND")  # money in is not spending to review

    found = planner.review()

    assert [(i.merchant, i.category, i.expenses, i.total) for i in found] == [
        ("zxq thing", "other", 2, Decimal("32.00")),
        ("shrewsbury starbuc", "coffee", 1, Decimal("30.00")),
    ]
    assert "cuts 'starbucks' short" in found[1].reason
    assert planner.show(found[0].latest).description == "ZXQ THING 456"


def test_a_correction_takes_a_merchant_off_the_review(planner: Planner) -> None:
    expense = planner.add_expense("12", "ZXQ THING 123").expense
    planner.add_expense("8", "ZXQ THING 999")

    planner.edit_expense(expense.id, category="hobbies")

    assert planner.review() == []  # the other ZXQ expense now follows the correction
