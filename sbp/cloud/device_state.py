"""What this device knows about signing in, kept in the data folder as `cloud.json` (0600).

Nothing in it is secret: the gateway last used, this store's device id, and while signed in the
account's id and name and the resource names the gateway handed out. Tokens and AWS credentials
live in the keyring or the token file (`sbp.cloud.token_store`). Reading it costs one small file
and imports neither boto3 nor keyring, so any command can ask cheaply whether it is signed in.
"""

from __future__ import annotations

import json
import string
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from sbp.cloud.private_files import write_private
from sbp.core.errors import NotSignedIn

STATE_FILE = "cloud.json"
_DEVICE_ALPHABET = string.digits + string.ascii_lowercase


@dataclass(frozen=True)
class Resources:
    """Where the signed-in user's data lives, as the gateway named it."""

    region: str
    replica_table: str
    bucket: str
    categorize_queue_url: str
    endpoint_url: str | None = None  # only on the local stack (a moto server)

    @classmethod
    def from_json(cls, value: Any) -> Resources:
        """From the gateway's `resources` object; ValueError when it is not one."""
        if not isinstance(value, dict):
            raise ValueError("resources must be an object")
        texts = {
            name: value.get(name)
            for name in ("region", "replica_table", "bucket", "categorize_queue_url")
        }
        if not all(isinstance(text, str) and text for text in texts.values()):
            raise ValueError("resources lack a name")
        endpoint = value.get("endpoint_url")
        if endpoint is not None and not isinstance(endpoint, str):
            raise ValueError("endpoint_url must be text")
        return cls(**texts, endpoint_url=endpoint or None)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Account:
    """The account this device is signed in to, and where its tokens are kept."""

    user_id: str
    username: str
    gateway_url: str
    resources: Resources
    token_store: str  # "keyring" or "file"


@dataclass(frozen=True)
class DeviceState:
    """The whole of `cloud.json`."""

    device_id: str
    gateway_url: str | None = None
    account: Account | None = None

    def signed_in(self, account: Account) -> DeviceState:
        return replace(self, gateway_url=account.gateway_url, account=account)

    def signed_out(self) -> DeviceState:
        return replace(self, account=None)


def new_device_id() -> str:
    """16 characters of 0-9 and a-z, as the gateway wants a device id."""
    import secrets  # only a new sign-in needs it: reading the state stays quick

    return "".join(secrets.choice(_DEVICE_ALPHABET) for _ in range(16))


def read_state(data_dir: Path) -> DeviceState | None:
    """The state in `data_dir`, or None when this store never met a gateway.

    NotSignedIn when the file is there but cannot be read: signing in again rewrites it."""
    path = data_dir / STATE_FILE
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise _damaged(path, error.strerror or str(error)) from None
    try:
        return _state_of(json.loads(raw))
    except (ValueError, TypeError, KeyError) as error:
        raise _damaged(path, str(error) or "not sbp's sign-in record") from None


def write_state(data_dir: Path, state: DeviceState) -> None:
    """Replace `cloud.json` whole (a temporary file moved into place), readable by its owner."""
    write_private(data_dir / STATE_FILE, json.dumps(asdict(state), indent=2).encode())


def _state_of(value: Any) -> DeviceState:
    if not isinstance(value, dict):
        raise ValueError("not an object")
    device_id = value["device_id"]
    if not isinstance(device_id, str) or len(device_id) != 16:
        raise ValueError("no device id")
    account = value.get("account")
    return DeviceState(
        device_id=device_id,
        gateway_url=_text_or_none(value.get("gateway_url")),
        account=None if account is None else _account_of(account),
    )


def _account_of(value: Any) -> Account:
    fields = {name: value[name] for name in ("user_id", "username", "gateway_url", "token_store")}
    if not all(isinstance(text, str) and text for text in fields.values()):
        raise ValueError("the account lacks a field")
    if fields["token_store"] not in ("keyring", "file"):
        raise ValueError("unknown token store")
    return Account(**fields, resources=Resources.from_json(value["resources"]))


def _text_or_none(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise ValueError("not text")
    return value or None


def _damaged(path: Path, why: str) -> NotSignedIn:
    return NotSignedIn(
        f"this device's sign-in record {path} cannot be read ({why})",
        hint="sign in again with `sbp login`, which rewrites it",
    )
