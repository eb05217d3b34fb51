"""Every expense has a handle a person can type: `sbp list` shows it, and `show`, `edit` and
`rm` take it, even for an import whose ids of one day share their first characters."""

from __future__ import annotations

from pathlib import Path

from sbp_process import Sbp


def import_rows(sbp: Sbp, tmp_path: Path, rows: int) -> list[dict[str, str]]:
    bank = tmp_path / "bank.csv"
    lines = ["Date,Description,Amount"]
    lines += [f"2026-11-{1 + n % 28:02d},BOOKSHOP {n},-{n + 1}.00" for n in range(rows)]
    bank.write_text("\n".join(lines) + "\n")
    sbp.ok("import", str(bank))
    return list(sbp.json("list", "--month", "2026-11"))


def listed_ids(sbp: Sbp, *args: str) -> list[str]:
    """The ID column of `sbp list`."""
    lines = sbp.ok("list", *args).lines
    assert lines[0].split()[0] == "ID"
    return [line.split()[0] for line in lines[1:-1]]


def test_list_shows_short_handles_that_tell_imported_expenses_apart(
    sbp: Sbp, tmp_path: Path
) -> None:
    imported = import_rows(sbp, tmp_path, 40)
    ids = [row["id"] for row in imported]
    by_day = {(row["date"], row["id"][:10]) for row in imported}
    assert len(by_day) == len({row["date"] for row in imported})  # a day's ids share their head

    shown = listed_ids(sbp, "--month", "2026-11")

    assert [len(h) for h in shown] == [6] * 40
    assert all(i.endswith(h) for i, h in zip(ids, shown, strict=True))
    assert len(set(shown)) == 40


def test_show_edit_and_rm_take_a_handle(sbp: Sbp, tmp_path: Path) -> None:
    imported = import_rows(sbp, tmp_path, 40)
    target = imported[17]
    handle = target["id"][-6:]

    assert sbp.json("show", handle)["id"] == target["id"]
    sbp.ok("edit", handle.lower(), "--amount", "7")
    assert sbp.json("show", target["id"])["amount"] == "7.00"
    removed = sbp.ok("rm", handle, "--yes")

    assert removed.out.startswith(f"removed {handle} 7.00 USD '{target['description']}'")
    assert target["id"] not in [row["id"] for row in sbp.json("list", "--month", "2026-11")]


def test_expenses_typed_by_hand_have_handles_too(sbp: Sbp) -> None:
    added = [sbp.add("4.20", "coffee"), sbp.add("9", "lunch")]

    shown = listed_ids(sbp)

    assert shown == [added[1][-6:], added[0][-6:]]  # newest first
    assert sbp.json("show", shown[1])["id"] == added[0]
