"""Whatever two or three devices do, with syncs at any points: after every device has synced
twice more, all hold the same (the same `sbp export --format json`, budgets, rules, lessons and
alerts), nothing added and never removed is missing, and nothing is there twice.

Devices also import bank files (two that share a row) and type bank rows by hand before they
see them: a bank row is then one expense on every device, or as many as the person typed by
hand, unless a copy of it was removed or had its amount changed (then it no longer looks like
the row, and stays an expense of its own)."""

from __future__ import annotations

import io
import tempfile
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sbp.core.errors import NothingToUndo
from sbp.core.periods import Month
from sbp.store.memory_replica import MemoryReplica
from sbp.store.memory_snapshots import MemorySnapshots
from tests.sync.devices import USER, Device, World

DESCRIPTIONS = ("Blue Bottle", "Lidl", "Uber", "Shell", "Netflix")
CATEGORIES = ("coffee", "groceries", "rides", "treats")
DAYS = ("2026-11-02", "2026-11-28", "2026-12-01")
BANK_ROWS = (  # (day, amount, the bank's words, what a person types): amounts no `add` makes
    ("2026-11-02", "123.45", "COFFEE SHOP 1234", "coffee shop"),
    ("2026-11-28", "234.56", "PIZZA PLACE 9", "pizza place"),
    ("2026-12-01", "345.67", "BOOK STORE 55", "book store"),
    ("2026-11-03", "123.45", "COFFEE SHOP 1234", "coffee shop"),  # a second coffee, a day on
)
STATEMENTS = ((0, 1), (1, 2), (3,))  # two bank files that share a row; a card's coffee
FAMILIES = ((0, 3), (1,), (2,))
"""Bank rows alike enough that one expense typed by hand matches each of them: two devices
may match it to two different rows at once, and only one match stands."""

device_index = st.integers(0, 2)
pick = st.integers(0, 50)
operation = st.one_of(
    st.tuples(
        st.just("add"),
        device_index,
        st.integers(1, 9999),
        st.sampled_from(DESCRIPTIONS),
        st.sampled_from((None, *CATEGORIES)),
        st.sampled_from(DAYS),
    ),
    st.tuples(st.just("note"), device_index, pick, st.sampled_from(("", "with Sam", "work"))),
    st.tuples(st.just("amount"), device_index, pick, st.integers(1, 9999)),
    st.tuples(st.just("category"), device_index, pick, st.sampled_from(CATEGORIES)),
    st.tuples(st.just("rm"), device_index, pick),
    st.tuples(st.just("undo"), device_index),
    st.tuples(st.just("budget"), device_index, st.sampled_from(CATEGORIES), st.integers(0, 200)),
    st.tuples(st.just("unbudget"), device_index, st.sampled_from(CATEGORIES)),
    st.tuples(
        st.just("rule"), device_index, st.sampled_from(DESCRIPTIONS), st.sampled_from(CATEGORIES)
    ),
    st.tuples(st.just("sync"), device_index),
    st.tuples(st.just("sync"), device_index),
    st.tuples(st.just("import"), device_index, st.integers(0, len(STATEMENTS) - 1)),
    st.tuples(st.just("typed"), device_index, st.integers(0, len(BANK_ROWS) - 1)),
    st.tuples(st.just("wait"), st.integers(0, 3000)),
)


class Run:
    """What the operations did, for the checks at the end."""

    def __init__(self) -> None:
        self.added: set[str] = set()
        self.removed: set[str] = set()  # removed at least once (rm, or an add undone)
        self.imported: set[str] = set()  # copies of bank rows an import added (may fold)
        self.typed: Counter[int] = Counter()  # bank rows typed by hand, how many times
        self.seen: set[int] = set()  # bank rows imported or typed somewhere
        self.landed: dict[int, set[str]] = {}  # bank rows an import added somewhere: keys
        self.read: set[int] = set()  # bank rows an import read (added, or taken for one typed)
        self.unlike: set[int] = set()  # bank rows with a copy removed or its amount changed


def apply(op: tuple[Any, ...], devices: list[Device], world: World, run: Run) -> None:
    kind = op[0]
    if kind == "wait":
        world.advance(milliseconds=op[1])
        return
    device = devices[op[1] % len(devices)]
    planner = device.planner
    expenses = sorted(e.id for e in planner.list_expenses(start="2000-01-01"))
    target = expenses[op[2] % len(expenses)] if expenses and kind in EDITS else None
    if target and kind in ("rm", "amount"):
        run.unlike.update(_rows_of(planner.show(target).description))
    if kind == "add":
        _, _, cents, text, category, day = op
        added = planner.add_expense(Decimal(cents) / 100, text, category=category, on=day)
        run.added.add(added.expense.id)
    elif kind == "note" and target:
        planner.edit_expense(target, note=op[3] or " ")
    elif kind == "amount" and target:
        planner.edit_expense(target, amount=Decimal(op[3]) / 100)
    elif kind == "category" and target:
        planner.edit_expense(target, category=op[3])
    elif kind == "rm" and target:
        planner.remove_expense(target)
        run.removed.add(target)
    elif kind == "undo":
        _undo(device, run)
    elif kind == "budget":
        planner.set_budget(op[2], str(op[3]))
    elif kind == "unbudget" and any(b.category == op[2] and b.month is None
                                    for b in planner.budgets()):  # fmt: skip
        planner.remove_budget(op[2])
    elif kind == "rule":
        planner.add_rule(op[2].lower(), op[3])
    elif kind == "sync":
        device.sync(upload=True)
    elif kind == "import":
        rows = STATEMENTS[op[2]]
        lines = "".join(f"{BANK_ROWS[n][0]},{BANK_ROWS[n][2]},-{BANK_ROWS[n][1]}\n" for n in rows)
        bank_file = io.BytesIO(f"Date,Description,Amount\n{lines}".encode())
        batch = planner.import_file("bank.csv", bank_file).batch_id
        added = device.ledger.batch_expense_ids(batch) if batch else ()
        run.imported.update(added)
        run.seen.update(rows)
        run.read.update(rows)
        for expense in (planner.show(expense_id) for expense_id in added):
            for n in rows:
                if BANK_ROWS[n][0] == expense.date.isoformat():
                    run.landed.setdefault(n, set()).add(expense.import_fingerprint or "")
    elif kind == "typed" and not _held_rows(device, op[2]):  # typed before it is seen here
        day, amount, _, words = BANK_ROWS[op[2]]
        run.added.add(planner.add_expense(amount, words, on=day).expense.id)
        run.typed[op[2]] += 1
        run.seen.add(op[2])


EDITS = frozenset({"note", "amount", "category", "rm"})


def _rows_of(description: str) -> set[int]:
    return {n for n, row in enumerate(BANK_ROWS) if description in row[2:]}


def _held_rows(device: Device, row: int) -> list[Any]:
    return [
        e
        for e in device.planner.list_expenses(start="2000-01-01")
        if row in _rows_of(e.description)
    ]


def _undo(device: Device, run: Run) -> None:
    try:
        outcome = device.planner.undo()
    except NothingToUndo:
        return
    entry = outcome.undone
    if entry.kind.value == "add" and entry.after:
        run.removed.add(entry.after["id"])
        run.unlike.update(_rows_of(entry.after["description"]))
    if entry.kind.value == "edit" and entry.after:  # its amount may change back
        run.unlike.update(_rows_of(entry.after["description"]))


def _held(key: str, state: dict[str, Any]) -> int:
    """How many expenses hold a bank row's key: its copies, and the live expense its link
    names when that link is the one that stands (the smallest key naming that expense)."""
    rows = state["expenses"]["expenses"]
    links, live = state["links"], {row["id"] for row in rows}
    named = links.get(key)
    stands = named in live and key == min(k for k, v in links.items() if v == named)
    return sum(row["import_key"] == key for row in rows) + stands


def check(devices: list[Device], run: Run) -> None:
    states = [device.state() for device in devices]
    assert all(state == states[0] for state in states[1:])
    ids = [row["id"] for row in states[0]["expenses"]["expenses"]]
    assert not [i for i, n in Counter(ids).items() if n > 1], "an expense is there twice"
    assert set(ids) <= run.added | run.imported
    assert run.added - run.removed <= set(ids), "an expense never removed went missing"
    for family in map(set, FAMILIES):
        if not family & run.seen or family & run.unlike:
            continue
        copies = [
            r for r in states[0]["expenses"]["expenses"] if _rows_of(r["description"]) == family
        ]
        landed, typed = family & run.landed.keys(), sum(run.typed[n] for n in family)
        assert copies, f"bank rows {family} went missing"
        assert len(copies) <= max(1, typed, len(family & run.read)), f"{family} there twice"
        for row in landed:  # held once: as itself, or by the expense typed by hand its link names
            held = [_held(key, states[0]) for key in run.landed[row]]
            assert all(held), f"bank row {row} was lost"
            assert all(n == 1 for n in held), f"bank row {row} is there twice"
    for device in devices:  # the totals kept beside the expenses agree with them
        for month in {Month.parse(row["date"][:7]) for row in states[0]["expenses"]["expenses"]}:
            kept = {(t.category, t.spent) for t in device.ledger.month_totals(month)}
            counted: Counter[str] = Counter()
            for row in states[0]["expenses"]["expenses"]:
                if row["date"].startswith(str(month)):
                    counted[row["category"]] += Decimal(row["amount"])  # type: ignore[assignment]
            assert kept == set(counted.items())


@settings(
    max_examples=400,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(count=st.integers(2, 3), operations=st.lists(operation, min_size=5, max_size=40))
@example(  # two devices match one coffee typed by hand to two rows at once: one stands
    count=2,
    operations=[
        ("typed", 0, 0),
        ("sync", 0),
        ("import", 1, 2),
        ("import", 0, 0),
        ("sync", 1),
        ("sync", 0),
    ],
)
def test_devices_that_sync_twice_after_anything_hold_the_same(
    count: int, operations: list[tuple[Any, ...]]
) -> None:
    world = World()
    replica = MemoryReplica(USER, server_clock=world.millis)
    snapshots = MemorySnapshots(USER)
    run = Run()
    with tempfile.TemporaryDirectory() as root:
        devices = [
            Device(f"d{n}", Path(root) / f"d{n}", world, replica, snapshots) for n in range(count)
        ]
        try:
            for op in operations:
                apply(op, devices, world, run)
            for _ in range(2):
                for device in devices:
                    device.sync(upload=True)
            check(devices, run)
        finally:
            for device in devices:
                device.close()
