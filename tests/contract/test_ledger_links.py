"""Ledger contract: import links (which expense typed by hand stands for a bank row), the
lookup of the expenses one import key names, and versions kept as given (an edit carried from
one copy of an expense to the other keeps its version) mean the same on every adapter."""

from __future__ import annotations

from sbp.core.ports import Ledger
from sbp.core.sync.local import EVERY_FIELD, HeldRecord, LocalEdit, OutboxRow
from sbp.core.sync.records import Kind
from tests.contract.conftest import ExpenseMaker
from tests.contract.test_ledger_sync import BASE, NODE, T0, joined


def test_links_are_kept_by_key_replaced_and_forgotten(ledger: Ledger) -> None:
    ledger.put_import_link("fp:2026-01-06:aa", "E1")
    ledger.put_import_link("id:bb", "E2")
    ledger.put_import_link("fp:2026-01-06:aa", "E3")  # the key's link, replaced

    assert ledger.import_links() == {"fp:2026-01-06:aa": "E3", "id:bb": "E2"}
    assert ledger.import_links(["id:bb", "id:none"]) == {"id:bb": "E2"}
    assert ledger.links_naming(["E1", "E3", "E9"]) == {"fp:2026-01-06:aa": "E3"}

    ledger.remove_import_link("id:bb")
    ledger.remove_import_link("id:never")  # forgetting what is not there is fine

    assert ledger.import_links() == {"fp:2026-01-06:aa": "E3"}


def test_the_copy_folded_under_a_link_is_kept_while_the_link_is(ledger: Ledger) -> None:
    ledger.put_import_link("id:aa", "E1")
    ledger.set_link_copy("id:aa", "C1")
    ledger.set_link_copy("id:none", "C9")  # no such link: nothing kept
    ledger.put_import_link("id:aa", "E1")  # the link written again keeps its copy

    assert ledger.link_copies(["id:aa", "id:none"]) == {"id:aa": "C1"}

    ledger.remove_import_link("id:aa")
    ledger.put_import_link("id:aa", "E1")

    assert ledger.link_copies(["id:aa"]) == {}


def test_a_failed_transaction_keeps_no_link(ledger: Ledger) -> None:
    try:
        with ledger.transaction():
            ledger.put_import_link("id:bb", "E2")
            raise RuntimeError("the write after it failed")
    except RuntimeError:
        pass

    assert ledger.import_links() == {}


def test_the_expenses_an_import_key_names_come_in_id_order(
    ledger: Ledger, make_expense: ExpenseMaker
) -> None:
    first, second, other = (make_expense(import_fingerprint=k) for k in ("k1", "k1", "k2"))
    for expense in (second, other, first, make_expense()):
        ledger.add(expense)

    found = ledger.ids_by_import_key(["k1", "k2", "k3"])

    assert {key: list(ids) for key, ids in found.items()} == {
        "k1": [first.id, second.id], "k2": [other.id]
    }  # fmt: skip


def test_versions_kept_as_given_are_queued_once_a_version(ledger: Ledger) -> None:
    ledger.record_versions(Kind.EXPENSE, "E1", {"note": "0000000000002-0000-phone00000000000"})
    assert ledger.outbox(0, 10) == []  # sync off: nothing kept
    joined(ledger)
    older, newer = (f"{T0 + n:013d}-0000-phone00000000000" for n in (1, 2))

    ledger.record_versions(Kind.EXPENSE, "E1", {"note": newer, "category": older, "source": older})

    assert ledger.held_records(Kind.EXPENSE, ["E1"]) == {
        "E1": HeldRecord({EVERY_FIELD: BASE, "note": newer, "category": older, "source": older})
    }
    rows = ledger.outbox(0, 10)
    assert [(r.key, r.fields, r.version) for r in rows] == [
        ("E1", frozenset({"category", "source"}), older), ("E1", frozenset({"note"}), newer)
    ]  # fmt: skip
    ledger.record_changes([LocalEdit(Kind.EXPENSE, "E1", frozenset({"note"}))], T0 + 5)
    assert ledger.held_records(Kind.EXPENSE, ["E1"])["E1"].versions["category"] == older
    assert isinstance(ledger.outbox(0, 10)[-1], OutboxRow)
    assert ledger.outbox(0, 10)[-1].version.endswith(NODE)
