"""Two bank rows matched to one expense typed by hand, on two devices at once: one match
stands (the smallest import key's), and the row folded under the other comes back on every
device with its own fields, so no real expense is lost and none is doubled. The same holds
when the person says a row and the typed expense are two (`--force`) while another device
folds them, and when the kept expense is removed and brought back."""

from __future__ import annotations

import io
from typing import Any

import pytest

from tests.sync.conftest import MakeDevice
from tests.sync.devices import Device
from tests.sync.test_bank_row_copies import converged, signed_in

CHECKING = b"Date,Description,Amount\n2026-01-06,COFFEE SHOP 1234,-12.50\n"
CARD = b"Date,Description,Amount\n2026-01-07,COFFEE SHOP 1234,-12.50\n"  # another coffee


def imported(device: Device, statement: bytes, force: bool = False) -> Any:
    return device.planner.import_file("bank.csv", io.BytesIO(statement), force=force)


def coffees(device: Device) -> list[tuple[str, str, str]]:
    """(date, description, note) of every 12.50 on a device."""
    rows = device.export()["expenses"]
    return sorted((r["date"], r["description"], r["note"]) for r in rows if r["amount"] == "12.50")


def typed_and_seen_by(typing: Device) -> str:
    """The coffee typed by hand on one device, in the cloud (other devices not synced yet)."""
    coffee = typing.planner.add_expense("12.50", "coffee shop", on="2026-01-06").expense
    typing.sync()
    return coffee.id


def test_a_row_folded_under_a_match_that_lost_comes_back_on_every_device(
    device: MakeDevice,
) -> None:
    laptop, phone = signed_in(device, "laptop", "phone")
    typed_and_seen_by(laptop)
    # the laptop matches its checking row to the coffee (not added); the phone, which has not
    # pulled the coffee yet, imports its card's coffee, a second real one
    assert len(imported(laptop, CHECKING).possible) == 1
    assert imported(phone, CARD).added == 1
    phone.planner.edit_expense(phone.export()["expenses"][0]["id"], note="with Sam")
    phone.sync()  # pulls the coffee, matches its card row to it and folds the row away
    assert coffees(phone) == [("2026-01-06", "coffee shop", "with Sam")]

    laptop.sync()  # the laptop's match (the smaller key) stands: the card row is not the coffee

    converged(laptop, phone)
    for one in (laptop, phone):
        assert [(d, text) for d, text, _ in coffees(one)] == [
            ("2026-01-06", "coffee shop"), ("2026-01-07", "COFFEE SHOP 1234")
        ]  # fmt: skip
        assert ("2026-01-07", "COFFEE SHOP 1234", "with Sam") in coffees(one)


@pytest.mark.parametrize("first", ["laptop", "phone", "tablet"])
def test_three_devices_end_with_both_rows_whoever_syncs_first(
    device: MakeDevice, first: str
) -> None:
    devices = {one.name: one for one in signed_in(device, "laptop", "phone", "tablet")}
    typed_and_seen_by(devices["laptop"])
    devices["tablet"].sync()
    imported(devices["tablet"], CHECKING)  # holds the coffee: matched, not added
    imported(devices["phone"], CARD)  # does not hold it yet: added
    devices[first].sync()
    devices["phone"].sync()  # folds its card row into the coffee

    converged(*devices.values())
    for one in devices.values():
        assert sorted(text for _, text, _ in coffees(one)) == ["COFFEE SHOP 1234", "coffee shop"]


def test_a_row_split_with_force_while_another_device_folds_it_stays(
    device: MakeDevice,
) -> None:
    laptop, phone = signed_in(device, "laptop", "phone")
    typed_and_seen_by(laptop)
    imported(laptop, CHECKING)  # matched and linked
    laptop.sync()
    imported(phone, CHECKING)  # before it pulled the coffee or the link: added
    # the person tells the laptop these are two; the phone, not knowing, folds its copy
    assert imported(laptop, CHECKING, force=True).added == 1
    phone.sync()
    laptop.sync()

    converged(laptop, phone)
    for one in (laptop, phone):
        assert sorted(text for _, text, _ in coffees(one)) == ["COFFEE SHOP 1234", "coffee shop"]


def test_the_kept_expense_removed_takes_the_row_with_it_and_its_undo_brings_it_back_once(
    device: MakeDevice,
) -> None:
    laptop, phone = signed_in(device, "laptop", "phone")
    coffee = typed_and_seen_by(laptop)
    imported(phone, CHECKING)
    phone.sync()  # folded into the coffee typed by hand
    laptop.sync()

    laptop.planner.remove_expense(coffee)  # as on one device: the coffee (and its row) is gone
    converged(laptop, phone)
    assert coffees(phone) == []

    laptop.planner.undo()
    converged(laptop, phone)
    assert [text for _, text, _ in coffees(phone)] == ["coffee shop"]


def test_the_kept_expense_removed_meanwhile_still_lets_the_row_of_the_losing_match_back(
    device: MakeDevice,
) -> None:
    laptop, phone, tablet = signed_in(device, "laptop", "phone", "tablet")
    typed_and_seen_by(laptop)
    tablet.sync()
    imported(tablet, CHECKING)  # matched and linked, not added
    imported(phone, CARD)
    phone.sync()  # the card row folded into the coffee under the phone's match
    laptop.sync()
    laptop.planner.remove_expense(laptop.export()["expenses"][0]["id"])  # the coffee itself
    tablet.sync()  # the tablet's match stands: the card row comes back

    converged(laptop, phone, tablet)
    for one in (laptop, phone, tablet):
        assert [text for _, text, _ in coffees(one)] == ["COFFEE SHOP 1234"]


def test_two_coffees_typed_and_two_rows_matched_to_the_first_at_once_end_one_row_each(
    device: MakeDevice,
) -> None:
    laptop, phone = signed_in(device, "laptop", "phone")
    first = typed_and_seen_by(laptop)
    second = laptop.planner.add_expense("12.50", "coffee shop", on="2026-01-07").expense.id
    laptop.sync()
    imported(laptop, CHECKING)  # matched to the first coffee
    imported(phone, CARD)  # added; the phone's sync matches it to the first coffee too
    phone.sync()
    laptop.sync()  # the laptop's match stands: the card row goes to the second coffee

    converged(laptop, phone)
    for one in (laptop, phone):
        assert [text for _, text, _ in coffees(one)] == ["coffee shop", "coffee shop"]
        assert sorted(one.ledger.import_links().values()) == sorted([first, second])


def test_a_row_folded_before_it_was_ever_pushed_comes_back_when_its_match_loses(
    device: MakeDevice,
) -> None:
    (phone,), laptop = signed_in(device, "phone"), device("laptop")
    laptop.planner.add_expense("12.50", "coffee shop", on="2026-01-06")
    laptop.sync(upload=True)  # a first upload: a snapshot the phone loads before it pushes
    imported(laptop, CHECKING)  # matched and linked
    imported(phone, CARD)  # added, never pushed yet
    laptop.sync()
    phone.sync()  # loads the snapshot, folds its card row, then pushes only its tombstone

    converged(laptop, phone)
    assert sorted(text for _, text, _ in coffees(phone)) == ["COFFEE SHOP 1234", "coffee shop"]
