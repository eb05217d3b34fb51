"""A keyring backend that keeps entries in one JSON file, for end-to-end tests.

`sbp` in a subprocess finds it through `PYTHON_KEYRING_BACKEND=file_keyring.FileKeyring` (this
folder on `PYTHONPATH`) and writes where `SBP_TEST_KEYRING` says, so a test can read what the
program keeps in "the system keyring" and see it gone after `sbp logout`. Never for real use:
the file is plain JSON.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    """Entries as `{"service/username": password}` in the file `SBP_TEST_KEYRING` names."""

    priority = 1  # type: ignore[assignment]

    @property
    def path(self) -> Path:
        return Path(os.environ["SBP_TEST_KEYRING"])

    def entries(self) -> dict[str, str]:
        try:
            found: dict[str, str] = json.loads(self.path.read_text())
        except FileNotFoundError:
            return {}
        return found

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        entries = self.entries()
        entries[f"{service}/{username}"] = password
        self.path.write_text(json.dumps(entries))

    def delete_password(self, service: str, username: str) -> None:
        entries = self.entries()
        if entries.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError(username)
        self.path.write_text(json.dumps(entries))
