"""`sbp report`: the PDF it writes, the data formats, the periods, and the input it refuses."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from sbp_process import Run, Sbp


def report_in(sbp: Sbp, folder: Path, *args: str) -> Run:
    """`sbp report ...` run from `folder`, where the default file name lands."""
    done = subprocess.run(
        [sys.executable, "-m", "sbp", "report", *args],
        env=sbp.env,
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.fixture
def november(sbp: Sbp) -> Sbp:
    """A store with budgets and a November of ordinary, foreign, refunded and income lines.

    Written through the Planner in-process (the same store the program opens) to keep the
    tests quick; the reports themselves are always made by the real program.
    """
    from sbp.bootstrap import build_planner

    planner = build_planner()
    planner.set_budget("coffee", "10")
    planner.set_budget("groceries", "400")
    planner.set_budget("dining", "50", "2026-11")
    for amount, text, on, category, currency in [
        ("4.50", "Café Müller", "2026-11-02", "coffee", None),
        ("7.25", "Crêperie Élysée", "2026-11-03", "coffee", None),
        ("84.20", "Rewe Straße 12", "2026-11-05", "groceries", None),
        ("-4.20", "Rewe Straße refund", "2026-11-06", "groceries", None),
        ("19.99", "Tesco £ meal deal", "2026-11-09", "dining", None),
        ("30", "Sushi ¥ bar", "2026-11-10", "dining", "EUR"),
        ("2500", "salary", "2026-11-01", "income", None),
        ("12.00", "Books", "2026-10-20", "shopping", None),
    ]:
        planner.add_expense(amount, text, on=on, category=category, currency=currency)
    planner.ledger.close()  # type: ignore[attr-defined]
    return sbp


def test_report_writes_this_months_pdf_here_and_prints_the_path(sbp: Sbp, tmp_path: Path) -> None:
    sbp.add("4.50", "coffee")
    run = report_in(sbp, tmp_path)
    assert run.code == 0, run.err
    expected = tmp_path / f"sbp-report-{date.today():%Y-%m}.pdf"
    assert run.out.strip() == str(expected)
    assert "$4.50" in pdf_text(expected)


def test_the_pdf_holds_totals_budget_rows_and_non_ascii_text(november: Sbp, tmp_path: Path) -> None:
    target = tmp_path / "november.pdf"
    november.ok("report", "--month", "2026-11", "-o", str(target))
    text = pdf_text(target)
    assert "November 2026" in text
    assert "$111.74" in text  # 4.50 + 7.25 + 84.20 - 4.20 + 19.99: no EUR, no income
    assert "over $1.75" in text  # coffee: 11.75 of 10.00
    for words in (
        "Café Müller",
        "Crêperie Élysée",
        "Rewe Straße 12",
        "Tesco £ meal deal",
        "Sushi ¥ bar",
        "€30.00",
    ):
        assert words in text
    assert "+$99.74" in text  # against October's 12.00


@pytest.mark.parametrize(
    ("options", "name", "title"),
    [
        (["--month", "2026-10"], "sbp-report-2026-10.pdf", "October 2026"),
        (["--week", "2026-W47"], "sbp-report-2026-W47.pdf", "Week 47, 2026"),
        (["--year", "2026"], "sbp-report-2026.pdf", "2026"),
        (
            ["--from", "2026-01-01", "--to", "2026-03-31"],
            "sbp-report-2026-01-01_2026-03-31.pdf",
            "1 Jan 2026 to 31 Mar 2026",
        ),
    ],
)
def test_each_period_gets_a_file_named_after_it(
    sbp: Sbp, tmp_path: Path, options: list[str], name: str, title: str
) -> None:
    run = report_in(sbp, tmp_path, *options)
    assert run.code == 0, run.err
    assert run.out.strip() == str(tmp_path / name)
    assert pdf_text(tmp_path / name).startswith(f"Spending report\n{title}\n")


def test_the_report_for_a_month_matches_status_for_that_month(november: Sbp) -> None:
    status = november.json("status", "--month", "2026-11")
    report = json.loads(november.ok("report", "--month", "2026-11", "--format", "json").out)
    fields = ("category", "spent", "limit", "remaining", "percent", "state", "over")
    assert [{k: b[k] for k in fields} for b in report["budgets"]] == [
        {k: c[k] for k in fields} for c in status["categories"]
    ]
    totals = report["totals"]
    assert (totals["spent"], totals["budgeted"], totals["remaining"], totals["over_budget"]) == (
        status["total"],
        status["budgeted"],
        status["remaining"],
        status["over_budget"],
    )
    assert report["other_currencies"] == status["other_currencies"] == {"EUR": "30.00"}


def test_json_gives_the_aggregates_with_amounts_as_strings(november: Sbp) -> None:
    data = json.loads(november.ok("report", "--month", "2026-11", "--format", "json").out)
    assert data["period"] == {
        "kind": "month",
        "label": "November 2026",
        "start": "2026-11-01",
        "end": "2026-11-30",
    }
    assert data["totals"]["previous_spent"] == "12.00"
    assert data["totals"]["expenses"] == 7
    assert data["categories"][0] == {
        "category": "groceries",
        "spent": "80.00",
        "count": 2,
        "share": "71.6",
    }
    assert data["merchants"][0]["name"] == "Rewe Straße 12"
    assert data["largest"][0]["amount"] == "84.20"
    assert len(data["timeline"]["points"]) == 30


def test_csv_and_markdown_give_the_same_figures(november: Sbp) -> None:
    rows = list(
        csv.DictReader(io.StringIO(november.ok("report", "-m", "2026-11", "-f", "csv").out))
    )
    spent = next(r for r in rows if r["section"] == "total" and r["label"] == "spent")
    assert spent["amount"] == "111.74"
    coffee = next(r for r in rows if r["section"] == "budget" and r["label"] == "coffee")
    assert (coffee["amount"], coffee["budget"], coffee["percent"]) == ("11.75", "10.00", "117.5")
    markdown = november.ok("report", "-m", "2026-11", "-f", "md").out
    assert "# Spending report: November 2026" in markdown
    assert "| coffee (over) | $10.00 | $11.75 | -$1.75 | 117.5% |" in markdown


def test_data_formats_can_be_written_to_a_file(november: Sbp, tmp_path: Path) -> None:
    target = tmp_path / "nov.json"
    run = november.ok("report", "-m", "2026-11", "-f", "json", "-o", str(target))
    assert run.out.strip() == str(target)
    assert json.loads(target.read_text())["totals"]["spent"] == "111.74"


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (["--month", "2026-13"], "month 2026-13 does not exist"),
        (["--week", "2026-W60"], "week 2026-W60 does not exist"),
        (["--year", "twenty"], "four-digit year"),
        (["--from", "2026-03-01", "--to", "2026-01-01"], "before it starts"),
        (["--month", "2026-11", "--year", "2026"], "choose one period"),
        (["--format", "docx"], "format 'docx' is not one of pdf, json, csv, md"),
        (["-o", "missing-folder/report.pdf"], "does not exist"),
        (["-o", "."], "it is a folder"),
    ],
)
def test_bad_input_is_one_line_exit_1_and_nothing_is_written(
    november: Sbp, tmp_path: Path, options: list[str], words: str
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    before = november.snapshot()
    run = report_in(november, here, *options)
    assert run.code == 1
    assert run.err.startswith("sbp: error: ")
    assert words in run.err
    assert len(run.err.strip().splitlines()) == 1
    assert list(here.iterdir()) == []
    assert november.snapshot() == before


def test_an_empty_month_still_gives_a_one_page_report(sbp: Sbp, tmp_path: Path) -> None:
    from pypdf import PdfReader

    target = tmp_path / "empty.pdf"
    sbp.ok("report", "--month", "2025-02", "-o", str(target))
    pages = PdfReader(target).pages
    assert len(pages) == 1
    assert "Nothing was recorded in this period" in pages[0].extract_text()


@pytest.mark.parametrize("args", [["--help"], ["report", "--help"], ["status"], ["add", "1", "x"]])
def test_reportlab_is_only_imported_to_render_a_pdf(sbp: Sbp, args: list[str]) -> None:
    code = (
        "import sys; from sbp.cli import main; main(sys.argv[1:]);"
        "sys.exit(3 if 'reportlab' in sys.modules else 0)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *args], env=sbp.env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_a_link_is_written_through_and_stays_a_link(november: Sbp, tmp_path: Path) -> None:
    real = tmp_path / "archive" / "november.pdf"
    real.parent.mkdir()
    link = tmp_path / "latest.pdf"
    link.symlink_to(real)
    november.ok("report", "--month", "2026-11", "-o", str(link))
    assert link.is_symlink()
    assert "November 2026" in pdf_text(real)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_named_pipe_gets_the_pdf_and_stays_a_pipe(november: Sbp, tmp_path: Path) -> None:
    pipe = tmp_path / "report.pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    run = november.ok("report", "--month", "2026-11", "-o", str(pipe))
    reader.join(timeout=60)  # only a wait: a broken writer leaves the reader blocked forever
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert run.out == ""  # no path printed into what may be the same stream
    [data] = received
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")


def fake_viewer(folder: Path) -> Path:
    """An `xdg-open` that writes down what it was asked to open; returns where it writes."""
    seen = folder / "opened.txt"
    viewer = folder / "xdg-open"
    viewer.write_text(f'#!/bin/sh\nprintf "%s" "$1" > "{seen}.part" && mv "{seen}.part" "{seen}"\n')
    viewer.chmod(0o755)
    return seen


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the viewer is xdg-open on Linux")
def test_open_hands_the_pdf_to_the_system_viewer(sbp: Sbp, tmp_path: Path) -> None:
    tools = tmp_path / "tools"
    tools.mkdir()
    seen = fake_viewer(tools)
    sbp.env["PATH"] = f"{tools}{os.pathsep}{sbp.env.get('PATH', '')}"
    run = sbp.ok("report", "--month", "2026-11", "-o", str(tmp_path / "nov.pdf"), "--open")
    for _ in range(600):  # the viewer is started, not waited for: wait for its note
        if seen.exists():
            break
        time.sleep(0.05)
    assert seen.read_text() == run.out.strip() == str(tmp_path / "nov.pdf")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the viewer is xdg-open on Linux")
def test_open_without_a_viewer_still_writes_the_report(sbp: Sbp, tmp_path: Path) -> None:
    empty = tmp_path / "no-tools"
    empty.mkdir()
    sbp.env["PATH"] = str(empty)
    target = tmp_path / "nov.pdf"
    run = sbp("report", "--month", "2026-11", "-o", str(target), "--open")
    assert run.code == 0
    assert run.out.strip() == str(target)
    assert f"could not start xdg-open; the report is at {target}" in run.err
    assert target.read_bytes().startswith(b"%PDF-")


def test_a_pdf_is_not_poured_onto_a_terminal(sbp: Sbp) -> None:
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "sbp", "report", "-o", "-"],
            env=sbp.env,
            stdout=follower,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 1
    assert done.stderr == (
        "sbp: error: a PDF cannot be shown on the terminal: give -o FILE or redirect -o -\n"
    )
