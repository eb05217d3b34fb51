"""Short-lived AWS credentials scoped to one user: STS AssumeRole on the client role.

The session policy comes from `cloud.policies.client_session_policy`, the one place that writes
the stack's IAM documents; `session_policy` below is the gateway's only call into it. STS
intersects that policy with the client role's own, so the credentials reach only the user's
partition of the replica table, the user's `receipts/` and `reports/` prefixes and the
categorize queue. RoleSessionName and SourceIdentity are the opaque user id (never an e-mail
address: both show in CloudTrail).

Credentials are kept for a few minutes per process, keyed by user, with an S3 client and a POST
signer made from them: presigning a receipt upload needs them (S3 then checks the upload against
the user's own policy), and a burst of refreshes need not each cost an STS call.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from botocore.config import Config
from botocore.credentials import ReadOnlyCredentials

from cloud.names import StackNames
from cloud.policies import client_session_policy, policy_text
from server.aws_clients import AwsClients
from server.config import GatewayConfig
from server.dynamo import or_unavailable
from server.presigned_post import PostSigner

DURATION_SECONDS = 3600  # STS allows 900 to 3600 for a role's default maximum
REUSE_SECONDS = 300  # a cached set is handed out again while it is younger than this
_CACHED_USERS = 512


def session_policy(user_id: str, config: GatewayConfig) -> dict[str, Any]:
    """The session policy that confines a user's credentials to that user's own data."""
    names = StackNames(config.stack_prefix)
    return client_session_policy(user_id, names, config.account, config.region)


def stack_mismatches(config: GatewayConfig) -> list[str]:
    """Where the environment names other resources than the stack's own naming (then the
    session policy would not cover what the client is told to use)."""
    names = StackNames(config.stack_prefix)
    expected = {
        "SBP_REPLICA_TABLE": (config.replica_table, names.replica_table),
        "SBP_BUCKET": (config.bucket, names.bucket(config.account, config.region)),
        "SBP_CATEGORIZE_QUEUE_URL": (
            config.categorize_queue_url.rstrip("/").rsplit("/", 1)[-1],
            names.categorize_queue,
        ),
    }
    return [
        f"{variable} names {given!r}, but stack {config.stack_prefix!r} calls it {wanted!r}"
        for variable, (given, wanted) in expected.items()
        if given != wanted
    ]


@dataclass(frozen=True)
class ScopedCredentials:
    """One user's temporary credentials and when they were obtained."""

    access_key_id: str
    secret_access_key: str
    session_token: str
    expiration: datetime
    obtained: float

    def as_json(self) -> dict[str, str]:
        return {
            "access_key_id": self.access_key_id,
            "secret_access_key": self.secret_access_key,
            "session_token": self.session_token,
            "expiration": self.expiration.isoformat().replace("+00:00", "Z"),
        }


@dataclass(frozen=True)
class _UserEntry:
    credentials: ScopedCredentials
    s3: Any
    poster: PostSigner


class CredentialBroker:
    """Assumes the client role for a user, and keeps the result (with an S3 client and a POST
    signer using it) briefly."""

    def __init__(self, aws: AwsClients, config: GatewayConfig) -> None:
        self._aws = aws
        self._config = config
        self._cache: OrderedDict[str, _UserEntry] = OrderedDict()
        self._lock = threading.Lock()
        self._making_clients = threading.Lock()  # a boto3 session is not safe to share unlocked

    def for_user(self, user_id: str) -> ScopedCredentials:
        return self._entry(user_id).credentials

    def s3_for_user(self, user_id: str) -> Any:
        """An S3 client signing with the user's own scoped credentials."""
        return self._entry(user_id).s3

    def poster_for_user(self, user_id: str) -> PostSigner:
        """A signer of presigned POSTs into the bucket with the user's own credentials."""
        return self._entry(user_id).poster

    def _entry(self, user_id: str) -> _UserEntry:
        with self._lock:
            entry = self._cache.get(user_id)
            if entry and time.time() - entry.credentials.obtained < REUSE_SECONDS:
                self._cache.move_to_end(user_id)
                return entry
        credentials = self._assume(user_id)
        signing = ReadOnlyCredentials(
            credentials.access_key_id, credentials.secret_access_key, credentials.session_token
        )
        with self._making_clients:
            s3 = user_s3_client(self._aws.session, self._config.endpoint_url, signing)
        entry = _UserEntry(credentials, s3, PostSigner(s3, self._config.bucket, signing))
        with self._lock:
            self._cache[user_id] = entry
            while len(self._cache) > _CACHED_USERS:
                self._cache.popitem(last=False)
        return entry

    def _assume(self, user_id: str) -> ScopedCredentials:
        policy = policy_text(session_policy(user_id, self._config))
        with or_unavailable():
            answer = self._aws.sts.assume_role(
                RoleArn=self._config.client_role_arn,
                RoleSessionName=user_id,
                SourceIdentity=user_id,
                Policy=policy,
                DurationSeconds=DURATION_SECONDS,
            )["Credentials"]
        return ScopedCredentials(
            access_key_id=answer["AccessKeyId"],
            secret_access_key=answer["SecretAccessKey"],
            session_token=answer["SessionToken"],
            expiration=answer["Expiration"],
            obtained=time.time(),
        )


def user_s3_client(session: Any, endpoint: str | None, credentials: ReadOnlyCredentials) -> Any:
    """An S3 client signing with `credentials` (SigV4; path-style on the local stack)."""
    return session.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=credentials.access_key,
        aws_secret_access_key=credentials.secret_key,
        aws_session_token=credentials.token,
        config=Config(
            signature_version="s3v4",
            s3={"addressing_style": "path" if endpoint else "virtual"},
        ),
    )
