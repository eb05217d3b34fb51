"""Planner: recording, finding, editing and removing expenses, as every front end does it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from fixed_clock import FixedClock

from sbp.core.errors import AmbiguousId, InvalidDate, InvalidInput, NotFound
from sbp.core.ids import new_ulid
from sbp.core.model import CategorySource
from sbp.core.periods import Month
from sbp.planner import Planner
from sbp.store.memory import MemoryLedger

TODAY = date(2026, 11, 23)


def test_adding_stores_the_expense_dated_today_and_categorizes_it(planner: Planner) -> None:
    change = planner.add_expense("12.50", "STARBUCKS #1234 SEATTLE")

    stored = planner.show(change.expense.id)
    assert stored == change.expense
    assert (stored.date, stored.amount, stored.currency) == (TODAY, Decimal("12.50"), "USD")
    assert (stored.category, stored.category_source) == ("coffee", CategorySource.MERCHANT)
    assert change.budget is None
    assert change.alerts == ()


def test_adding_reports_the_effect_on_the_categorys_budget(planner: Planner) -> None:
    planner.set_budget("coffee", "60")
    planner.add_expense("30", "Blue Bottle")

    change = planner.add_expense("12.50", "coffee with Ana")

    assert change.budget is not None
    assert (change.budget.spent, change.budget.limit) == (Decimal("42.50"), Decimal("60.00"))
    assert change.budget.percent == Decimal("70.8")


def test_adding_takes_a_date_a_category_a_note_and_a_currency(planner: Planner) -> None:
    change = planner.add_expense(
        "4.20",
        "  Croissant  and   coffee ",
        on="-3d",
        category="Treats",
        note=" warm ",
        currency="eur",
    )

    expense = change.expense
    assert expense.date == date(2026, 11, 20)
    assert (expense.category, expense.category_source) == ("treats", CategorySource.USER)
    assert (expense.description, expense.note) == ("Croissant and coffee", "warm")
    assert (expense.amount, expense.currency) == (Decimal("4.20"), "EUR")


def test_an_amount_in_another_currency_has_no_budget_effect(planner: Planner) -> None:
    planner.set_budget("coffee", "60")

    change = planner.add_expense("4.20EUR", "coffee")

    assert change.expense.currency == "EUR"
    assert change.budget is None
    assert planner.status().category("coffee").spent == 0


def test_a_decimal_amount_is_accepted_whatever_its_exponent(planner: Planner) -> None:
    change = planner.add_expense(Decimal("1E+3"), "Rent")

    assert change.expense.amount == Decimal("1000.00")


def test_a_rule_decides_the_category_of_later_expenses(planner: Planner) -> None:
    planner.add_rule("ACME", "work lunches")

    expense = planner.add_expense("9", "ACME CANTEEN #4").expense

    assert (expense.category, expense.category_source) == ("work lunches", CategorySource.RULE)


def test_the_store_keeps_the_currency_it_was_first_used_with(
    ledger: MemoryLedger, clock: FixedClock
) -> None:
    Planner(ledger, clock, base_currency="EUR").add_expense("3", "coffee")

    later = Planner(ledger, clock, base_currency="USD")

    assert later.base_currency == "EUR"
    assert later.add_expense("3", "coffee").expense.currency == "EUR"


def test_listing_shows_this_month_newest_first(planner: Planner, clock: FixedClock) -> None:
    old = planner.add_expense("1", "October coffee", on="2026-10-31").expense
    first = planner.add_expense("2", "first", on="2026-11-01").expense
    clock.advance(milliseconds=5)
    second = planner.add_expense("3", "second", on="2026-11-01").expense

    assert [e.id for e in planner.list_expenses()] == [second.id, first.id]
    assert [e.id for e in planner.list_expenses(month="2026-10")] == [old.id]
    assert [e.id for e in planner.list_expenses(start="2026-10-01", limit=1)] == [second.id]
    assert [e.id for e in planner.list_expenses(end="2026-10-31")] == [old.id]


def test_listing_filters_by_category_and_text(planner: Planner) -> None:
    planner.add_expense("1", "Blue Bottle")
    lunch = planner.add_expense("2", "Lunch", note="with Bob").expense

    assert planner.list_expenses(category="Dining", search="BOB") == [lunch]


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"month": "2026-11", "start": "2026-11-01"}, InvalidInput),
        ({"limit": 0}, InvalidInput),
        ({"month": "2026-13"}, InvalidDate),
        ({"start": "2026-11-30", "end": "2026-11-01"}, InvalidDate),
    ],
)
def test_contradictory_listing_options_are_refused(
    planner: Planner, options: dict[str, object], error: type[Exception]
) -> None:
    with pytest.raises(error):
        planner.list_expenses(**options)  # type: ignore[arg-type]


def test_a_unique_prefix_of_four_or_more_characters_finds_the_expense(planner: Planner) -> None:
    expense = planner.add_expense("1", "coffee").expense

    assert planner.resolve_id(expense.id[:4].lower()) == expense.id
    assert planner.show(expense.id) == expense


def test_a_prefix_shorter_than_four_characters_is_refused(planner: Planner) -> None:
    expense = planner.add_expense("1", "coffee").expense

    with pytest.raises(InvalidInput, match="too short"):
        planner.resolve_id(expense.id[:3])


def test_an_unknown_prefix_or_id_is_not_found(planner: Planner) -> None:
    planner.add_expense("1", "coffee")

    with pytest.raises(NotFound, match="no expense id starts or ends with '7ZZZ'"):
        planner.resolve_id("7zzz")
    with pytest.raises(NotFound):
        planner.show("7ZZZZZZZZZZZZZZZZZZZZZZZZZ")
    with pytest.raises(InvalidInput, match="is not an expense id"):
        planner.resolve_id("not-an-id")


def test_an_ambiguous_prefix_lists_the_candidates(planner: Planner, clock: FixedClock) -> None:
    ids = [
        planner.add_expense(
            "1", "coffee", expense_id=new_ulid(clock.now(), bytes([n] * 10))
        ).expense.id
        for n in range(3)
    ]

    with pytest.raises(AmbiguousId) as ambiguous:
        planner.resolve_id(ids[0][:8])

    assert ambiguous.value.candidates == sorted(ids)
    assert str(ambiguous.value).startswith(f"id prefix '{ids[0][:8]}' matches 3 expenses: ")
    assert all(i in str(ambiguous.value) for i in ids)


def test_a_very_ambiguous_prefix_says_there_are_more_than_it_lists(
    planner: Planner, clock: FixedClock
) -> None:
    for n in range(12):
        planner.add_expense("1", "coffee", expense_id=new_ulid(clock.now(), bytes([n] * 10)))

    with pytest.raises(AmbiguousId, match=r"matches more than 10 expenses: .*, \.\.\.$"):
        planner.resolve_id(new_ulid(clock.now())[:8])


def test_editing_changes_only_the_fields_given(planner: Planner, clock: FixedClock) -> None:
    old = planner.add_expense("4.20", "Blue Bottle", note="keep").expense
    clock.advance(hours=1)

    new = planner.edit_expense(old.id[:6], amount="5,10", on="yesterday").expense

    assert (new.amount, new.date, new.note, new.category) == (
        Decimal("5.10"),
        date(2026, 11, 22),
        "keep",
        "coffee",
    )
    assert (new.created_at, new.updated_at) == (old.created_at, clock.now())
    assert planner.show(old.id) == new


def test_editing_with_a_category_learns_the_correction_for_next_time(planner: Planner) -> None:
    first = planner.add_expense("4.20", "Blue Bottle").expense
    assert first.category == "coffee"

    edited = planner.edit_expense(first.id, category="Treats").expense
    later = planner.add_expense("5.00", "BLUE BOTTLE #12 11/24").expense

    assert (edited.category, edited.category_source) == ("treats", CategorySource.USER)
    assert (later.category, later.category_source) == ("treats", CategorySource.LEARNED)


def test_a_new_description_is_categorized_again_unless_the_user_chose(planner: Planner) -> None:
    guessed = planner.add_expense("4", "Blue Bottle").expense
    chosen = planner.add_expense("4", "Blue Bottle", category="treats").expense

    assert planner.edit_expense(guessed.id, description="Netflix").expense.category == (
        "subscriptions"
    )
    assert planner.edit_expense(chosen.id, description="Netflix").expense.category == "treats"


def test_editing_within_a_category_reports_the_budget_without_counting_twice(
    planner: Planner,
) -> None:
    planner.set_budget("coffee", "50")
    expense = planner.add_expense("30", "coffee").expense

    change = planner.edit_expense(expense.id, amount="45")

    assert change.budget is not None and change.budget.spent == Decimal("45.00")
    assert [a.dedupe_key for a in change.alerts] == ["2026-11#coffee#80"]


def test_an_edit_that_changes_nothing_is_refused(planner: Planner) -> None:
    expense = planner.add_expense("4", "coffee").expense

    with pytest.raises(InvalidInput, match="nothing to change"):
        planner.edit_expense(expense.id)


def test_removing_an_expense_takes_it_out_of_the_totals(planner: Planner) -> None:
    planner.set_budget("coffee", "60")
    kept = planner.add_expense("10", "coffee").expense
    gone = planner.add_expense("20", "coffee").expense

    assert planner.remove_expense(gone.id.lower()) == gone

    assert planner.list_expenses() == [kept]
    assert planner.status().category("coffee").spent == Decimal("10.00")
    with pytest.raises(NotFound):
        planner.show(gone.id)


def test_categories_list_the_builtin_ones_and_those_in_use_once_each(planner: Planner) -> None:
    planner.add_expense("3", "coffee")
    planner.add_expense("3", "dog food", category="pets")
    planner.set_budget("coffee", "60")
    planner.set_budget("garden", "20")

    found = {c.name: c for c in planner.categories()}
    names = [c.name for c in planner.categories()]

    assert len(names) == len(set(names))
    assert names[-2:] == ["garden", "pets"]
    assert (found["coffee"].expenses, found["coffee"].builtin) == (1, True)
    assert found["coffee"].budget == Decimal("60.00")
    assert (found["pets"].expenses, found["pets"].builtin, found["pets"].budget) == (1, False, None)


def test_rules_are_listed_in_order_and_can_be_removed(planner: Planner) -> None:
    first = planner.add_rule("  uber eats ", "Takeout")
    second = planner.add_rule(r"^uber\b", "rides", regex=True)

    assert [(r.pattern, r.category, r.is_regex) for r in planner.rules()] == [
        ("uber eats", "takeout", False),
        (r"^uber\b", "rides", True),
    ]
    assert planner.remove_rule(first.id) == first
    assert planner.rules() == [second]


@pytest.mark.parametrize(
    ("pattern", "regex", "says"),
    [("  ", False, "rule pattern is empty"), ("(oops", True, "not a valid regular expression")],
)
def test_bad_rules_are_refused(planner: Planner, pattern: str, regex: bool, says: str) -> None:
    with pytest.raises(InvalidInput, match=says):
        planner.add_rule(pattern, "x", regex=regex)
    assert planner.rules() == []


def test_explain_shows_which_layer_would_choose(planner: Planner) -> None:
    planner.add_rule("starbucks", "treats")

    explanation = planner.explain("STARBUCKS #123 SEATTLE")

    assert explanation.chosen.category == "treats"
    assert [(c.category, c.source.value) for c in explanation.candidates] == [
        ("treats", "rule"),
        ("coffee", "merchant"),
        ("coffee", "default"),
        ("other", "default"),
    ]


def test_a_month_can_be_given_as_a_month(planner: Planner) -> None:
    planner.add_expense("3", "coffee", on="2026-10-02")

    assert len(planner.list_expenses(month=Month(2026, 10))) == 1


def test_a_description_of_only_numbers_teaches_nothing(planner: Planner) -> None:
    expense = planner.add_expense("4", "#12345").expense

    planner.edit_expense(expense.id, category="treats")

    assert planner.ledger.learned() == {}
    assert planner.add_expense("4", "Netflix").expense.category == "subscriptions"


def test_expenses_added_in_the_same_instant_list_in_the_order_added(planner: Planner) -> None:
    added = [planner.add_expense(str(n), f"coffee {n}").expense.id for n in range(1, 30)]

    assert [e.id for e in planner.list_expenses(newest_first=False)] == added


def test_an_expense_is_found_by_its_handle(planner: Planner, clock: FixedClock) -> None:
    first = planner.add_expense("1", "coffee").expense
    second = planner.add_expense("2", "tea").expense

    assert planner.show(second.id[-6:]) == second
    assert planner.show(first.id[-6:].lower()) == first
    assert planner.resolve_id(first.id[-8:]) == first.id


def test_a_handle_two_expenses_end_with_lists_them_both(
    planner: Planner, clock: FixedClock
) -> None:
    tail = bytes([7] * 4)
    ids = [
        planner.add_expense(
            "1", "coffee", expense_id=new_ulid(clock.now(), bytes([n] * 6) + tail)
        ).expense.id
        for n in range(2)
    ]
    assert ids[0][-6:] == ids[1][-6:]

    with pytest.raises(AmbiguousId) as ambiguous:
        planner.resolve_id(ids[0][-6:])

    assert ambiguous.value.candidates == sorted(ids)


def test_no_expense_ends_or_starts_with_an_unknown_handle(planner: Planner) -> None:
    planner.add_expense("1", "coffee")

    with pytest.raises(NotFound, match="no expense id starts or ends with 'ZZZZZZ'"):
        planner.resolve_id("ZZZZZZ")
