"""A bank row a device imported but has not pushed yet, met by a pull that would fold it under
an expense typed by hand: the sync pushes the row whole before it folds it, so when its match
loses the row comes back on every device, and when its match stands it is one expense with the
typed one. Whoever syncs first, with two devices or three, and when another sbp imports the row
while a sync is pulling."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest

from sbp.core.errors import CloudUnavailable
from sbp.core.sync.ports import SyncReplica
from sbp.core.sync.records import Kind
from tests.sync.conftest import MakeDevice
from tests.sync.devices import Device
from tests.sync.test_bank_row_copies import converged, signed_in
from tests.sync.test_losing_matches import CARD, CHECKING, coffees, imported, typed_and_seen_by

EARLIER_CARD = b"Date,Description,Amount\n2026-01-05,COFFEE SHOP 1234,-12.50\n"
"""A card coffee a day before the typed one: its import key sorts before the checking row's."""
BOTH = ["COFFEE SHOP 1234", "coffee shop"]


def texts(device: Device) -> list[str]:
    return sorted(text for _, text, _ in coffees(device))


def uploaded_then_imported(device: MakeDevice, card: bytes = CARD) -> tuple[Device, Device]:
    """(laptop, phone): the phone signed in to an empty account; the laptop then uploaded the
    coffee it typed (a snapshot the phone loads before it pushes) and matched its checking
    row to it; the phone imported a card row (and any other row of `card`) it has not pushed."""
    (phone,), laptop = signed_in(device, "phone"), device("laptop")
    laptop.planner.add_expense("12.50", "coffee shop", on="2026-01-06")
    laptop.sync(upload=True)
    assert len(imported(laptop, CHECKING).possible) == 1
    assert imported(phone, card).added == card.count(b"\n") - 1
    return laptop, phone


def test_the_phone_syncing_first_folds_its_row_after_pushing_it_and_gets_it_back(
    device: MakeDevice, replica: SyncReplica
) -> None:
    laptop, phone = uploaded_then_imported(device)
    card_id = phone.export()["expenses"][0]["id"]

    report = phone.sync()  # no other match yet: its own stands, the row folds in this sync
    assert texts(phone) == ["coffee shop"]
    assert any("held twice" in note for note in report.notes)
    in_cloud = replica.record(Kind.EXPENSE, card_id)
    assert in_cloud is not None and in_cloud.value("description") == "COFFEE SHOP 1234"

    laptop.sync()  # the laptop's match (the smaller key) stands: the card row comes back

    converged(laptop, phone)
    assert texts(phone) == BOTH


ORDERS = [
    ("laptop", "phone", "tablet"), ("phone", "tablet", "laptop"), ("tablet", "laptop", "phone")
]  # fmt: skip


@pytest.mark.parametrize("order", ORDERS, ids="-".join)
def test_two_devices_folding_the_same_unpushed_row_and_a_third_outvoting_them_keep_both(
    device: MakeDevice, order: Sequence[str]
) -> None:
    (phone, tablet), laptop = signed_in(device, "phone", "tablet"), device("laptop")
    laptop.planner.add_expense("12.50", "coffee shop", on="2026-01-06")
    laptop.sync(upload=True)
    imported(laptop, CHECKING)
    for one in (phone, tablet):  # the same card row: one expense id on both
        assert imported(one, CARD).added == 1
    devices = {"laptop": laptop, "phone": phone, "tablet": tablet}
    for name in order:
        devices[name].sync()

    converged(laptop, phone, tablet)
    for one in (laptop, phone, tablet):
        assert texts(one) == BOTH


@pytest.mark.parametrize("first", ["laptop", "phone"])
def test_the_unpushed_row_whose_match_wins_is_one_expense_with_the_typed_coffee(
    device: MakeDevice, first: str
) -> None:
    laptop, phone = uploaded_then_imported(device, EARLIER_CARD)
    phone.planner.edit_expense(phone.export()["expenses"][0]["id"], note="with Sam")
    for one in (laptop, phone) if first == "laptop" else (phone, laptop):
        one.sync()

    converged(laptop, phone)
    for one in (laptop, phone):  # the checking row, only matched, is not added (as on one device)
        assert coffees(one) == [("2026-01-06", "coffee shop", "with Sam")]
        assert len(one.ledger.import_links()) == 2


class Meddled:
    """The user's replica, where something happens once, as a sync first calls `method` (after
    its push when `method` is the pull's `entries_after`)."""

    def __init__(self, replica: SyncReplica, method: str, happening: Callable[[], Any]) -> None:
        self._replica = replica
        self._method = method
        self._happening: Callable[[], Any] | None = happening

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._replica, name)
        if name != self._method:
            return found

        def call(*args: Any, **kwargs: Any) -> Any:
            if self._happening is not None:
                self._happening, happening = None, self._happening
                happening()
            return found(*args, **kwargs)

        return call


def test_a_row_imported_while_a_sync_pulls_its_match_goes_up_whole_before_it_folds(
    device: MakeDevice,
) -> None:
    laptop, phone = signed_in(device, "laptop", "phone")
    typed_and_seen_by(laptop)
    imported(laptop, CHECKING)  # matched and linked, not pushed yet
    another_sbp = Meddled(phone.replica, "entries_after", lambda: imported(phone, CARD))
    phone.replica = another_sbp  # type: ignore[assignment]

    phone.sync()  # pulls the coffee, matches the card row imported meanwhile and folds it
    assert texts(phone) == ["coffee shop"]
    laptop.sync()  # the laptop's match (the smaller key) stands: the card row comes back

    converged(laptop, phone)
    for one in (laptop, phone):
        assert texts(one) == BOTH


def down() -> None:
    raise CloudUnavailable("the cloud is out of reach")


def test_a_row_left_unfolded_by_a_sync_cut_short_before_its_push_folds_at_the_next(
    device: MakeDevice,
) -> None:
    laptop, phone = uploaded_then_imported(device)
    cloud = phone.replica
    phone.replica = Meddled(cloud, "commit", down)  # type: ignore[assignment]
    with pytest.raises(CloudUnavailable):
        phone.sync()  # loaded the snapshot and matched the row; its push failed
    assert texts(phone) == BOTH  # not folded while the cloud does not hold it

    phone.replica = cloud
    phone.sync()
    assert texts(phone) == ["coffee shop"]
    laptop.sync()

    converged(laptop, phone)
    assert texts(phone) == BOTH


def test_a_sync_cut_short_after_its_push_has_folded_the_row_it_pushed(
    device: MakeDevice,
) -> None:
    laptop, phone = uploaded_then_imported(device)
    laptop.sync()  # its match, the smaller key, in the log after the snapshot
    cloud = phone.replica
    phone.replica = Meddled(cloud, "entries_after", down)  # type: ignore[assignment]
    with pytest.raises(CloudUnavailable):
        phone.sync()  # the snapshot loaded, the row pushed whole; the pull failed
    assert texts(phone) == ["coffee shop"]

    phone.replica = cloud
    converged(laptop, phone)  # the laptop's match stands: the card row comes back
    for one in (laptop, phone):
        assert texts(one) == BOTH
