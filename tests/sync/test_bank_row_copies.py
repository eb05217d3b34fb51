"""One bank row is one expense on every device, even when one device typed it by hand and
matched its import to it while another imported the row before it held that expense: the
expense typed by hand stays, with the edits made on either copy (the newer edit of a field
wins), whatever the order of the imports and the syncs."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest

from sbp.core.ids import new_ulid
from sbp.core.model import CategorySource, Expense
from sbp.core.sync.hlc import epoch_millis
from sbp.core.sync.local import LocalEdit
from sbp.core.sync.records import Kind
from tests.sync.conftest import MakeDevice
from tests.sync.devices import Device, World

STATEMENT = (
    b"Date,Description,Amount\n"
    b"2026-01-05,GROCERY STORE,-42.10\n"
    b"2026-01-06,COFFEE SHOP 1234,-12.50\n"
)


def signed_in(device: MakeDevice, *names: str) -> list[Device]:
    """Devices that have each synced once (with nothing to send)."""
    made = [device(name) for name in names]
    for one in made:
        one.sync()
    return made


def imported(device: Device, force: bool = False) -> Any:
    return device.planner.import_file("bank.csv", io.BytesIO(STATEMENT), force=force)


def typed(device: Device) -> Expense:
    """The coffee of the statement, typed by hand (the person's own words and category)."""
    change = device.planner.add_expense("12.50", "coffee shop", on="2026-01-06", category="treats")
    return change.expense


def coffees(device: Device) -> list[dict[str, Any]]:
    return [row for row in device.export()["expenses"] if row["amount"] == "12.50"]


def the_copy(device: Device) -> str:
    """The id of the imported copy of the coffee on a device that imported it."""
    (row,) = [r for r in coffees(device) if r["description"] == "COFFEE SHOP 1234"]
    return str(row["id"])


def settled(*devices: Device) -> None:
    """Every device synced twice: all hold the same, one expense a bank row."""
    converged(*devices)
    for one in devices:
        assert sorted(r["amount"] for r in one.export()["expenses"]) == ["12.50", "42.10"]


@pytest.mark.parametrize("order", ["typed_device_imports_first", "other_device_syncs_first"])
def test_a_row_typed_by_hand_on_one_device_and_imported_on_another_is_one_expense(
    device: MakeDevice, order: str
) -> None:
    laptop, phone = signed_in(device, "laptop", "phone")
    coffee = typed(laptop)
    if order == "typed_device_imports_first":
        result = imported(laptop)
        assert (result.added, len(result.possible)) == (1, 1)  # the coffee matched, not added
        imported(phone)
        laptop.sync()
        report = phone.sync()
    else:
        imported(phone)
        phone.sync()
        report = laptop.sync()  # pulls the imported copy and matches it to the typed one
        assert not laptop.planner.list_expenses(start="2026-01-01", search="COFFEE SHOP 1234")

    assert any("held twice" in note for note in report.notes)
    settled(laptop, phone)
    for one in (laptop, phone):
        (kept,) = coffees(one)
        assert (kept["id"], kept["description"], kept["category"]) == (
            coffee.id, "coffee shop", "treats"
        )  # fmt: skip


@pytest.mark.parametrize("order", ["typed_device_imports_first", "other_device_syncs_first"])
@pytest.mark.parametrize("newer", ["copy", "typed"])
def test_edits_on_either_copy_survive_the_fold_and_the_newer_edit_of_a_field_wins(
    device: MakeDevice, world: World, order: str, newer: str
) -> None:
    laptop, phone = signed_in(device, "laptop", "phone")
    coffee = typed(laptop)
    if order == "typed_device_imports_first":
        imported(laptop)
    imported(phone)
    copy = the_copy(phone)
    edits = [(laptop, coffee.id), (phone, copy)]
    if newer == "typed":
        edits.reverse()
    for one, target in edits:  # the same fields edited on both copies, a second apart
        world.advance(seconds=1)
        one.planner.edit_expense(target, note=f"note from {one.name}", category=one.name)
    if order == "other_device_syncs_first":
        phone.sync()
    # the bank's amount corrected on the copy (before the sync, the copy would no longer look
    # like the coffee typed by hand, and would stay an expense of its own)
    phone.planner.edit_expense(copy, amount="12.55")

    converged(laptop, phone)
    later = edits[-1][0].name
    for one in (laptop, phone):
        (kept,) = [r for r in one.export()["expenses"] if r["amount"] != "42.10"]
        assert (kept["id"], kept["description"], kept["amount"]) == (
            coffee.id, "coffee shop", "12.55"
        )  # fmt: skip
        assert (kept["note"], kept["category"]) == (f"note from {later}", later)


def converged(*devices: Device) -> None:
    for _ in range(2):
        for one in devices:
            one.sync()
    states = [one.state() for one in devices]
    assert all(state == states[0] for state in states[1:])


@pytest.mark.parametrize("first", ["laptop", "phone", "tablet"])
def test_three_devices_importing_the_row_one_having_typed_it_end_with_one_expense(
    device: MakeDevice, first: str
) -> None:
    devices = {one.name: one for one in signed_in(device, "laptop", "phone", "tablet")}
    coffee = typed(devices["laptop"])
    for one in devices.values():
        imported(one)
    devices[first].sync()
    devices["tablet"].planner.edit_expense(the_copy(devices["tablet"]), note="with Sam")

    settled(*devices.values())
    for one in devices.values():
        (kept,) = coffees(one)
        assert (kept["id"], kept["note"], kept["category"]) == (coffee.id, "with Sam", "treats")


def test_a_category_guessed_on_the_copy_never_replaces_the_one_the_person_chose(
    device: MakeDevice, world: World
) -> None:
    laptop, phone = signed_in(device, "laptop", "phone")
    coffee = typed(laptop)  # "treats", chosen by the person
    imported(phone)
    world.advance(seconds=5)
    copy = phone.planner.show(the_copy(phone))
    guessed = copy._replace(category="dining", category_source=CategorySource.RULE)
    with phone.ledger.transaction():  # as a categorizer writes it: not the person's choice
        phone.ledger.replace(guessed)
        phone.ledger.record_changes(
            [LocalEdit(Kind.EXPENSE, copy.id, frozenset({"category", "source"}))],
            epoch_millis(phone.clock.now()),
        )

    settled(laptop, phone)
    assert [(r["id"], r["category"]) for r in coffees(laptop)] == [(coffee.id, "treats")]


def test_old_imports_with_random_ids_on_two_devices_fold_into_one_expense_a_row(
    device: MakeDevice, world: World
) -> None:
    laptop, phone = device("laptop"), device("phone")
    laptop.sync()
    imported(laptop)
    laptop.sync()
    imported(phone)  # a store that imported before it signed in, and before ids were keyed
    with phone.ledger.transaction():
        for row in phone.export()["expenses"]:
            kept = phone.planner.show(row["id"])
            phone.ledger.remove(kept.id)
            phone.ledger.add(kept._replace(id=new_ulid(phone.clock.now())))
    grocery = next(r["id"] for r in phone.export()["expenses"] if r["amount"] == "42.10")
    world.advance(seconds=1)
    phone.planner.edit_expense(grocery, note="weekly shop")
    phone.sync(upload=True)

    settled(laptop, phone)
    rows = laptop.export()["expenses"]
    assert [r["note"] for r in rows if r["amount"] == "42.10"] == ["weekly shop"]


def test_a_row_added_with_force_beside_the_one_typed_by_hand_stays_on_every_device(
    device: MakeDevice,
) -> None:
    laptop, phone = signed_in(device, "laptop", "phone")
    typed(laptop)
    imported(laptop)  # matched, linked
    assert imported(laptop, force=True).added == 1  # the person says they are two expenses
    imported(phone)

    converged(laptop, phone)
    assert sorted(r["description"] for r in coffees(phone)) == ["COFFEE SHOP 1234", "coffee shop"]


@pytest.mark.parametrize("undone_on", ["laptop", "phone"])
def test_undoing_an_import_after_the_fold_keeps_the_expense_typed_by_hand(
    device: MakeDevice, world: World, undone_on: str
) -> None:
    laptop, phone = signed_in(device, "laptop", "phone")
    devices = {"laptop": laptop, "phone": phone}
    coffee = typed(laptop)
    batches = {}
    for name in sorted(devices, key=lambda name: name == undone_on):
        world.advance(seconds=1)  # the later import names the grocery's batch everywhere
        batches[name] = imported(devices[name]).batch_id
    settled(laptop, phone)

    _, removed = devices[undone_on].planner.undo_import(batches[undone_on])

    # both batches hold the grocery; the phone's coffee was folded into the typed one since
    assert removed == 1
    converged(laptop, phone)
    assert [r["id"] for r in laptop.export()["expenses"]] == [coffee.id]


def test_an_import_undone_before_its_copy_was_folded_leaves_the_typed_expense_alone(
    device: MakeDevice,
) -> None:
    laptop, phone = signed_in(device, "laptop", "phone")
    coffee = typed(laptop)
    imported(laptop)
    batch = imported(phone).batch_id
    phone.sync()  # the copy goes up
    assert phone.planner.undo_import(batch)[1] == 2  # then is removed, as ordinary deletions

    converged(laptop, phone)
    assert [r["id"] for r in phone.export()["expenses"]] == [coffee.id]
    assert laptop.planner.show(coffee.id).amount == Decimal("12.50")


def test_an_import_links_the_row_it_matched_and_force_unlinks_it(device: MakeDevice) -> None:
    laptop = device("laptop")  # signed out: the link is kept for a later first sync
    coffee = typed(laptop)
    laptop.planner.import_file("bank.csv", io.BytesIO(STATEMENT), dry_run=True)
    assert laptop.ledger.import_links() == {}  # a dry run writes nothing down

    imported(laptop)
    (key,) = laptop.ledger.import_links()
    assert laptop.ledger.import_links() == {key: coffee.id} and key.startswith("fp:2026-01-06:")
    imported(laptop)  # again: still one link, and the row still only reported
    assert laptop.ledger.import_links() == {key: coffee.id}

    imported(laptop, force=True)

    assert laptop.ledger.import_links() == {}
    assert len(coffees(laptop)) == 2


def test_the_typed_expense_undone_after_the_fold_then_the_file_imported_again_keeps_the_row(
    device: MakeDevice,
) -> None:
    laptop, phone = signed_in(device, "laptop", "phone")
    coffee = typed(laptop)
    imported(laptop)
    imported(phone)
    settled(laptop, phone)

    assert laptop.planner.undo().undone.after["id"] == coffee.id  # the coffee typed by hand
    converged(laptop, phone)
    assert coffees(phone) == []  # as on one device: the row was taken for the undone coffee
    assert imported(laptop).added == 1  # nothing typed to match it to now

    settled(laptop, phone)
    assert [r["description"] for r in coffees(phone)] == ["COFFEE SHOP 1234"]
