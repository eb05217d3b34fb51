"""What the sign-in tests work with: a keyring in memory, a gateway served on loopback, a
person with an account, and a data folder (the fixtures that make them are in conftest.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    """A keyring in a dict: what a test's device keeps, where the test can look."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@dataclass
class ServedGateway:
    """A gateway on a loopback port, and the requests it answered (method and path)."""

    url: str
    requests: list[str] = field(default_factory=list)

    def count(self, path: str) -> int:
        return sum(1 for asked in self.requests if asked.endswith(path))


@dataclass(frozen=True)
class Person:
    """Someone with an account on the served gateway."""

    username: str
    email: str
    password: str


@dataclass(frozen=True)
class Folder:
    """Settings reduced to what the session reads: the data folder."""

    data_dir: Path
