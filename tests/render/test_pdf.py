"""The PDF report, read back as a person (or a search box) would read it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from report_samples import NOW, ReportMaker, filler, pdf_pages

from sbp.core.model import Notification
from sbp.core.periods import Month
from sbp.render.pdf import render_pdf


def test_first_page_holds_the_title_and_headline_figures(make_report: ReportMaker) -> None:
    first = pdf_pages(render_pdf(make_report()))[0]
    assert "Spending report" in first
    assert "November 2026" in first
    assert "amounts in USD" in first
    assert "generated 2026-11-23 09:30 UTC" in first
    assert "$216.69" in first  # total spent
    assert "$460.00" in first  # budgeted
    # coffee's $5.50 over uses up part of what groceries has left: $460.00 less $169.69
    assert "Remaining\n$290.31\n$5.50 over budget" in first
    assert "+$116.69\n+116.7%" in first  # against the previous period's $100.00


def test_budget_rows_show_limit_spent_and_overspending_in_words(make_report: ReportMaker) -> None:
    text = "\n".join(pdf_pages(render_pdf(make_report())))
    assert "Budget against actual" in text
    # coffee: $65.50 of $60.00, over by $5.50; groceries: $104.19 of $400.00
    assert "over $5.50" in text
    assert "109.2%" in text
    assert "$295.81" in text


def test_every_section_is_present(make_report: ReportMaker) -> None:
    alert = Notification("a", NOW, "budget", "Coffee is over budget", "k", month=Month(2026, 11))
    text = "\n".join(pdf_pages(render_pdf(make_report(alerts=[alert]))))
    for heading in (
        "Spending by category",
        "Spending by day",
        "Top merchants",
        "Largest expenses",
        "Alerts",
        "All expenses (6)",
    ):
        assert heading in text
    assert "Coffee is over budget" in text


def test_non_ascii_descriptions_are_real_text(make_report: ReportMaker) -> None:
    text = "\n".join(pdf_pages(render_pdf(make_report())))
    for words in (
        "Rewe Straße 12",
        "Café Müller",
        "Crêperie Élysée",
        "Tesco £ meal deal",
        "Sushi ¥ bar",
        "Boulangerie € deal",
    ):
        assert words in text


def test_the_font_is_embedded(make_report: ReportMaker) -> None:
    data = render_pdf(make_report())
    assert b"/FontFile2" in data
    assert b"DejaVuSans" in data


def test_many_expenses_make_more_pages_each_with_the_header_and_page_numbers(
    make_report: ReportMaker,
) -> None:
    few = pdf_pages(render_pdf(make_report()))
    many = pdf_pages(render_pdf(make_report(filler(400))))
    assert len(many) >= len(few) + 6
    start = next(n for n, page in enumerate(many) if "All expenses (406)" in page)
    list_pages = many[start:]
    assert len(list_pages) >= 7
    for page in list_pages:
        assert "Date" in page and "Description" in page and "Receipt" in page
    total = len(many)
    for number, page in enumerate(many, start=1):
        assert f"Page {number} of\n{total}" in page or f"Page {number} of {total}" in page
    assert "Shop number 399" in many[-1]
    listing = "\n".join(list_pages)
    assert "Shop number 5 shopping $6.25 ✓" in listing  # the receipt marker
    assert "Shop number 6 shopping $7.25\n" in listing


def test_the_same_data_gives_the_same_bytes(make_report: ReportMaker) -> None:
    assert render_pdf(make_report(filler(80))) == render_pdf(make_report(filler(80)))


def test_the_creation_date_comes_from_the_period_not_the_clock(make_report: ReportMaker) -> None:
    import io

    from pypdf import PdfReader

    info = PdfReader(io.BytesIO(render_pdf(make_report()))).metadata
    assert info is not None
    assert info["/CreationDate"].startswith("D:20261130")
    assert info["/Title"] == "Spending report: November 2026"


def test_an_empty_period_is_one_page_that_says_so(make_report: ReportMaker) -> None:
    pages = pdf_pages(render_pdf(make_report(sample=False)))
    assert len(pages) == 1
    assert "Nothing was recorded in this period" in pages[0]
    assert "Page 1 of" in pages[0]


def test_writes_to_a_file_object_too(make_report: ReportMaker, tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    with target.open("wb") as stream:
        data = render_pdf(make_report(), stream)
    assert target.read_bytes() == data
    assert data.startswith(b"%PDF-")


def test_the_first_page_renders_to_an_image(make_report: ReportMaker, tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    source = tmp_path / "report.pdf"
    source.write_bytes(render_pdf(make_report(filler(60))))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(source), str(tmp_path / "page")],
        check=True,
        capture_output=True,
    )
    [image] = tmp_path.glob("page*.png")
    assert image.read_bytes().startswith(b"\x89PNG")
    assert image.stat().st_size > 10_000  # a page with text and charts, not a blank


def test_the_renderer_needs_no_cli_settings_or_store() -> None:
    code = (
        "import sys, sbp.render.pdf, sbp.render.summary;"
        "bad = [m for m in sys.modules if m.startswith(('sbp.cli', 'sbp.config', 'sbp.store',"
        " 'sbp.bootstrap', 'typer'))];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_generated_at_is_shown_in_the_callers_time(make_report: ReportMaker) -> None:
    report = make_report()
    from dataclasses import replace

    later = replace(report, generated_at=datetime(2027, 1, 2, 3, 4, tzinfo=UTC))
    assert "generated 2027-01-02 03:04 UTC" in pdf_pages(render_pdf(later))[0]


def test_another_process_makes_the_same_bytes(make_report: ReportMaker) -> None:
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from report_samples import build_report, filler; from sbp.render.pdf import render_pdf;"
        "sys.stdout.buffer.write(render_pdf(build_report(filler(50))))"
    )
    here = str(Path(__file__).parent)
    done = subprocess.run([sys.executable, "-c", code, here], capture_output=True, check=True)
    assert done.stdout == render_pdf(make_report(filler(50)))


def right_edges(pdf: Path, page: int) -> dict[str, list[float]]:
    """The right edge of every word on `page` that is an amount, by the amount's text."""
    import re

    done = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    )
    edges: dict[str, list[float]] = {}
    for right, word in re.findall(r'xMax="([\d.]+)"[^>]*>(-?\$[\d,.]+)<', done.stdout):
        edges.setdefault(word, []).append(float(right))
    return edges


def test_amounts_are_right_aligned(make_report: ReportMaker, tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    source = tmp_path / "report.pdf"
    data = render_pdf(make_report(filler(30)))
    source.write_bytes(data)
    listing = right_edges(source, len(pdf_pages(data)))  # the list fits on the last page
    edges = [edge for found in listing.values() for edge in found]
    assert len(edges) == 36
    assert max(edges) - min(edges) < 0.5
    budget_column = right_edges(source, 1)
    # the budget table's Budget column: $60.00 (coffee) and $400.00 (groceries)
    assert abs(budget_column["$60.00"][0] - budget_column["$400.00"][0]) < 0.5


def test_a_period_with_only_income_has_no_empty_charts_or_tables(
    make_report: ReportMaker,
) -> None:
    from report_samples import expense

    salary = expense(97, "2026-11-01", "2500.00", "Salary", "income", False)
    text = "\n".join(pdf_pages(render_pdf(make_report([salary], sample=False))))
    assert "Nothing was spent in USD in this period" in text
    for heading in ("Spending by category", "Top merchants", "Largest expenses"):
        assert heading not in text
    assert "Salary income $2,500.00" in text  # still in the full list


def test_a_short_list_shares_a_page_and_a_long_one_starts_on_its_own(
    make_report: ReportMaker,
) -> None:
    short = pdf_pages(render_pdf(make_report()))
    [page] = [page for page in short if "All expenses (6)" in page]
    assert "Largest expenses" in page  # no page left nearly empty for six rows
    long = pdf_pages(render_pdf(make_report(filler(60))))
    [page] = [page for page in long if "All expenses (66)" in page]
    assert page.lstrip().startswith("All expenses (66)")
