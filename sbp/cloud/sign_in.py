"""Registering, signing this device in and out: what `sbp register`, `login` and `logout` do.

Signing in keeps the tokens (`sbp.cloud.token_store`) and then writes `cloud.json`, so a device
is never recorded as signed in without its secrets. Signing out always succeeds on the device:
when the gateway cannot be told, the session simply lapses there on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sbp.cloud.device_state import (
    Account,
    DeviceState,
    Resources,
    new_device_id,
    read_state,
    write_state,
)
from sbp.cloud.gateway_client import GatewayClient
from sbp.cloud.session import (
    CloudSession,
    current_tokens,
    forget,
    load_session,
    with_access_token,
)
from sbp.cloud.token_store import Tokens, store_for_new_session
from sbp.core.errors import CloudUnavailable, NotSignedIn, SbpError

DEVICE_NAME_LENGTH = 64


@dataclass(frozen=True)
class SignedIn:
    """A sign-in that succeeded: the session, and where its tokens were put (in words)."""

    session: CloudSession
    tokens_kept_in: str
    kept_in_keyring: bool


def register(gateway_url: str, username: str, email: str, password: str) -> dict[str, Any]:
    """Create an account; the gateway's answer (`user_id`, `username`)."""
    answer: dict[str, Any] = GatewayClient(gateway_url).register(username, email, password)
    return answer


def known_gateway(data_dir: Path) -> str | None:
    """The gateway this device last used, if any."""
    state = read_state(data_dir)
    return state.gateway_url if state else None


def remember_gateway(data_dir: Path, gateway_url: str) -> None:
    """Make `gateway_url` the one `sbp login` uses when given none."""
    state = read_state(data_dir) or DeviceState(device_id=new_device_id())
    write_state(data_dir, replace(state, gateway_url=GatewayClient(gateway_url).base_url))


def sign_in(
    data_dir: Path, gateway_url: str, login: str, password: str, device_name: str
) -> SignedIn:
    """Sign this device in to the gateway as `login` (a username or an e-mail address)."""
    client = GatewayClient(gateway_url)
    state = read_state(data_dir) or DeviceState(device_id=new_device_id())
    previous = load_session(_Folder(data_dir)) if state.account else None
    answer = client.login(login, password, state.device_id, _device_name(device_name))
    try:
        tokens = Tokens.from_json(answer)
        resources = Resources.from_json(answer.get("resources"))
        user_id, username = str(answer["user_id"]), str(answer["username"])
    except (ValueError, KeyError, TypeError):
        raise CloudUnavailable(
            "the gateway's session could not be read", hint="is the address that of sbp's gateway?"
        ) from None
    if previous is not None:
        _end_quietly(previous)
    store = store_for_new_session(data_dir, state.device_id, tokens)
    account = Account(user_id, username, client.base_url, resources, store.kind)
    write_state(data_dir, state.signed_in(account))
    session = load_session(_Folder(data_dir))
    assert session is not None
    return SignedIn(session, store.describe(), store.kind == "keyring")


def sign_out(session: CloudSession) -> bool:
    """End the session at the gateway and forget it here; False when the gateway could not
    be told (the session then lapses there on its own)."""
    try:
        with_access_token(
            session,
            lambda token: session.gateway().logout(token, current_tokens(session).refresh_token),
        )
        told = True
    except NotSignedIn:
        told = True  # the gateway had ended it already, or there is nothing left to end
    except SbpError:
        told = False
    forget(session)
    return told


def _end_quietly(previous: CloudSession) -> None:
    """Before a new sign-in replaces it: end the old session, whatever the gateway says."""
    try:
        sign_out(previous)
    except SbpError:
        previous.tokens().delete()


def _device_name(name: str) -> str:
    printable = "".join(char for char in name if char.isprintable()).strip()
    return printable[:DEVICE_NAME_LENGTH] or "sbp device"


@dataclass(frozen=True)
class _Folder:
    """Settings reduced to the data folder, for `load_session`."""

    data_dir: Path
