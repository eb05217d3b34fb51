"""This device's sign-in: who it is signed in as, and credentials that stay fresh.

`load_session(settings)` reads `cloud.json` only (no network, no boto3, no keyring): None when
signed out. `aws_session(session)` gives a boto3 session whose credentials are the user's
scoped ones and renew themselves through the gateway before they expire, also in the middle of
a long command (botocore's `RefreshableCredentials`). `with_access_token` runs a gateway call
with a fresh access token.

A refresh token may be used once: the gateway rotates it, and one presented twice ends the
whole session family. So every renewal takes a file lock in the data folder, then reads the
tokens again: when another sbp renewed them meanwhile, those are used and the gateway is not
asked again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol, TypeVar

from sbp.cloud.device_state import Resources, read_state, write_state
from sbp.cloud.gateway_client import GatewayClient
from sbp.cloud.private_files import ensure_folder
from sbp.cloud.token_store import Tokens, TokenStore, store_of
from sbp.core.errors import CloudUnavailable, NotSignedIn

T = TypeVar("T")
LOCK_FILE = "cloud.lock"
LOCK_WAIT_SECONDS = 60.0
ACCESS_MARGIN = timedelta(seconds=60)
# botocore renews credentials in their last 15 minutes (at the latest in their last 10); a set
# from the gateway is counted fresh only if it lasts beyond that, or every use would renew it.
AWS_ADVISORY = timedelta(minutes=15)
AWS_MANDATORY = timedelta(minutes=10)
AWS_MARGIN = AWS_ADVISORY + timedelta(minutes=1)


class HasDataDir(Protocol):
    """What the session needs of sbp's settings: where the data folder is."""

    @property
    def data_dir(self) -> Path: ...


@dataclass(frozen=True)
class CloudSession:
    """The account this device is signed in to; no secret is held here."""

    user_id: str
    username: str
    gateway_url: str
    device_id: str
    resources: Resources
    data_dir: Path
    token_store: str  # "keyring" or "file"

    def tokens(self) -> TokenStore:
        """Where this session's secrets are kept (imports keyring when that is the keyring)."""
        return store_of(self.token_store, self.data_dir, self.device_id)

    def gateway(self) -> GatewayClient:
        return GatewayClient(self.gateway_url)


def load_session(settings: HasDataDir) -> CloudSession | None:
    """The session this device is signed in with, or None when signed out (no network)."""
    state = read_state(settings.data_dir)
    if state is None or state.account is None:
        return None
    account = state.account
    return CloudSession(
        user_id=account.user_id,
        username=account.username,
        gateway_url=account.gateway_url,
        device_id=state.device_id,
        resources=account.resources,
        data_dir=settings.data_dir,
        token_store=account.token_store,
    )


def require_session(settings: HasDataDir) -> CloudSession:
    """The session, or NotSignedIn saying how to sign in."""
    session = load_session(settings)
    if session is None:
        raise NotSignedIn("this device is not signed in", hint="sign in first: sbp login")
    return session


def current_tokens(session: CloudSession) -> Tokens:
    """The tokens kept for `session`, as they are (no network)."""
    tokens = session.tokens().load()
    if tokens is None:
        raise NotSignedIn(
            f"this device's sign-in tokens are missing from {session.tokens().describe()}",
            hint="sign in again: sbp login",
        )
    return tokens


def with_access_token(session: CloudSession, call: Callable[[str], T]) -> T:
    """`call(access_token)` with a token that has not expired; when the gateway says it has
    (clocks differ), once more after renewing it."""
    tokens = renewed(session, lambda kept: _lasts(kept.access_expires_at, ACCESS_MARGIN))
    try:
        return call(tokens.access_token)
    except NotSignedIn:
        used = tokens.access_token
        tokens = renewed(session, lambda kept: kept.access_token != used)
        return call(tokens.access_token)


def renewed(session: CloudSession, still_good: Callable[[Tokens], bool]) -> Tokens:
    """The kept tokens if `still_good` says so, else new ones from the gateway (kept too).

    Serialized across processes by the lock file; a session the gateway has ended (a spent or
    revoked refresh token) signs this device out and raises NotSignedIn."""
    kept = current_tokens(session)
    if still_good(kept):
        return kept
    with _renewal_lock(session.data_dir):
        kept = current_tokens(session)  # another sbp may have renewed them while we waited
        if still_good(kept):
            return kept
        try:
            answer = session.gateway().refresh(kept.refresh_token)
        except NotSignedIn:
            forget(session)
            raise
        fresh = _tokens_of(answer)
        session.tokens().save(fresh)
        return fresh


def forget(session: CloudSession) -> None:
    """Sign this device out locally: its secrets deleted, `cloud.json` without the account
    (the gateway and the device id stay, for the next sign-in)."""
    session.tokens().delete()
    state = read_state(session.data_dir)
    if state is not None:
        write_state(session.data_dir, state.signed_out())


def aws_session(session: CloudSession) -> Any:
    """A boto3 Session with the user's scoped credentials and region, renewing them through
    the gateway before they expire. Create clients with `endpoint_url=
    session.resources.endpoint_url` (or `user_client`), so the local stack is reached too."""
    import boto3
    import botocore.session
    from botocore.credentials import CredentialResolver, RefreshableCredentials

    def fetch() -> dict[str, str]:
        fresh = renewed(session, lambda kept: _lasts(kept.credentials.expiration, AWS_MARGIN))
        return _metadata(fresh)

    credentials = RefreshableCredentials.create_from_metadata(
        _metadata(current_tokens(session)),
        refresh_using=fetch,
        method=GatewayCredentials.METHOD,
        advisory_timeout=int(AWS_ADVISORY.total_seconds()),
        mandatory_timeout=int(AWS_MANDATORY.total_seconds()),
    )
    core = botocore.session.get_session()
    # only these credentials: never the environment's or a profile's
    resolver = CredentialResolver([GatewayCredentials(credentials)])
    core.register_component("credential_provider", resolver)
    return boto3.session.Session(botocore_session=core, region_name=session.resources.region)


def user_client(session: CloudSession, service: str, aws: Any | None = None) -> Any:
    """A client of `service` with the user's credentials (from `aws`, or a new `aws_session`),
    reaching the stack's endpoint, with bounded retries and timeouts."""
    from sbp.cloud.clients import client_config

    boto = aws if aws is not None else aws_session(session)
    return boto.client(
        service, endpoint_url=session.resources.endpoint_url, config=client_config(service)
    )


class GatewayCredentials:
    """A botocore credential provider handing out the session's refreshable credentials."""

    METHOD = "sbp-gateway"
    CANONICAL_NAME = "sbp-gateway"

    def __init__(self, credentials: Any) -> None:
        self._credentials = credentials

    def load(self) -> Any:
        return self._credentials


def _metadata(tokens: Tokens) -> dict[str, str]:
    aws = tokens.credentials
    return {
        "access_key": aws.access_key_id,
        "secret_key": aws.secret_access_key,
        "token": aws.session_token,
        "expiry_time": aws.expiration.astimezone(UTC).isoformat(),
    }


def _tokens_of(answer: Any) -> Tokens:
    try:
        return Tokens.from_json(answer)
    except ValueError:
        raise CloudUnavailable(
            "the gateway's session could not be read", hint="is the address that of sbp's gateway?"
        ) from None


def _lasts(expiry: datetime, margin: timedelta) -> bool:
    return expiry - datetime.now(UTC) > margin


class _renewal_lock:
    """The data folder's lock file, held while tokens are renewed (one renewal at a time)."""

    def __init__(self, data_dir: Path) -> None:
        from filelock import FileLock

        ensure_folder(data_dir)
        self._lock = FileLock(data_dir / LOCK_FILE, timeout=LOCK_WAIT_SECONDS, mode=0o600)

    def __enter__(self) -> None:
        from filelock import Timeout

        try:
            self._lock.acquire()
        except Timeout:
            raise CloudUnavailable(
                "another sbp has been renewing this device's sign-in for a minute",
                hint="try again; if it goes on, look for a stuck sbp process",
            ) from None

    def __exit__(self, *exc: object) -> None:
        self._lock.release()
