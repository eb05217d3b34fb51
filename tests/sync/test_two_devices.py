"""Two devices, one account: what one records, the other sees after both sync; concurrent
edits end with the newer one on both; a deletion wins over an older concurrent edit."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sbp.core.errors import NotFound
from tests.sync.conftest import MakeDevice
from tests.sync.devices import World, seen_by_both


def test_an_expense_added_on_one_device_reaches_the_other(device: MakeDevice) -> None:
    laptop, phone = device("laptop"), device("phone")
    laptop.sync()
    phone.sync()
    added = laptop.planner.add_expense("4.50", "Blue Bottle", category="coffee").expense

    assert laptop.sync().pushed == 2  # the expense, and the store's currency
    report = phone.sync()

    assert report.pulled == 1 and report.changed == 2
    assert phone.planner.show(added.id) == added
    assert phone.state() == laptop.state()


def test_the_newer_of_two_concurrent_edits_wins_on_both(device: MakeDevice, world: World) -> None:
    laptop, phone = device("laptop"), device("phone")
    added = seen_by_both(laptop, phone, "4.50", "Blue Bottle", category="coffee")

    laptop.planner.edit_expense(added.id, note="with Sam")
    world.advance(seconds=5)
    phone.planner.edit_expense(added.id, note="with Alex", amount="5.00")
    phone.sync()
    report = laptop.sync()
    phone.sync()

    for one in (laptop, phone):
        kept = one.planner.show(added.id)
        assert (kept.note, kept.amount) == ("with Alex", Decimal("5.00"))
    assert laptop.state() == phone.state()
    assert report.words().endswith(
        f"1 conflict resolved: kept the newer edit of {added.id[-6:]} Blue Bottle from phone"
    )


def test_a_deletion_wins_over_an_older_concurrent_edit_on_both(
    device: MakeDevice, world: World
) -> None:
    laptop, phone = device("laptop"), device("phone")
    added = seen_by_both(laptop, phone, "4.50", "Blue Bottle")

    phone.planner.edit_expense(added.id, note="with Sam")
    world.advance(seconds=5)
    laptop.planner.remove_expense(added.id)
    laptop.sync()
    phone.sync()
    laptop.sync()

    for one in (laptop, phone):
        with pytest.raises(NotFound):
            one.planner.show(added.id)
        assert one.planner.status().total == 0
    assert laptop.state() == phone.state()


def test_a_newer_edit_does_not_bring_back_an_expense_deleted_elsewhere(
    device: MakeDevice, world: World
) -> None:
    laptop, phone = device("laptop"), device("phone")
    added = seen_by_both(laptop, phone, "4.50", "Blue Bottle")

    laptop.planner.remove_expense(added.id)
    world.advance(seconds=5)
    phone.planner.edit_expense(added.id, note="later")
    phone.sync()
    laptop.sync()
    phone.sync()

    assert laptop.export() == phone.export()
    assert laptop.export()["expenses"] == []


def test_budgets_and_rules_set_on_both_devices_end_alike(device: MakeDevice, world: World) -> None:
    laptop, phone = device("laptop"), device("phone")
    laptop.sync()
    phone.sync()
    laptop.planner.set_budget("coffee", "60")
    laptop.planner.add_rule("blue bottle", "coffee")
    world.advance(seconds=1)
    phone.planner.set_budget("coffee", "75")
    phone.planner.set_budget("groceries", "400")
    phone.planner.add_rule("lidl", "groceries")

    for one in (laptop, phone, laptop):
        one.sync()

    assert laptop.state() == phone.state()
    assert {b.category: b.limit for b in laptop.planner.budgets()} == {
        "coffee": Decimal("75.00"),
        "groceries": Decimal("400.00"),
    }
    assert [r.pattern for r in laptop.planner.rules()] == ["blue bottle", "lidl"]
    chosen = phone.planner.add_expense("3.20", "BLUE BOTTLE OAKLAND").expense
    assert chosen.category == "coffee"


def test_the_month_totals_come_from_the_records_on_every_device(
    device: MakeDevice, world: World
) -> None:
    laptop, phone = device("laptop"), device("phone")
    laptop.sync()
    phone.sync()
    laptop.planner.set_budget("coffee", "10")
    first = laptop.planner.add_expense("4.00", "Blue Bottle", category="coffee").expense
    phone.planner.add_expense("5.00", "Ritual", category="coffee")
    for one in (laptop, phone, laptop):
        one.sync()
    world.advance(seconds=1)
    phone.planner.edit_expense(first.id, amount="6.00")
    laptop.planner.edit_expense(first.id, category="treats")
    for one in (laptop, phone, laptop):
        one.sync()

    for one in (laptop, phone):
        spent = {c.category: c.spent for c in one.planner.status().categories}
        assert spent == {"coffee": Decimal("5.00")}
        assert one.planner.status().unbudgeted == {"treats": Decimal("6.00")}


STATEMENT = (
    b"Date,Description,Amount\n"
    b"2026-01-05,GROCERY STORE,-12.50\n"
    b"2026-01-06,COFFEE SHOP,-3.20\n"
    b"2026-01-06,COFFEE SHOP,-3.20\n"
)


def test_one_bank_file_imported_on_two_devices_before_they_sync_is_stored_once(
    device: MakeDevice,
) -> None:
    import io

    laptop, phone = device("laptop"), device("phone")
    laptop.sync()
    phone.sync()
    laptop.planner.import_file("bank.csv", io.BytesIO(STATEMENT))
    phone.planner.import_file("bank.csv", io.BytesIO(STATEMENT))
    phone.planner.edit_expense(phone.export()["expenses"][0]["id"], note="for the party")

    laptop.sync()
    phone.sync()
    laptop.sync()

    assert laptop.state() == phone.state()
    rows = laptop.export()["expenses"]
    assert sorted((r["date"], r["amount"]) for r in rows) == [
        ("2026-01-05", "12.50"), ("2026-01-06", "3.20"), ("2026-01-06", "3.20")
    ]  # fmt: skip
    assert [r["note"] for r in rows if r["note"]] == ["for the party"]
