"""Receipts on a device that is not signed in: kept in the data folder by content, read back
the same, and every refusal (size, type, id) leaving the store as it was."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from sbp_process import Sbp

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
PDF = b"%PDF-1.7\n" + b"1 0 obj << >> endobj\n" * 20
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\0" * 100
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\0" * 100


def photo(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


def kept_files(sbp: Sbp) -> list[Path]:
    return sorted(p for p in (sbp.home / "receipts").rglob("*") if p.is_file())


def test_the_same_photo_attached_twice_is_kept_once_and_reads_back_the_same(
    sbp: Sbp, tmp_path: Path
) -> None:
    lunch = photo(tmp_path, "lunch.png", PNG)
    first = sbp.add("23.90", "lunch", "--receipt", str(lunch))
    second = sbp.add("4.50", "coffee")
    attached = sbp.ok("receipt", "attach", second[-6:], str(lunch))

    assert "kept on this device" in attached.out
    [kept] = kept_files(sbp)
    assert kept.read_bytes() == PNG and stat.S_IMODE(kept.stat().st_mode) == 0o600
    keys = {e["id"]: e["receipt_key"] for e in sbp.json("list")}
    assert keys[first] == keys[second] == f"local:{kept.stem}.png"
    copy = tmp_path / "copy.png"
    sbp.ok("receipt", "open", first[-6:], "-o", str(copy))
    assert copy.read_bytes() == PNG
    listed = json.loads(sbp.ok("receipt", "list", "--json").out)
    assert {e["id"]: e["kept"] for e in listed} == {first: "this device", second: "this device"}


def test_every_accepted_type_is_told_by_its_content_whatever_its_name(
    sbp: Sbp, tmp_path: Path
) -> None:
    for n, content in enumerate((PDF, HEIC, WEBP, b"\xff\xd8\xff\xe0JFIF")):
        sbp.add(f"{n + 1}", f"receipt {n}", "--receipt", str(photo(tmp_path, f"r{n}.bin", content)))

    extensions = sorted(path.suffix for path in kept_files(sbp))
    assert extensions == [".heic", ".jpg", ".pdf", ".webp"]


def test_a_receipt_too_big_or_of_another_type_is_refused_and_nothing_is_stored(
    sbp: Sbp, tmp_path: Path
) -> None:
    expense_id = sbp.add("12", "coffee")
    before = sbp.snapshot()
    big = photo(tmp_path, "scan.jpg", b"\xff\xd8\xff" + b"\0" * (10 * 1024 * 1024 - 2))
    zipped = photo(tmp_path, "photo.jpg", b"PK\x03\x04" + b"\0" * 100)

    for args in (
        ("receipt", "attach", expense_id[-6:], str(big)),
        ("receipt", "attach", expense_id[-6:], str(zipped)),
        ("receipt", "attach", expense_id[-6:], str(tmp_path / "missing.png")),
        ("receipt", "attach", expense_id[-6:], str(photo(tmp_path, "empty.png", b""))),
        ("add", "3", "tea", "--receipt", str(big)),
        ("add", "3", "tea", "--receipt", str(zipped)),
    ):
        run = sbp(*args)
        assert run.code == 1, args
        assert len(run.err.strip().splitlines()) == 1 and run.err.startswith("sbp: error: ")
    assert "at most 10 MB (10,485,760 bytes)" in sbp("receipt", "attach", expense_id, str(big)).err
    assert (
        "not a JPEG, PNG, HEIC, WebP or PDF file"
        in sbp("add", "1", "x", "--receipt", str(zipped)).err
    )
    assert sbp.snapshot() == before
    assert kept_files(sbp) == []


def test_a_bad_expense_is_refused_before_its_receipt_is_kept(sbp: Sbp, tmp_path: Path) -> None:
    lunch = photo(tmp_path, "lunch.png", PNG)

    run = sbp("add", "12.345", "lunch", "--receipt", str(lunch))

    assert run.code == 1 and "ambiguous" in run.err
    assert kept_files(sbp) == [] and sbp.snapshot() == []


def test_receipt_commands_name_the_expense_they_cannot_find(sbp: Sbp, tmp_path: Path) -> None:
    expense_id = sbp.add("12", "coffee")
    lunch = photo(tmp_path, "lunch.png", PNG)

    unknown = sbp("receipt", "attach", "ZZZZZZ", str(lunch))
    without = sbp("receipt", "open", expense_id[-6:])

    assert unknown.code == 3 and "no expense id" in unknown.err
    assert without.code == 3 and "has no receipt" in without.err
    assert f"sbp receipt attach {expense_id[-6:]} FILE" in without.err
    assert kept_files(sbp) == []


def test_undo_takes_an_attached_receipt_back(sbp: Sbp, tmp_path: Path) -> None:
    expense_id = sbp.add("12", "coffee")
    sbp.ok("receipt", "attach", expense_id[-6:], str(photo(tmp_path, "r.pdf", PDF)))

    assert "attached a receipt" in sbp.ok("undo").out
    assert sbp.json("list")[0]["receipt_key"] is None
