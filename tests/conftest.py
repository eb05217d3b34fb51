"""Fixtures shared by every test folder: a private SBP_HOME so no test touches real data."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def sbp_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty SBP_HOME (in USD, whatever the machine's locale) set for this test."""
    home = tmp_path / "sbp-home"
    home.mkdir()
    (home / "config.toml").write_text('base_currency = "USD"\n')
    monkeypatch.setenv("SBP_HOME", str(home))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home
