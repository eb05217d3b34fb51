"""`sbp budget`, `sbp status` and the alerts an add raises when it crosses a threshold."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from decimal import Decimal

import pytest
from sbp_process import Sbp

THIS_MONTH = date.today().strftime("%Y-%m")


def test_budget_set_list_and_rm(sbp: Sbp) -> None:
    assert sbp.ok("budget", "set", "Coffee", "60").out == "budget coffee (every month): 60.00\n"
    sbp.ok("budget", "set", "travel", "800", "--month", "2026-12")

    table = sbp.ok("budget", "list").lines
    assert [line.split()[0] for line in table] == ["CATEGORY", "coffee", "travel"]
    assert sbp.json("budget", "list") == [
        {"category": "coffee", "limit": "60.00", "currency": "USD", "month": None},
        {"category": "travel", "limit": "800.00", "currency": "USD", "month": "2026-12"},
    ]
    assert sbp.ok("budget", "list", "--csv").lines[0] == "category,limit,currency,month"

    assert sbp.ok("budget", "rm", "travel", "--month", "2026-12").out == (
        "removed the travel (2026-12) budget\n"
    )
    assert [b["category"] for b in sbp.json("budget", "list")] == ["coffee"]


def test_budget_set_below_what_is_spent_prints_and_records_the_alerts(sbp: Sbp) -> None:
    sbp.ok("add", "1234.56", "new desk", "-c", "shopping")

    run = sbp.ok("budget", "set", "shopping", "1000")

    assert run.lines == [
        "budget shopping (every month): 1,000.00",
        f"alert: Shopping passed 80% of its budget: $1,234.56 of $1,000.00 in {THIS_MONTH}"
        " (123.5%)",
        f"alert: Shopping is over budget: $1,234.56 of $1,000.00 in {THIS_MONTH} (123.5%)",
    ]
    assert [n["message"][:25] for n in sbp.json("notifications")] == [
        "Shopping is over budget: ",
        "Shopping passed 80% of it",
    ]
    assert sbp.ok("budget", "set", "shopping", "900").lines == [
        "budget shopping (every month): 900.00"
    ]


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (("set", "coffee", "abc"), 1, "abc"),
        (("set", "coffee", "-5"), 1, "cannot be negative"),
        (("set", "coffee", "60", "--month", "2026-13"), 1, "month 2026-13 does not exist"),
        (("set", "", "60"), 1, "category is empty"),
        (("rm", "dining"), 3, "no budget for 'dining' for every month"),
        (("rm", "coffee", "--month", "nov"), 1, "is not in the form YYYY-MM"),
    ],
)
def test_budget_refuses_bad_input_and_changes_nothing(
    sbp: Sbp, args: tuple[str, ...], code: int, words: str
) -> None:
    sbp.ok("budget", "set", "coffee", "60")
    before = sbp.snapshot()

    run = sbp("budget", *args)

    assert run.code == code
    assert words in run.err
    assert sbp.snapshot() == before


def test_status_shows_budgets_unbudgeted_spending_and_a_safe_daily_amount(sbp: Sbp) -> None:
    sbp.ok("budget", "set", "coffee", "60")
    sbp.ok("budget", "set", "groceries", "400")
    sbp.ok("add", "42.50", "coffee")
    sbp.ok("add", "30", "dinner", "-c", "dining")

    run = sbp.ok("status")

    assert run.lines[0] == f"{THIS_MONTH}  (USD)"
    assert run.lines[1].split() == ["CATEGORY", "SPENT", "LIMIT", "LEFT", "%"]
    assert run.lines[2].split() == [
        "coffee",
        "42.50",
        "60.00",
        "17.50",
        "70.8%",
        "[##############......]",
    ]
    assert run.lines[3].split()[:5] == ["groceries", "0.00", "400.00", "400.00", "0.0%"]
    assert "unbudgeted: 30.00 (dining 30.00)" in run.out
    assert f"spent in {THIS_MONTH}: 72.50" in run.out
    assert "budgeted 460.00, remaining 417.50" in run.lines
    assert re.search(r"^\d+ days? left: [\d,]+\.\d\d a day keeps every budget$", run.out, re.M)
    assert "\x1b[" not in run.out


def test_status_json_has_stable_field_names(sbp: Sbp) -> None:
    sbp.ok("budget", "set", "coffee", "60")
    sbp.ok("add", "42.50", "coffee")
    sbp.ok("add", "30", "dinner", "-c", "dining")

    state = sbp.json("status")

    assert list(state) == [
        "month",
        "currency",
        "categories",
        "unbudgeted",
        "other_currencies",
        "total",
        "budgeted",
        "remaining",
        "over_budget",
        "days_left",
        "safe_daily",
    ]
    assert state["categories"] == [
        {
            "category": "coffee",
            "spent": "42.50",
            "limit": "60.00",
            "remaining": "17.50",
            "percent": "70.8",
            "state": "fine",
            "currency": "USD",
            "over": "0.00",
        }
    ]
    assert (state["month"], state["unbudgeted"], state["total"]) == (
        THIS_MONTH,
        {"dining": "30.00"},
        "72.50",
    )
    rows = list(csv.DictReader(io.StringIO(sbp.ok("status", "--csv").out)))
    assert rows[0]["percent"] == "70.8"


def test_status_remaining_counts_overspending_and_names_what_is_over(sbp: Sbp) -> None:
    sbp.ok("budget", "set", "coffee", "10")
    sbp.ok("budget", "set", "groceries", "400")
    sbp.ok("add", "12", "coffee")
    sbp.ok("add", "100", "groceries", "-c", "groceries")

    run = sbp.ok("status")
    state = sbp.json("status")

    assert "budgeted 410.00, remaining 298.00; over budget: 2.00 (coffee)" in run.lines
    assert (state["budgeted"], state["remaining"], state["over_budget"]) == (
        "410.00",
        "298.00",
        "2.00",
    )
    assert [(c["category"], c["over"]) for c in state["categories"]] == [
        ("coffee", "2.00"),
        ("groceries", "0.00"),
    ]
    rows = list(csv.DictReader(io.StringIO(sbp.ok("status", "--csv").out)))
    assert [row["over"] for row in rows] == ["2.00", "0.00"]


def test_status_when_the_budgets_together_are_spent_says_nothing_is_left(sbp: Sbp) -> None:
    sbp.ok("budget", "set", "coffee", "10")
    sbp.ok("budget", "set", "tea", "5")
    sbp.ok("add", "20", "coffee")

    run = sbp.ok("status")

    assert "budgeted 15.00, remaining -5.00; over budget: 10.00 (coffee)" in run.lines
    assert sbp.json("status")["safe_daily"] == "0.00"
    if "the month is over" not in run.out:
        assert re.search(r"^\d+ days? left: nothing is left in the budgets$", run.out, re.M)


def test_status_of_another_month_and_a_bad_month(sbp: Sbp) -> None:
    sbp.ok("add", "900", "rent", "--date", "2025-06-01", "-c", "housing")

    assert sbp.json("status", "--month", "2025-06")["unbudgeted"] == {"housing": "900.00"}
    run = sbp("status", "--month", "2025-6-1")
    assert run.code == 1
    assert "is not in the form YYYY-MM" in run.err


def test_add_that_crosses_80_percent_shows_the_alert_once(sbp: Sbp) -> None:
    sbp.ok("budget", "set", "coffee", "60")
    sbp.ok("add", "40", "coffee")

    crossing = sbp.ok("add", "10", "coffee")
    after = sbp.ok("add", "1", "coffee")

    assert crossing.lines[1] == (
        f"alert: Coffee passed 80% of its budget: $50.00 of $60.00 in {THIS_MONTH} (83.3%)"
    )
    assert len(after.lines) == 1  # 80% was already announced


def test_add_that_crosses_100_percent_shows_the_over_budget_alert(sbp: Sbp) -> None:
    sbp.ok("budget", "set", "coffee", "10")

    run = sbp.ok("add", "12", "coffee")

    assert run.lines[1].startswith("alert: Coffee passed 80% of its budget")
    assert run.lines[2].startswith("alert: Coffee is over budget: $12.00 of $10.00")


def test_notifications_list_alerts_and_mark_them_read(sbp: Sbp) -> None:
    sbp.ok("budget", "set", "coffee", "10")
    sbp.ok("add", "9", "coffee")

    [alert] = sbp.json("notifications", "--unread")
    table = sbp.ok("notifications", "--mark-read").lines

    assert list(alert) == ["id", "created_at", "kind", "message", "month", "category", "read"]
    assert (alert["kind"], alert["category"], alert["month"], alert["read"]) == (
        "budget",
        "coffee",
        THIS_MONTH,
        False,
    )
    assert "new  Coffee passed 80% of its budget" in table[1]
    assert sbp.json("notifications", "--unread") == []
    assert sbp.json("notifications")[0]["read"] is True
    assert (
        sbp.ok("notifications", "--csv").lines[0]
        == "id,created_at,kind,message,month,category,read"
    )


def test_notifications_with_none_raised(sbp: Sbp) -> None:
    assert sbp.ok("notifications").out == "no alerts\n"
    assert sbp("notifications", "--limit", "0").err == (
        "sbp: error: limit must be a positive number, not 0\n"
    )


def test_status_on_the_last_day_of_the_month_says_one_day_left(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from sbp.cli.budgets import _print_status
    from sbp.core.budget import month_status
    from sbp.core.model import Budget
    from sbp.core.periods import Month

    november = Month(2026, 11)
    budgets = [Budget("coffee", Decimal("60"), "USD", None)]
    state = month_status(november, "USD", budgets, [], date(2026, 11, 30))

    _print_status(state)

    assert "1 day left: 60.00 a day keeps every budget" in capsys.readouterr().out.splitlines()


def test_status_safe_daily_amount_does_not_claim_to_keep_a_budget_already_over(sbp: Sbp) -> None:
    sbp.ok("budget", "set", "coffee", "10")
    sbp.ok("budget", "set", "groceries", "400")
    sbp.ok("add", "12", "coffee")

    run = sbp.ok("status")

    assert re.search(
        r"^\d+ days? left: [\d,]+\.\d\d a day keeps every budget but coffee$", run.out, re.M
    )
