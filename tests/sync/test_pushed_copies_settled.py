"""A bank-row copy a pull left in place while it waited to go up is folded as the push drops it
from the outbox, in one transaction: wherever a sync stops (the cloud out of reach between two
pages of a push, the process killed as it folds what it pushed, or between two pages' folds),
the next syncs of that device alone leave one expense, not the copy beside the typed one, and
every device ends the same."""

from __future__ import annotations

from typing import Any

import pytest

import sbp.sync.push as push_module
from sbp.core.errors import CloudUnavailable
from sbp.core.sync.ports import SyncReplica
from sbp.core.sync.records import Kind
from sbp.sync.folding import Folding
from tests.sync.conftest import MakeDevice
from tests.sync.devices import Device
from tests.sync.test_bank_row_copies import converged
from tests.sync.test_losing_matches import coffees
from tests.sync.test_unpushed_copies import EARLIER_CARD, uploaded_then_imported

TYPED = [("2026-01-06", "coffee shop", "")]
"""The coffee typed on the laptop, kept alone: the phone's card row matched it and folds."""
OTHERS = b"".join(
    b"2025-12-%02d,SHOP NUMBER %d,-%d.%02d\n" % (n % 28 + 1, n, n % 90 + 20, n % 100)
    for n in range(push_module.PAGE)
)
"""A page of other rows imported with the card row: dated before it, so its import key comes
after theirs, and read before it, so it is pushed in the page after theirs."""


class CutAt:
    """The user's replica, whose `method` fails on its `nth` call."""

    def __init__(self, replica: SyncReplica, method: str, nth: int) -> None:
        self._replica, self._method, self._nth, self.calls = replica, method, nth, 0

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._replica, name)
        if name != self._method:
            return found

        def call(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            if self.calls == self._nth:
                raise CloudUnavailable("the cloud is out of reach")
            return found(*args, **kwargs)

        return call


def killed_at_fold(monkeypatch: pytest.MonkeyPatch, nth: int) -> list[list[str]]:
    """The process dies as it settles the `nth` batch of import keys a push sent (the batches
    settled before it are listed in what this returns)."""
    settled: list[list[str]] = []
    real = Folding.touched

    def touched(folding: Folding, import_keys: Any) -> None:
        if len(settled) + 1 == nth:
            raise KeyboardInterrupt
        settled.append(list(import_keys))
        real(folding, import_keys)

    monkeypatch.setattr(Folding, "touched", touched)
    return settled


def went_up_whole(replica: SyncReplica, expense_id: str) -> bool:
    record = replica.record(Kind.EXPENSE, expense_id)
    return record is not None and record.value("description") == "COFFEE SHOP 1234"


def card_id(device: Device) -> str:
    (card,) = (
        r["id"] for r in device.export()["expenses"] if r["description"] == "COFFEE SHOP 1234"
    )
    return str(card)


def settled_alone_then_with_the_laptop(laptop: Device, phone: Device) -> None:
    phone.sync()
    phone.sync()
    assert coffees(phone) == TYPED  # the phone alone folded its copy: not held twice
    converged(laptop, phone)
    for one in (laptop, phone):
        assert coffees(one) == TYPED


def test_a_push_cut_between_pages_has_folded_the_pages_that_went_up(
    device: MakeDevice, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, phone = uploaded_then_imported(device, EARLIER_CARD)  # the phone's match stands
    card = card_id(phone)
    monkeypatch.setattr(push_module, "PAGE", 1)  # stands for more than a page waiting
    cloud = phone.replica
    phone.replica = CutAt(cloud, "commit", 3)  # type: ignore[assignment]
    with pytest.raises(CloudUnavailable):
        phone.sync()
    assert went_up_whole(cloud, card) and phone.ledger.outbox_size()  # and more to push

    phone.replica = cloud
    settled_alone_then_with_the_laptop(laptop, phone)


def test_a_sync_killed_as_it_folds_what_it_pushed_folds_it_at_the_next(
    device: MakeDevice, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, phone = uploaded_then_imported(device, EARLIER_CARD)
    card = card_id(phone)
    killed_at_fold(monkeypatch, 1)
    with pytest.raises(KeyboardInterrupt):
        phone.sync()
    assert went_up_whole(phone.replica, card)

    monkeypatch.undo()
    settled_alone_then_with_the_laptop(laptop, phone)


def test_a_sync_killed_between_two_pages_folds_folds_the_rest_at_the_next(
    device: MakeDevice, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, phone = uploaded_then_imported(device, EARLIER_CARD.replace(b"\n", b"\n" + OTHERS, 1))
    card = card_id(phone)
    settled = killed_at_fold(monkeypatch, 2)
    with pytest.raises(KeyboardInterrupt):
        phone.sync()
    (others,) = settled  # a batch of other rows settled before; the card row's was not
    assert others and not any(key.startswith("fp:2026-01-05:") for key in others)
    assert went_up_whole(phone.replica, card)  # the card row, on the page after

    monkeypatch.undo()
    settled_alone_then_with_the_laptop(laptop, phone)
