"""The `sbp` fixture: the real program over an empty private store (see sbp_process.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sbp_process import Sbp


@pytest.fixture
def sbp(sbp_home: Path) -> Sbp:
    """The `sbp` program over an empty private store."""
    return Sbp(sbp_home)
