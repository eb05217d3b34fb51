"""The store's currency is fixed when it is first used: a later `base_currency` in config.toml
is not applied, and every command says so rather than keeping silent."""

from __future__ import annotations

import json
from pathlib import Path

from sbp_process import Sbp


def test_a_later_change_of_base_currency_is_said_not_silently_ignored(
    sbp: Sbp, sbp_home: Path
) -> None:
    sbp.ok("add", "12.50", "coffee")
    (sbp_home / "config.toml").write_text('base_currency = "EUR"\n')

    run = sbp.ok("add", "3", "tea")

    [note] = run.err.splitlines()
    assert note.startswith(f"sbp: note: {sbp_home / 'config.toml'} sets base_currency = EUR")
    assert "this store keeps USD" in note
    assert {e["currency"] for e in sbp.json("list")} == {"USD"}


def test_no_note_when_the_config_agrees_or_says_nothing(sbp: Sbp, sbp_home: Path) -> None:
    sbp.ok("add", "12.50", "coffee")
    agreeing = sbp.ok("list")
    (sbp_home / "config.toml").write_text("alert_thresholds = [50, 100]\n")
    silent = sbp.ok("list")

    assert (agreeing.err, silent.err) == ("", "")


def test_a_new_store_takes_the_configured_currency(sbp: Sbp, sbp_home: Path) -> None:
    (sbp_home / "config.toml").write_text('base_currency = "eur"\n')

    run = sbp.ok("add", "12.50", "coffee")

    assert run.err == ""
    assert json.loads(sbp.ok("list", "--json").out)[0]["currency"] == "EUR"
