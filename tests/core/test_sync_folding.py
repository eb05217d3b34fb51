"""Which copy of a bank row stays and what the other gives it: the same decision from the same
records, on any device."""

from __future__ import annotations

from sbp.core.sync.folding import carried, fold_plan, in_force
from sbp.store.memory import MemoryLedger

V = [f"{1_795_000_000_000 + n:013d}-0000-laptop0000000000" for n in range(6)]
TYPED = {"fingerprint": None, "description": "coffee shop", "source": "user", "note": ""}
COPY = {"fingerprint": "k1", "description": "COFFEE SHOP 1234", "source": "rule", "note": "x"}


def test_the_linked_expense_stays_else_the_smallest_id() -> None:
    assert fold_plan(["D2", "D1"], "X") == ("X", ["D1", "D2"])
    assert fold_plan(["D2", "D1"], None) == ("D1", ["D2"])
    assert fold_plan([], None) == (None, [])


def test_a_copy_gives_only_what_it_edited_after_it_was_made_and_is_newer() -> None:
    copy = {"": V[1], "note": V[3], "amount": V[2]}
    keeper = {"": V[0], "amount": V[4]}

    assert carried(copy, keeper, V[0], (COPY, TYPED)) == {"note": V[3]}
    assert carried({"": V[1]}, keeper, V[0], (COPY, TYPED)) == {}  # never edited: the bank's words


def test_a_guessed_category_never_replaces_one_the_person_chose() -> None:
    copy = {"": V[1], "category": V[3], "source": V[3]}

    assert carried(copy, {"": V[0]}, V[0], (COPY, TYPED)) == {}
    chosen = {**COPY, "source": "user"}
    assert carried(copy, {"": V[0]}, V[0], (chosen, TYPED)) == {"category": V[3], "source": V[3]}


def test_two_imported_copies_give_what_they_hold_differently_when_newer() -> None:
    keeper_values = {**COPY, "note": ""}
    uploaded = {"": V[3]}  # a first upload stamps every field alike

    assert carried(uploaded, {"": V[1]}, V[0], (COPY, keeper_values)) == {"note": V[3]}
    assert carried(uploaded, {"": V[4]}, V[0], (COPY, keeper_values)) == {}


def test_of_two_links_naming_one_expense_only_the_smallest_key_folds() -> None:
    ledger = MemoryLedger()
    for key, expense_id in (("k2", "X"), ("k1", "X"), ("k3", "Y")):
        ledger.put_import_link(key, expense_id)

    assert in_force(ledger.import_links(["k2", "k3"]), ledger) == {"k3": "Y"}
    assert in_force(ledger.import_links(), ledger) == {"k1": "X", "k3": "Y"}
