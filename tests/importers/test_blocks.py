"""A CSV file read a block at a time, good rows as columns (as big files are), gives exactly the
rows, keys, categories and bad rows that reading it one row at a time gives."""

from __future__ import annotations

import gc
import io
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bank_files import PinnedClock, import_text
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sbp.core.categorize import Categorizer
from sbp.core.errors import SbpError
from sbp.core.importers.categories import ImportCategorizer
from sbp.core.importers.detect import read_statement
from sbp.core.importers.prepare import ChunkMaker
from sbp.core.importers.rows import Block, RowColumns, Statement
from sbp.core.model import Rule
from sbp.planner import Planner
from sbp.store.sqlite import SqliteLedger

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
HEADER = "Date,Description,Amount,Note,Category,Id"

days = st.sampled_from(["2026-10-01", "2026-10-02", " 2026-10-03", "2026-09-30", "2026-10-40", ""])
amounts = st.sampled_from(["-3.50", "-3.50", "12.00", "-1,234.56", "abc", "", "0.00", "-3.505"])
descriptions = st.sampled_from(
    ["Coffee", "COFFEE", "Shop  Two", "Salary ACME", "Refund Coffee", "", "  ", '"multi\nline"']
)
notes = st.sampled_from(["", "", " work", "Work Trip"])
categories = st.sampled_from(["", "", "", "Travel"])
bank_ids = st.sampled_from(["", "", "", "T1", "T2"])


@st.composite
def records(draw: Any) -> str:
    """One line of the file: a row (good, or bad in one of many ways), or a blank line."""
    kind = draw(st.sampled_from(["row", "row", "row", "row", "blank", "short", "long"]))
    if kind == "blank":
        return ""
    cells = [draw(days), draw(descriptions), draw(amounts), draw(notes), draw(categories),
             draw(bank_ids)]  # fmt: skip
    if kind == "short":
        cells.pop()
    if kind == "long":
        cells.append("extra")
    return ",".join(cells)


def prepared(blocks: Iterable[Block]) -> tuple[list[Any], list[Any]]:
    """Every good row as (line, its stored fields but the random id), and every bad row."""
    categorizer = ImportCategorizer(Categorizer([Rule(1, "coffee", "Cafes", False)]))
    maker = ChunkMaker(categorizer, "checking", "01KBATCH00000000000000000", NOW)
    good, bad = [], []
    for chunk in maker.chunks(blocks):
        good += [(line, row[1:]) for line, row in zip(chunk.lines, chunk.expenses, strict=True)]
        bad += [(row.line, row.reason) for row in chunk.bad]
    return sorted(good), sorted(bad)


def statement(text: str) -> Statement:
    return read_statement("bank.csv", io.BytesIO(text.encode()), {}, "USD")


def outcome(blocks: Iterable[Block]) -> tuple[list[Any], list[Any]] | str:
    try:
        return prepared(blocks)
    except SbpError as error:
        return f"{type(error).__name__}: {error}"


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(records(), min_size=1, max_size=40), size=st.integers(1, 9))
def test_blocks_as_columns_give_what_rows_one_by_one_give(lines: list[str], size: int) -> None:
    text = "\n".join([HEADER, *lines]) + "\n"
    try:
        one_by_one = statement(text)
    except SbpError:
        assume(False)  # no layout to read: both ways refuse the file alike
        return
    one_by_one.blocks = None  # as a reader that only knows rows one by one would give them
    expected = outcome(one_by_one.in_blocks(size))
    got = outcome(statement(text).in_blocks(size))

    assert got == expected


def test_a_block_of_good_rows_comes_as_columns_and_one_with_a_bad_row_as_rows() -> None:
    good = "\n".join(f"2026-10-0{1 + n % 9},Coffee {n},-3.50,,," for n in range(6))
    text = f"{HEADER}\n{good}\n2026-10-40,Broken,-1.00,,,\n"

    blocks = list(statement(text).in_blocks(3))

    assert [type(block).__name__ for block in blocks] == ["RowColumns", "RowColumns", "list"]
    assert [len(block.lines) for block in blocks[:2]] == [3, 3]  # type: ignore[union-attr]
    assert blocks[2][0].line == 8  # type: ignore[union-attr]


def test_rows_that_waited_for_the_date_order_come_in_file_order_a_block_at_a_time() -> None:
    # every date reads the same either way until the last row tells the order: the rows wait,
    # then come out together, past the 200 lines the layout is guessed from; a bad row among
    # them waits with them
    waiting = [f"0{1 + n % 9}/0{1 + n % 9}/2026,Coffee {n},-3.50,,," for n in range(250)]
    waiting[98] = "01/01/2026,Short row"
    text = f"{HEADER}\n" + "\n".join(waiting) + "\n13/01/2026,Bus,-2.00,,,\n"

    blocks = list(statement(text).in_blocks(100))

    assert max(len(block) for block in blocks) <= 100
    lines = [
        line
        for block in blocks
        for line in (block.lines if isinstance(block, RowColumns) else [r.line for r in block])
    ]
    assert lines == list(range(2, 253))
    good, bad = prepared(blocks)
    assert len(good) == 250 and bad == [(100, "expected 6 fields, found 2")]


def test_an_import_leaves_no_reference_cycles_behind(tmp_path: Path) -> None:
    # the collector is paused during an import: what an import makes must be freed without it
    planner = Planner(SqliteLedger(tmp_path / "sbp.db"), PinnedClock(), base_currency="USD")
    rows = "\n".join(
        f"2026-10-{1 + n % 28:02d},Shop {n % 300},-{n % 90 + 1}.50,,," for n in range(3000)
    )
    gc.collect()
    gc.disable()
    try:
        result = import_text(planner, f"{HEADER}\n{rows}\n")
        left = gc.collect()
    finally:
        gc.enable()

    assert result.added == 3000
    assert left == 0


def test_money_back_dated_before_the_spending_above_it_is_still_a_refund() -> None:
    """With a category column the file's own words are weighed row by row: in file order, so
    the spending on the line above is known when the credit dated a day earlier is judged."""
    text = f"{HEADER}\n2026-10-02,Uber,-20.00,,Work,\n2026-10-01,Uber,12.00,,,\n"
    good, bad = prepared(statement(text).in_blocks(2))
    assert not bad
    assert [(line, fields[3], fields[4]) for line, fields in good] == [
        (2, "Uber", "transport"),
        (3, "Uber", "transport"),  # a refund of the ride, not income
    ]
