"""Fixtures of the renderer tests: report data made in memory, no store, no clock, no CLI."""

from __future__ import annotations

import pytest
from report_samples import ReportMaker, build_report


@pytest.fixture
def make_report() -> ReportMaker:
    """Builds a November report of the sample expenses; see `report_samples.build_report`."""
    return build_report
