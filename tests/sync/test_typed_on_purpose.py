"""A coffee the person typed with the bank rows in view is a purchase of its own: no later sync
folds a bank row into it. Kept from a second reading of an attempt to match freed expenses
anew, which folded rows into such coffees (see README's sync limits)."""

from __future__ import annotations

import io

from tests.sync.conftest import MakeDevice
from tests.sync.devices import Device

OLDER_CARD = b"Date,Description,Amount\n2026-11-04,COFFEE SHOP 1234,-123.45\n"
CHECKING = b"Date,Description,Amount\n2026-11-02,COFFEE SHOP 1234,-123.45\n"
CARD = b"Date,Description,Amount\n2026-11-03,COFFEE SHOP 1234,-123.45\n"


def coffees(device: Device) -> list[tuple[str, str]]:
    rows = device.export()["expenses"]
    return sorted((r["date"], r["description"]) for r in rows if r["amount"] == "123.45")


def all_sync(*devices: Device, rounds: int = 2) -> None:
    for _ in range(rounds):
        for one in devices:
            one.clock.world.advance(seconds=1)
            one.sync(upload=True)


def test_an_outvoted_row_is_not_given_to_a_coffee_typed_after_it_was_seen(
    device: MakeDevice,
) -> None:
    phone, bank, tablet = device("phone"), device("bank"), device("tablet")
    typed = phone.planner.add_expense("123.45", "coffee shop", on="2026-11-02")
    phone.sync(upload=True)
    assert len(phone.planner.import_file("bank.csv", io.BytesIO(CARD)).possible) == 1
    for statement in (CHECKING, CARD):
        assert bank.planner.import_file("bank.csv", io.BytesIO(statement)).added == 1
    all_sync(phone, bank, tablet)
    assert len(coffees(tablet)) == 2  # the coffee typed (holding the checking row), the card's

    tablet.planner.add_expense("123.45", "coffee shop", on="2026-11-04")  # seen both: a third
    all_sync(phone, bank, tablet)
    phone.planner.edit_expense(typed.expense.id, note="with Sam")  # touches the outvoted match
    all_sync(phone, bank, tablet)

    for one in (phone, bank, tablet):
        assert len(coffees(one)) == 3, one.name


def test_a_coffee_typed_beside_an_older_row_keeps_it_apart_when_its_match_loses(
    device: MakeDevice,
) -> None:
    phone, bank, tablet = device("phone"), device("bank"), device("tablet")
    phone.planner.import_file("bank.csv", io.BytesIO(OLDER_CARD))
    # with that row in view, two other coffees of Nov 2 are typed, one on each device
    phone.planner.add_expense("123.45", "coffee shop", on="2026-11-02")
    bank.clock.world.advance(milliseconds=5)
    tablet.planner.add_expense("123.45", "coffee shop", on="2026-11-02")
    bank.clock.world.advance(milliseconds=5)
    bank.planner.import_file("bank.csv", io.BytesIO(CHECKING))
    bank.sync(upload=True)

    all_sync(phone, bank, tablet, rounds=3)  # the tablet's match of the checking row stands

    for one in (phone, bank, tablet):
        assert len(coffees(one)) == 3, one.name
