"""Where a signed-in device keeps its secrets: the OS keyring, or a 0600 file where there is none.

The secrets are the refresh token (the one that lasts), the access token and the AWS
credentials (both short-lived). The system keyring (macOS Keychain, Windows Credential Locker,
Secret Service) is used when `keyring` finds one that keeps secrets; where it finds none
(a headless Linux box: `NoKeyringError`, the fail and null backends) or only a backend that is
not secret (keyrings.alt's plaintext file, which merely base64-encodes), the secrets go to a
file in the data folder that only its owner can read, and the person is told which was used.
`keyring` is imported only here, when secrets are read or written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from sbp.cloud.private_files import write_private
from sbp.core.errors import NotSignedIn

SERVICE = "sbp"
TOKEN_FILE = "cloud-tokens.json"
_ENTRIES = ("refresh", "access", "aws")
_NOT_SECRET = frozenset(
    {
        "keyring.backends.fail.Keyring",
        "keyring.backends.null.Keyring",
        "keyrings.alt.file.PlaintextKeyring",
    }
)


@dataclass(frozen=True)
class AwsCredentials:
    """Temporary AWS credentials from the gateway (STS), scoped to one user's data."""

    access_key_id: str
    secret_access_key: str
    session_token: str
    expiration: datetime

    def __repr__(self) -> str:  # never a secret in a traceback or a log line
        return f"AwsCredentials(expiration={self.expiration.isoformat()})"

    def as_json(self) -> dict[str, str]:
        return {
            "access_key_id": self.access_key_id,
            "secret_access_key": self.secret_access_key,
            "session_token": self.session_token,
            "expiration": iso(self.expiration),
        }

    @classmethod
    def from_json(cls, value: Any) -> AwsCredentials:
        return cls(
            access_key_id=_text(value, "access_key_id"),
            secret_access_key=_text(value, "secret_access_key"),
            session_token=_text(value, "session_token"),
            expiration=parse_time(_text(value, "expiration")),
        )


@dataclass(frozen=True)
class Tokens:
    """Everything secret of one device's session."""

    refresh_token: str
    access_token: str
    access_expires_at: datetime
    credentials: AwsCredentials

    def __repr__(self) -> str:
        return f"Tokens(access_expires_at={self.access_expires_at.isoformat()})"

    def as_json(self) -> dict[str, Any]:
        return {
            "refresh_token": self.refresh_token,
            "access_token": self.access_token,
            "access_expires_at": iso(self.access_expires_at),
            "credentials": self.credentials.as_json(),
        }

    @classmethod
    def from_json(cls, value: Any) -> Tokens:
        """From a gateway Session (or what `as_json` wrote); ValueError if it is not one."""
        if not isinstance(value, dict):
            raise ValueError("not an object")
        return cls(
            refresh_token=_text(value, "refresh_token"),
            access_token=_text(value, "access_token"),
            access_expires_at=parse_time(_text(value, "access_expires_at")),
            credentials=AwsCredentials.from_json(value.get("credentials")),
        )


class TokenStore(Protocol):
    """Keeps one device's `Tokens`."""

    kind: str  # "keyring" or "file"

    def describe(self) -> str:
        """Where the tokens are, in words for the person."""

    def load(self) -> Tokens | None:
        """The tokens kept, or None when there are none (or they cannot be read)."""

    def save(self, tokens: Tokens) -> None:
        """Keep `tokens`, replacing what was kept."""

    def delete(self) -> None:
        """Forget the tokens (nothing kept is fine)."""


class KeyringTokens:
    """The tokens as three entries of service `sbp` in the system keyring, named by device."""

    kind = "keyring"

    def __init__(self, device_id: str, backend: Any) -> None:
        self._device_id = device_id
        self._backend = backend

    def describe(self) -> str:
        return f"the system keyring ({self._backend.name})"

    def _entry(self, name: str) -> str:
        return f"{self._device_id}/{name}"

    def load(self) -> Tokens | None:
        from keyring.errors import KeyringError

        try:
            parts = [self._backend.get_password(SERVICE, self._entry(name)) for name in _ENTRIES]
        except KeyringError as error:
            raise self._unreachable(error) from None
        if any(part is None for part in parts):
            return None
        refresh, access, aws = parts
        try:
            access_value = json.loads(access)
            return Tokens.from_json(
                {"refresh_token": refresh, **access_value, "credentials": json.loads(aws)}
            )
        except (ValueError, TypeError):
            return None

    def save(self, tokens: Tokens) -> None:
        value = tokens.as_json()
        # the refresh token first: once the gateway rotated it, the old one is spent
        self._backend.set_password(SERVICE, self._entry("refresh"), value["refresh_token"])
        access = {key: value[key] for key in ("access_token", "access_expires_at")}
        self._backend.set_password(SERVICE, self._entry("access"), json.dumps(access))
        self._backend.set_password(SERVICE, self._entry("aws"), json.dumps(value["credentials"]))

    def delete(self) -> None:
        from keyring.errors import KeyringError, PasswordDeleteError

        for name in _ENTRIES:
            try:
                self._backend.delete_password(SERVICE, self._entry(name))
            except PasswordDeleteError:
                continue  # not there: nothing to forget
            except KeyringError as error:
                raise self._unreachable(error) from None

    def _unreachable(self, error: Exception) -> NotSignedIn:
        return NotSignedIn(
            f"{self.describe()} holding this device's sign-in cannot be used"
            f" ({type(error).__name__})",
            hint="unlock the keyring, or sign in again with `sbp login`",
        )


class FileTokens:
    """The tokens in one JSON file in the data folder, readable by its owner only (0600)."""

    kind = "file"

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / TOKEN_FILE

    def describe(self) -> str:
        return f"{self.path} (readable only by you)"

    def load(self) -> Tokens | None:
        try:
            return Tokens.from_json(json.loads(self.path.read_bytes()))
        except (OSError, ValueError, TypeError):
            return None

    def save(self, tokens: Tokens) -> None:
        write_private(self.path, json.dumps(tokens.as_json()).encode())

    def delete(self) -> None:
        self.path.unlink(missing_ok=True)


def secret_keyring() -> Any | None:
    """The keyring backend `keyring` would use, if it keeps secrets; None where there is no
    keyring, or only one that is not secret."""
    import keyring
    from keyring.backends.chainer import ChainerBackend

    backend = keyring.get_keyring()
    used = backend
    if isinstance(backend, ChainerBackend):  # it writes to its highest-priority member
        members = backend.backends
        if not members:
            return None
        used = members[0]
    kind = type(used)
    return None if f"{kind.__module__}.{kind.__qualname__}" in _NOT_SECRET else backend


def store_for_new_session(data_dir: Path, device_id: str, tokens: Tokens) -> TokenStore:
    """Keep `tokens` of a session just started: in the system keyring when one works, else in
    the token file. The store used."""
    from keyring.errors import KeyringError

    backend = secret_keyring()
    if backend is not None:
        chosen = KeyringTokens(device_id, backend)
        try:
            chosen.save(tokens)
        except KeyringError:  # locked, or its service not running after all
            chosen.delete()
        else:
            FileTokens(data_dir).delete()  # left by an earlier session, if any
            return chosen
    fallback = FileTokens(data_dir)
    fallback.save(tokens)
    return fallback


def store_of(kind: str, data_dir: Path, device_id: str) -> TokenStore:
    """The store a session chose when it began (`kind` as recorded in `cloud.json`)."""
    if kind == "keyring":
        import keyring

        return KeyringTokens(device_id, keyring.get_keyring())
    return FileTokens(data_dir)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def parse_time(text: str) -> datetime:
    """An ISO 8601 time (`...Z` or with an offset) as an aware datetime; ValueError if not one."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"time {text!r} has no zone")
    return moment


def _text(value: Any, name: str) -> str:
    found = value.get(name) if isinstance(value, dict) else None
    if not isinstance(found, str) or not found:
        raise ValueError(f"{name} missing")
    return found
