"""The report's aggregates as JSON, CSV rows and Markdown, for scripts."""

from __future__ import annotations

import json

from report_samples import ReportMaker

from sbp.render.summary import CSV_FIELDS, report_to_json, report_to_markdown, report_to_rows


def test_json_amounts_are_strings_never_floats(make_report: ReportMaker) -> None:
    data = report_to_json(make_report())
    assert data["totals"]["spent"] == "216.69"
    assert data["totals"]["change_percent"] == "116.7"
    assert data["budgets"][0] == {
        "category": "coffee",
        "limit": "60.00",
        "spent": "65.50",
        "remaining": "-5.50",
        "percent": "109.2",
        "state": "over",
        "over": "5.50",
    }
    # coffee's 5.50 over uses up part of groceries' 295.81 left: 460.00 less 169.69 spent
    assert (data["totals"]["remaining"], data["totals"]["over_budget"]) == ("290.31", "5.50")
    assert not any(isinstance(value, float) for value in _leaves(data))
    assert json.loads(json.dumps(data)) == data


def _leaves(value: object) -> list[object]:
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value]


def test_csv_rows_use_only_the_declared_fields(make_report: ReportMaker) -> None:
    rows = report_to_rows(make_report())
    assert all(set(row) <= set(CSV_FIELDS) for row in rows)
    sections = {row["section"] for row in rows}
    assert {"total", "budget", "category", "day", "merchant", "largest"} <= sections


def test_markdown_marks_over_budget_rows_and_escapes_pipes(make_report: ReportMaker) -> None:
    from report_samples import expense

    odd = expense(99, "2026-11-21", "3.00", "A | B", "coffee", False)
    markdown = report_to_markdown(make_report([odd]))
    assert "| coffee (over) | $60.00 | $68.50 | -$8.50 | 114.2% |" in markdown
    assert "A \\| B" in markdown


def test_markdown_headline_shows_remaining_with_overspending_beside_it(
    make_report: ReportMaker,
) -> None:
    markdown = report_to_markdown(make_report())
    assert (
        "| Total spent | Budgeted | Remaining | Over budget | Change vs October 2026 |" in markdown
    )
    assert "| $216.69 | $460.00 | $290.31 | $5.50 (coffee) | +$116.69 (+116.7%) |" in markdown
    totals = [row for row in report_to_rows(make_report()) if row["section"] == "total"]
    rows = {row["label"]: row.get("amount") for row in totals}
    assert (rows["remaining"], rows["over_budget"]) == ("290.31", "5.50")


def test_an_empty_period_says_so_in_markdown(make_report: ReportMaker) -> None:
    markdown = report_to_markdown(make_report(sample=False))
    assert "Nothing was recorded in this period." in markdown
    assert "## Budget against actual" not in markdown


def test_markdown_and_pdf_say_when_to_the_same_minute(make_report: ReportMaker) -> None:
    from dataclasses import replace
    from datetime import UTC, datetime

    from report_samples import pdf_pages

    from sbp.render.pdf import render_pdf

    made = replace(make_report(), generated_at=datetime(2027, 1, 2, 3, 4, 56, 789, tzinfo=UTC))

    markdown = report_to_markdown(made)
    assert "generated 2027-01-02 03:04 UTC" in markdown
    assert "03:04:56" not in markdown and ".000789" not in markdown
    assert "generated 2027-01-02 03:04 UTC" in pdf_pages(render_pdf(made))[0]
