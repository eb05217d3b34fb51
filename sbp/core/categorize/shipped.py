"""The categorizer's data files (`data/`), read the way the package was loaded."""

from __future__ import annotations

import os
import sys


def data_file(name: str) -> bytes:
    """A shipped data file, read by the loader that loaded this package (a folder, a wheel or
    a zip, as importlib.resources would read it), without importing importlib.resources,
    which costs `sbp add` more time than reading the file does."""
    spec = sys.modules[__package__].__spec__
    assert spec is not None and spec.loader is not None and spec.origin is not None
    path = os.path.join(os.path.dirname(spec.origin), "data", name)
    return spec.loader.get_data(path)  # type: ignore[attr-defined, no-any-return]
