"""What a person's corrections teach sbp: the merchant itself, and merchants like it."""

from __future__ import annotations

from sbp.planner import Planner


def test_a_correction_teaches_similar_merchants_and_undo_forgets_it(planner: Planner) -> None:
    joes = planner.add_expense("80", "JOE'S TIRE & AUTO REPAIR").expense
    planner.edit_expense(joes.id, category="car")

    mikes = planner.add_expense("60", "MIKE'S AUTO REPAIR #2").expense
    netflix = planner.add_expense("15", "NETFLIX.COM 866-579-7172").expense

    assert (mikes.category, mikes.category_source.value) == ("car", "model")
    assert netflix.category == "subscriptions"
    planner.undo()  # the Netflix expense
    planner.undo()  # Mike's
    planner.undo()  # the correction: sbp forgets it
    assert planner.add_expense("60", "MIKE'S AUTO REPAIR #2").expense.category == "transport"
