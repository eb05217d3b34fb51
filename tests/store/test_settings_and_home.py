"""Where the store lives and how it is configured: SBP_HOME, config.toml, the composition root."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from sbp.bootstrap import SystemClock, build_planner
from sbp.config import load_settings
from sbp.core.errors import InvalidInput
from sbp.store.sqlite import SqliteLedger


def home(tmp_path: Path, config: str = 'base_currency = "USD"\n') -> dict[str, str]:
    (tmp_path / "config.toml").write_text(config, encoding="utf-8")
    return {"SBP_HOME": str(tmp_path)}


def test_sbp_home_holds_the_store_and_the_config_file(tmp_path: Path) -> None:
    settings = load_settings(home(tmp_path))

    assert settings.db_path == tmp_path / "sbp.db"
    assert settings.config_file == tmp_path / "config.toml"


def test_the_config_file_sets_the_currency_and_the_alert_thresholds(tmp_path: Path) -> None:
    settings = load_settings(
        home(tmp_path, 'base_currency = "eur"\nalert_thresholds = [100, 50, 90]\n')
    )

    assert settings.base_currency == "EUR"
    assert settings.thresholds == (50, 90, 100)


@pytest.mark.parametrize(
    ("config", "says"),
    [
        ("alert_thresholds = 80\n", "must be a list of percents"),
        ("alert_thresholds = [0, 80]\n", "between 1 and 1000"),
        ("alert_thresholds = []\n", "between 1 and 1000"),
        ("base_currency = \n", "cannot read"),
        ('base_currency = "EURO"\n', "not a 3-letter ISO 4217 code"),
    ],
)
def test_a_bad_config_file_is_refused_with_the_reason(
    tmp_path: Path, config: str, says: str
) -> None:
    with pytest.raises(InvalidInput, match=says):
        load_settings(home(tmp_path, config))


@pytest.mark.parametrize(("value", "color"), [(None, True), ("", True), ("1", False)])
def test_no_color_turns_colour_off_when_set_to_anything(
    tmp_path: Path, value: str | None, color: bool
) -> None:
    env = home(tmp_path)
    if value is not None:
        env["NO_COLOR"] = value

    assert load_settings(env).color is color


def test_the_planner_is_built_over_the_sqlite_store_in_sbp_home(tmp_path: Path) -> None:
    planner = build_planner(load_settings(home(tmp_path, 'base_currency = "EUR"\n')))

    expense = planner.add_expense("4,20", "Kaffee").expense

    assert (expense.currency, expense.amount) == ("EUR", Decimal("4.20"))
    assert isinstance(planner.ledger, SqliteLedger)
    planner.ledger.close()
    reopened = SqliteLedger(tmp_path / "sbp.db")
    assert reopened.get(expense.id) == expense
    assert reopened.setting("base_currency") == "EUR"
    reopened.close()


def test_the_system_clock_gives_an_aware_instant() -> None:
    assert SystemClock().now().tzinfo is not None


@pytest.mark.parametrize(
    "value",
    ["[1e400]", "[inf]", "[nan]", "[80.5, 100]", "[true, 100]", '["80"]', "[[80]]", "[80, 1001]"],
)
def test_alert_thresholds_are_whole_percents_and_a_bad_one_names_the_file_and_line(
    tmp_path: Path, value: str
) -> None:
    config = f'base_currency = "USD"\nalert_thresholds = {value}\n'

    with pytest.raises(InvalidInput) as refused:
        load_settings(home(tmp_path, config))

    assert str(refused.value).startswith(f"{tmp_path / 'config.toml'}:2: alert_thresholds ")
