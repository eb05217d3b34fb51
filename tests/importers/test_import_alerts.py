"""An import raises the budget alerts that typing its rows with `sbp add` would: once per
category, month and threshold, recorded with the import and listed in its result."""

from __future__ import annotations

from pathlib import Path

import pytest
from bank_files import PinnedClock, import_text

from sbp.core.importers import run
from sbp.planner import Planner
from sbp.store.sqlite import SqliteLedger

HEADER = "Date,Description,Amount\n"
GROCERIES = HEADER + "2026-11-10,WHOLE FOODS MARKET,-20.00\n2026-11-12,LIDL,-15.00\n"


def keys(alerts: object) -> list[str]:
    return [alert.dedupe_key for alert in alerts]  # type: ignore[attr-defined]


def test_an_import_past_80_and_100_percent_raises_both_alerts(planner: Planner) -> None:
    planner.set_budget("groceries", "40")
    planner.add_expense("10", "Tesco", on="2026-11-02")  # 25%, no alert

    result = import_text(planner, GROCERIES)

    assert keys(result.alerts) == ["2026-11#groceries#80", "2026-11#groceries#100"]
    assert result.alerts[1].message == (
        "Groceries is over budget: $45.00 of $40.00 in 2026-11 (112.5%)"
    )
    assert sorted(keys(planner.notifications())) == sorted(keys(result.alerts))


def test_an_alert_already_raised_is_not_raised_again_by_an_import(planner: Planner) -> None:
    planner.set_budget("groceries", "40")
    planner.add_expense("33", "Tesco", on="2026-11-02")  # 82.5%: the 80% alert, by hand

    first = import_text(planner, GROCERIES)
    again = import_text(planner, GROCERIES)
    more = import_text(planner, HEADER + "2026-11-20,LIDL,-5.00\n", name="more.csv")

    assert keys(first.alerts) == ["2026-11#groceries#100"]
    assert (again.alerts, more.alerts) == ([], [])
    assert len(planner.notifications()) == 2


def test_an_import_raises_exactly_the_alerts_adding_its_rows_by_hand_would(
    planner: Planner, tmp_path: Path
) -> None:
    rows = [
        ("2026-10-30", "LIDL", "30.00"),
        ("2026-11-02", "Starbucks", "4.50"),
        ("2026-11-03", "WHOLE FOODS MARKET", "28.00"),
        ("2026-11-04", "Starbucks", "2.00"),
        ("2026-11-05", "Refund LIDL", "-10.00"),
        ("2026-11-06", "LIDL", "19.00"),
        ("2026-11-07", "Starbucks", "9.99"),
    ]
    by_hand = Planner(SqliteLedger(tmp_path / "hand.db"), PinnedClock(), base_currency="USD")
    for each in (planner, by_hand):
        each.set_budget("groceries", "40")
        each.set_budget("coffee", "15")
        each.set_budget("groceries", "35", month="2026-10")
    for day, text, amount in rows:
        category = "groceries" if "LIDL" in text or "FOODS" in text else "coffee"
        by_hand.add_expense(amount, text, on=day, category=category)

    body = "".join(f"{day},{text},{-float(amount):.2f}\n" for day, text, amount in rows)
    result = import_text(planner, HEADER + body)

    expected = sorted(keys(by_hand.notifications()))
    assert expected == [
        "2026-10#groceries#80",  # 30.00 of 35.00
        "2026-11#coffee#100",  # 16.49 of 15.00
        "2026-11#coffee#80",
        "2026-11#groceries#80",  # 28.00, 18.00 after the refund, then 37.00 of 40.00
    ]
    assert sorted(keys(result.alerts)) == sorted(keys(planner.notifications())) == expected


def test_alerts_are_checked_in_every_month_a_big_import_touches(
    planner: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(run, "CHUNK", 3)  # the months come in different chunks
    planner.set_budget("groceries", "10")
    lines = [f"2026-{month:02d}-{day:02d},LIDL,-3.00" for month in (9, 10) for day in (1, 2, 3, 4)]

    result = import_text(planner, HEADER + "\n".join(lines) + "\n")

    assert sorted(keys(result.alerts)) == [
        "2026-09#groceries#100",
        "2026-09#groceries#80",
        "2026-10#groceries#100",
        "2026-10#groceries#80",
    ]


def test_a_dry_run_lists_the_alerts_it_would_raise_and_records_none(planner: Planner) -> None:
    planner.set_budget("groceries", "40")

    result = import_text(planner, GROCERIES, dry_run=True)

    assert keys(result.alerts) == ["2026-11#groceries#80"]
    assert planner.notifications() == []


def test_a_refused_import_raises_no_alert(planner: Planner) -> None:
    planner.set_budget("groceries", "40")

    result = import_text(planner, GROCERIES + "2026-11-13,LIDL,oops\n")

    assert (result.stored, result.alerts, planner.notifications()) == (False, [], [])
