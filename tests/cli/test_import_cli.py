"""`sbp import` as a person (or a cron job) runs it: files, stdin, dry runs, batches, profiles."""

from __future__ import annotations

import json
from pathlib import Path

from sbp_process import Sbp

BANKS = Path(__file__).parent.parent / "fixtures" / "banks"
US = str(BANKS / "us_checking_signed.csv")
OFX = str(BANKS / "checking_statement.ofx")


def test_importing_files_prints_a_summary_line_per_file_with_the_batch(sbp: Sbp) -> None:
    run = sbp.ok("import", US, OFX)

    assert run.lines[0].startswith(f"{US}: 10 new, 0 duplicates skipped, 0 possible duplicates")
    assert "; batch 01" in run.lines[0]
    assert run.lines[1].startswith(f"{OFX}: 6 new")
    assert len(sbp.json("list", "--month", "2026-11")) == 16


def test_importing_the_same_file_again_adds_nothing(sbp: Sbp) -> None:
    sbp.ok("import", US)

    again = sbp.ok("import", US)

    assert "0 new, 10 duplicates skipped" in again.out
    assert len(sbp.json("list", "--month", "2026-11")) == 10


def test_guesses_are_said_on_stderr_with_the_way_to_pin_them(sbp: Sbp) -> None:
    run = sbp.ok("import", str(BANKS / "uk_current_account.csv"))  # no balance to go by

    assert "guessed: most amounts are negative" in run.err
    assert "--map spending=negative" in run.err


def test_a_dry_run_lists_each_row_and_stores_nothing(sbp: Sbp) -> None:
    sbp.ok("add", "1", "seed")
    before = sbp.snapshot()

    run = sbp.ok("import", "--dry-run", US)

    assert run.lines[0].split() == ["LINE", "STATUS", "DATE", "AMOUNT", "CATEGORY", "DESCRIPTION"]
    assert run.lines[1].split()[:5] == ["2", "new", "2026-11-02", "4.50", "coffee"]
    assert "dry run, nothing stored: 10 new" in run.lines[-1]
    assert sbp.snapshot() == before


def test_a_dry_run_of_a_big_file_lists_every_row_once_under_one_header(
    sbp: Sbp, tmp_path: Path
) -> None:
    # more rows than an import reads at a time: the table comes a chunk at a time
    rows = [f"2026-10-{1 + n % 28:02d},Shop {n % 90},-{1 + n % 40}.25" for n in range(25_000)]
    big = tmp_path / "big.csv"
    big.write_text("Date,Description,Amount\n" + "\n".join(rows) + "\n")

    run = sbp.ok("import", "--dry-run", str(big))

    table, summary = run.lines[:-1], run.lines[-1]
    assert table[0].split() == ["LINE", "STATUS", "DATE", "AMOUNT", "CATEGORY", "DESCRIPTION"]
    assert [int(line.split()[0]) for line in table[1:]] == list(range(2, 25_002))
    assert {line.index("new") for line in table[1:]} == {table[0].index("STATUS")}  # aligned
    assert "dry run, nothing stored: 25000 new" in summary
    assert sbp.json("list") == []


def test_a_dry_run_in_json_lists_every_row_of_a_big_file_as_it_reads_them(
    sbp: Sbp, tmp_path: Path
) -> None:
    # more rows than an import reads at a time: they are written a chunk at a time, not kept
    rows = [f"2026-10-{1 + n % 28:02d},Shop {n % 90},-{1 + n % 40}.25" for n in range(25_000)]
    big = tmp_path / "big.csv"
    big.write_text("Date,Description,Amount\n" + "\n".join(rows) + "\n")

    [file] = sbp.json("import", "--dry-run", "--json", str(big))["files"]

    assert [row["line"] for row in file["rows"]] == list(range(2, 25_002))
    assert {row["status"] for row in file["rows"]} == {"new"}
    assert file["rows"][0] == {
        "line": 2, "status": "new", "date": "2026-10-01", "amount": "1.25", "currency": "USD",
        "description": "Shop 0", "category": "shopping", "detail": None,
    }  # fmt: skip
    assert (file["file"], file["new"], file["stored"], file["batch"]) == (
        str(big),
        25_000,
        False,
        None,
    )
    assert sbp.json("list", "--month", "2026-10") == []


def test_json_stays_valid_when_a_file_fails_and_names_the_failure(sbp: Sbp, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("")

    run = sbp("import", "--json", US, str(empty), OFX)

    assert run.code == 1 and "empty.csv is empty" in run.err
    first, failed = json.loads(run.out)["files"]
    assert (first["file"], first["new"], first["stored"]) == (US, 10, True)
    assert failed == {"file": str(empty), "rows": [], "error": f"{empty} is empty"}


def test_bad_rows_are_listed_as_file_line_reason_and_the_file_is_not_imported(
    sbp: Sbp, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Date,Description,Amount\n2026-11-02,Tea,-2.00\n2026-11-31,Cake,-3.00\nx,y\n")
    sbp.ok("add", "1", "seed")
    before = sbp.snapshot()

    run = sbp("import", str(bad))

    assert run.code == 1
    assert f"{bad}:3: date '2026-11-31' is not a real day" in run.err
    assert f"{bad}:4: expected 3 fields, found 2" in run.err
    assert "nothing imported" in run.err
    assert sbp.snapshot() == before


def test_skip_invalid_imports_the_good_rows_and_still_lists_the_bad(
    sbp: Sbp, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Date,Description,Amount\n2026-11-02,Tea,-2.00\n2026-11-03,Cake,lots\n")

    run = sbp("import", "--skip-invalid", str(bad))

    assert run.code == 0
    assert f"{bad}:3: amount 'lots' is not a number" in run.err
    assert "1 new" in run.out and "1 invalid" in run.out
    assert [e["description"] for e in sbp.json("list", "--month", "2026-11")] == ["Tea"]


def test_standard_input_is_read_for_a_dash(sbp: Sbp) -> None:
    run = sbp("import", "-", stdin="Date,Description,Amount\n2026-11-02,Tea,-2.00\n")

    assert run.code == 0 and run.out.startswith("<stdin>: 1 new")


def test_json_gives_the_same_results_as_data(sbp: Sbp) -> None:
    data = sbp.json("import", US)

    [file] = data["files"]
    assert (file["file"], file["format"], file["new"], file["duplicates"]) == (US, "csv", 10, 0)
    assert file["batch"].startswith("01") and file["invalid"] == []


def test_an_import_lists_the_budget_alerts_it_raised_in_text_and_json(sbp: Sbp) -> None:
    sbp.ok("budget", "set", "groceries", "100")  # Whole Foods: 86.23
    sbp.ok("budget", "set", "coffee", "8")  # two Starbucks: 9.00

    run = sbp.ok("import", US)

    assert run.lines[1:] == [
        "alert: Coffee passed 80% of its budget: $9.00 of $8.00 in 2026-11 (112.5%)",
        "alert: Coffee is over budget: $9.00 of $8.00 in 2026-11 (112.5%)",
        "alert: Groceries passed 80% of its budget: $86.23 of $100.00 in 2026-11 (86.2%)",
    ]
    assert len(sbp.json("notifications")) == 3
    sbp.ok("import", "undo", run.lines[0].rsplit(" ", 1)[-1])
    [file] = sbp.json("import", US)["files"]
    assert (file["new"], file["alerts"]) == (10, [])  # each alert is raised once only


def test_a_dry_run_says_which_alerts_the_import_would_raise(sbp: Sbp) -> None:
    sbp.ok("budget", "set", "shopping", "1000")  # Amazon: 1,234.00 less a 23.99 refund

    run = sbp.ok("import", "--dry-run", US)
    [file] = sbp.json("import", "--dry-run", US)["files"]

    assert run.lines[-1] == (
        "would alert: Shopping is over budget: $1,210.01 of $1,000.00 in 2026-11 (121.0%)"
    )
    assert [(a["month"], a["category"], a["message"][:26]) for a in file["alerts"]] == [
        ("2026-11", "shopping", "Shopping passed 80% of its"),
        ("2026-11", "shopping", "Shopping is over budget: $"),
    ]
    assert sbp.json("notifications") == []


def test_import_list_and_undo_remove_exactly_one_batch(sbp: Sbp) -> None:
    kept = sbp.add("3.00", "typed by hand", "--date", "2026-11-20")
    first = sbp.json("import", US)["files"][0]["batch"]
    second = sbp.json("import", OFX)["files"][0]["batch"]

    listed = sbp.json("import", "list")
    undo = sbp.ok("import", "undo", first[:12])

    assert [b["batch"] for b in listed] == [second, first]
    assert undo.out.strip() == f"undid import {first} of {US}: removed 10 expenses"
    left = sbp.json("list", "--month", "2026-11")
    assert len(left) == 7 and kept in {e["id"] for e in left}
    assert [b["batch"] for b in sbp.json("import", "list")] == [second]


def test_undoing_an_unknown_batch_exits_not_found(sbp: Sbp) -> None:
    run = sbp("import", "undo", "01ZZZZZZ")

    assert run.code == 3
    assert run.err.startswith("sbp: error: no import batch starts with '01ZZZZZZ'")


def test_a_possible_duplicate_is_reported_and_force_imports_it(sbp: Sbp, tmp_path: Path) -> None:
    sbp.ok("add", "4.50", "Starbucks", "--date", "2026-11-01")
    one = tmp_path / "one.csv"
    one.write_text("Date,Description,Amount\n2026-11-02,STARBUCKS #123,-4.50\n")

    flagged = sbp.ok("import", str(one))
    forced = sbp.ok("import", "--force", str(one))

    assert f"{one}:2: possible duplicate, not imported: like 01" in flagged.err
    assert "0 new" in flagged.out and "1 new" in forced.out


def test_map_and_a_saved_profile_pin_a_layout(sbp: Sbp, tmp_path: Path) -> None:
    odd = tmp_path / "odd.csv"
    odd.write_text("Wann;Was;Wieviel\n03.11.2026;Kaffee;-2,40\n")
    later = tmp_path / "later.csv"
    later.write_text("Wann;Was;Wieviel\n05.11.2026;Kuchen;-3,10\n")

    first = sbp.ok(
        "import", str(odd), "--map", "date=Wann,description=Was,amount=Wieviel,decimal=,",
        "--save-profile", "meine bank",
    )  # fmt: skip
    second = sbp.ok("import", str(later), "--profile", "meine bank")

    assert "saved the layout" in first.out and "1 new" in second.out
    amounts = sorted(e["amount"] for e in sbp.json("list", "--month", "2026-11"))
    assert amounts == ["2.40", "3.10"]


def test_save_profile_with_an_ofx_file_imports_it_and_says_there_is_no_layout(sbp: Sbp) -> None:
    ofx = Path(__file__).parent.parent / "fixtures" / "banks" / "checking_statement.ofx"

    run = sbp.ok("import", str(ofx), "--save-profile", "mine")

    assert "no layout to save" in run.err and "saved the layout" not in run.out
    (batch,) = sbp.json("import", "list")
    assert batch["new"] > 0 and batch["new"] == len(sbp.json("list", "--from", "2000-01-01"))


def test_a_missing_file_is_an_error_with_its_name(sbp: Sbp, tmp_path: Path) -> None:
    run = sbp("import", str(tmp_path / "nope.csv"))

    assert run.code == 1
    assert run.err.startswith(f"sbp: error: cannot read {tmp_path / 'nope.csv'}")


def test_import_help_lists_the_sub_commands_and_the_file_form(sbp: Sbp) -> None:
    run = sbp.ok("import", "--help")

    assert "sbp import FILE..." in run.out and "undo" in run.out and "list" in run.out
