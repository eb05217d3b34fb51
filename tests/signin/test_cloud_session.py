"""The device's sign-in state (`sbp.cloud.session`) against a real gateway on loopback: what is
kept where, credentials that renew themselves, one renewal at a time, and a session that ends."""

from __future__ import annotations

import json
import stat
import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from conftest import Folder, MemoryKeyring, Person, ServedGateway

from sbp.cloud.device_state import STATE_FILE, read_state
from sbp.cloud.session import (
    aws_session,
    current_tokens,
    load_session,
    user_client,
    with_access_token,
)
from sbp.cloud.sign_in import sign_in, sign_out
from sbp.cloud.token_store import SERVICE, TOKEN_FILE, Tokens
from sbp.core.errors import NotSignedIn


def test_a_device_that_never_signed_in_has_no_session(device: Folder) -> None:
    assert load_session(device) is None
    assert not device.data_dir.exists()  # reading made nothing


def test_signing_in_keeps_the_secrets_in_the_keyring_and_only_names_on_disk(
    gateway: ServedGateway, person: Person, device: Folder, memory_keyring: MemoryKeyring
) -> None:
    signed = sign_in(device.data_dir, gateway.url, person.username, person.password, "laptop")

    assert signed.kept_in_keyring and "system keyring" in signed.tokens_kept_in
    session = load_session(device)
    assert session is not None and session == signed.session
    assert (session.username, session.gateway_url) == ("ada", gateway.url)
    assert session.resources.replica_table == "sbp-test-replica"
    assert len(session.device_id) == 16 and session.device_id.isalnum()
    tokens = current_tokens(session)
    kept = {value for (service, _), value in memory_keyring.entries.items() if service == SERVICE}
    assert tokens.refresh_token in kept
    on_disk = (device.data_dir / STATE_FILE).read_text()
    for secret in (tokens.refresh_token, tokens.access_token, person.password):
        assert secret not in on_disk
    assert tokens.credentials.secret_access_key not in on_disk
    assert stat.S_IMODE((device.data_dir / STATE_FILE).stat().st_mode) == 0o600
    assert not (device.data_dir / TOKEN_FILE).exists()


@pytest.mark.parametrize(
    "backend", ["keyring.backends.fail.Keyring", "keyrings.alt.file.PlaintextKeyring"]
)
def test_without_a_secret_keyring_the_tokens_go_to_a_private_file(
    gateway: ServedGateway,
    person: Person,
    device: Folder,
    backend: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import keyring
    from keyring.core import load_keyring

    monkeypatch.setenv("XDG_DATA_HOME", str(device.data_dir.parent / "xdg"))
    before = keyring.get_keyring()
    keyring.set_keyring(load_keyring(backend))
    try:
        signed = sign_in(device.data_dir, gateway.url, "ada@example.com", person.password, "pc")
    finally:
        keyring.set_keyring(before)

    token_file = device.data_dir / TOKEN_FILE
    assert not signed.kept_in_keyring and str(token_file) in signed.tokens_kept_in
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    assert (
        json.loads(token_file.read_text())["refresh_token"]
        == current_tokens(signed.session).refresh_token
    )
    assert not (device.data_dir.parent / "xdg").exists()  # nothing went to the plaintext keyring


def test_the_aws_session_renews_its_credentials_in_the_middle_of_a_long_command(
    gateway: ServedGateway, person: Person, device: Folder, memory_keyring: MemoryKeyring
) -> None:
    session = sign_in(device.data_dir, gateway.url, "ada", person.password, "laptop").session
    first = current_tokens(session)
    dynamodb = user_client(session, "dynamodb", aws_session(session))
    key = {"user_id": {"S": session.user_id}, "sk": {"S": "head"}}

    dynamodb.get_item(TableName=session.resources.replica_table, Key=key)
    assert gateway.count("/refresh") == 0
    later = datetime.now(UTC) + timedelta(minutes=50)  # the credentials have ~10 minutes left
    with time_machine.travel(later, tick=True):
        dynamodb.get_item(TableName=session.resources.replica_table, Key=key)
        renewed = current_tokens(session)

    assert gateway.count("/refresh") == 1
    assert renewed.refresh_token != first.refresh_token
    assert renewed.credentials.expiration > later + timedelta(minutes=40)


def test_credentials_kept_past_their_time_are_renewed_before_the_first_call(
    gateway: ServedGateway, person: Person, device: Folder, memory_keyring: MemoryKeyring
) -> None:
    session = sign_in(device.data_dir, gateway.url, "ada", person.password, "laptop").session
    kept = current_tokens(session)
    stale = replace(kept.credentials, expiration=datetime.now(UTC) - timedelta(minutes=1))
    session.tokens().save(replace(kept, credentials=stale))

    s3 = user_client(session, "s3")
    s3.put_object(Bucket=session.resources.bucket, Key=f"receipts/{session.user_id}/x", Body=b"1")

    assert gateway.count("/refresh") == 1
    assert current_tokens(session).credentials.expiration > datetime.now(UTC)


def test_the_user_credentials_are_the_gateways_not_the_environments(
    gateway: ServedGateway, person: Person, device: Folder, memory_keyring: MemoryKeyring
) -> None:
    session = sign_in(device.data_dir, gateway.url, "ada", person.password, "laptop").session
    frozen = aws_session(session).get_credentials().get_frozen_credentials()

    assert frozen.access_key == current_tokens(session).credentials.access_key_id
    assert frozen.access_key != "testing"  # what the environment holds in these tests


def test_concurrent_renewals_ask_the_gateway_once_and_keep_the_session_alive(
    gateway: ServedGateway, person: Person, device: Folder, memory_keyring: MemoryKeyring
) -> None:
    session = sign_in(device.data_dir, gateway.url, "ada", person.password, "laptop").session
    kept = current_tokens(session)
    session.tokens().save(
        replace(kept, access_expires_at=datetime.now(UTC) + timedelta(seconds=10))
    )
    used: list[str] = []

    def use() -> None:
        used.append(with_access_token(load_session(device), lambda token: token))  # type: ignore[arg-type]

    threads = [threading.Thread(target=use) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert gateway.count("/refresh") == 1
    assert len(set(used)) == 1 and used[0] != kept.access_token
    # the family was not taken for stolen: the rotated token still renews
    assert session.gateway().refresh(current_tokens(session).refresh_token)["user_id"]


def test_an_ended_session_signs_the_device_out(
    gateway: ServedGateway, person: Person, device: Folder, memory_keyring: MemoryKeyring
) -> None:
    session = sign_in(device.data_dir, gateway.url, "ada", person.password, "laptop").session
    kept = current_tokens(session)
    session.gateway().logout(kept.access_token, kept.refresh_token)  # as from elsewhere
    session.tokens().save(replace(kept, access_expires_at=datetime.now(UTC)))

    with pytest.raises(NotSignedIn, match="sign-in has ended"):
        with_access_token(session, lambda token: token)

    assert load_session(device) is None
    assert memory_keyring.entries == {}
    state = read_state(device.data_dir)
    assert state is not None and state.gateway_url == gateway.url  # remembered for next time


def test_signing_out_ends_the_session_at_the_gateway_and_forgets_the_tokens(
    gateway: ServedGateway, person: Person, device: Folder, memory_keyring: MemoryKeyring
) -> None:
    session = sign_in(device.data_dir, gateway.url, "ada", person.password, "laptop").session
    kept = current_tokens(session)

    assert sign_out(session) is True

    assert memory_keyring.entries == {}
    assert load_session(device) is None
    with pytest.raises(NotSignedIn):
        session.gateway().refresh(kept.refresh_token)


def test_signing_in_again_keeps_the_device_id_and_ends_the_old_session(
    gateway: ServedGateway, person: Person, device: Folder, memory_keyring: MemoryKeyring
) -> None:
    first = sign_in(device.data_dir, gateway.url, "ada", person.password, "laptop").session
    old = current_tokens(first)
    second = sign_in(device.data_dir, gateway.url, "ada", person.password, "laptop").session

    assert second.device_id == first.device_id
    with pytest.raises(NotSignedIn):
        first.gateway().refresh(old.refresh_token)
    assert current_tokens(second).refresh_token != old.refresh_token


def test_what_a_session_holds_is_never_shown_in_its_repr(
    gateway: ServedGateway, person: Person, device: Folder, memory_keyring: MemoryKeyring
) -> None:
    session = sign_in(device.data_dir, gateway.url, "ada", person.password, "laptop").session
    tokens = current_tokens(session)
    shown = repr(tokens) + repr(tokens.credentials) + repr(session)

    assert tokens.refresh_token not in shown and tokens.access_token not in shown
    assert tokens.credentials.secret_access_key not in shown


def test_tokens_read_back_as_they_were_kept() -> None:
    answer = {
        "refresh_token": "r",
        "access_token": "a",
        "access_expires_at": "2026-11-23T09:45:00Z",
        "credentials": {
            "access_key_id": "AK",
            "secret_access_key": "SK",
            "session_token": "ST",
            "expiration": "2026-11-23T10:30:00Z",
        },
    }
    tokens = Tokens.from_json(answer)

    assert Tokens.from_json(tokens.as_json()) == tokens
    assert tokens.credentials.expiration == datetime(2026, 11, 23, 10, 30, tzinfo=UTC)
