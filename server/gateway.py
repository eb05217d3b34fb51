"""The gateway's parts, built once per app from its configuration and shared by every request.

Blueprints reach them through `gateway()`, so a test can build an app with its own
configuration (a cheap password hash, moto's endpoints) and nothing is global to the process.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app

from server.accounts import Accounts
from server.attempts import LoginAttempts
from server.aws_clients import AwsClients
from server.config import GatewayConfig
from server.credentials import CredentialBroker
from server.health import HealthCheck
from server.passwords import Passwords
from server.sessions import SessionFamilies
from server.tokens import AccessTokens

_EXTENSION = "sbp.gateway"


@dataclass(frozen=True)
class Gateway:
    """Configuration, AWS clients and the stores and services built on them."""

    config: GatewayConfig
    aws: AwsClients
    accounts: Accounts
    sessions: SessionFamilies
    attempts: LoginAttempts
    passwords: Passwords
    tokens: AccessTokens
    credentials: CredentialBroker
    health: HealthCheck

    @classmethod
    def build(cls, config: GatewayConfig) -> Gateway:
        aws = AwsClients.for_config(config)
        return cls(
            config=config,
            aws=aws,
            accounts=Accounts(aws.dynamodb, config.users_table),
            sessions=SessionFamilies(aws.dynamodb, config.sessions_table),
            attempts=LoginAttempts(aws.dynamodb, config.attempts_table),
            passwords=Passwords(config.hash_profile),
            tokens=AccessTokens(config.token_keys),
            credentials=CredentialBroker(aws, config),
            health=HealthCheck(
                aws.dynamodb, (config.users_table, config.sessions_table, config.attempts_table)
            ),
        )

    def attach(self, app: Flask) -> None:
        app.extensions[_EXTENSION] = self


def gateway() -> Gateway:
    """The gateway of the app handling the current request."""
    found: Gateway = current_app.extensions[_EXTENSION]
    return found
