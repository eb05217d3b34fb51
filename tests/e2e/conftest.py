"""The local stack each end-to-end module runs against: `python -m cloud.local up`, started for
the module and stopped by Ctrl-C after it, which must end every process it started."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from local_stack import LocalStack


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStack]:
    running = LocalStack.start(tmp_path_factory.mktemp("stack") / "stack.log")
    yield running
    code, left = running.stop()
    assert code == 0, running.text()[-2000:]
    assert left == set(), f"still running after Ctrl-C: {left}"
    assert "stopped" in running.text().splitlines()[-1]
